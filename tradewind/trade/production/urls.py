from django.urls import path

from tradewind.trade.production.views import inspections, production, suppliers

app_name = "production"

SUPPLIER = "suppliers/<uuid:supplier_id>/"
PRODUCTION = "orders/<uuid:order_id>/production/"
ONE = PRODUCTION + "<uuid:production_id>/"
INSPECTION = "inspections/<uuid:inspection_id>/"

# Included under /w/<slug>/.
urlpatterns = [
    path("suppliers/", suppliers.supplier_list, name="suppliers"),
    path("suppliers/new/", suppliers.supplier_create, name="supplier_create"),
    path(SUPPLIER, suppliers.supplier_detail, name="supplier"),
    path(SUPPLIER + "edit/", suppliers.supplier_edit, name="supplier_edit"),
    path(SUPPLIER + "archive/", suppliers.supplier_archive, name="supplier_archive"),
    path(PRODUCTION + "new/", production.production_create, name="production_create"),
    path(PRODUCTION + "inspections/new/", inspections.inspection_create, name="inspection_create"),
    path(ONE, production.production_detail, name="production"),
    path(ONE + "edit/", production.production_edit, name="production_edit"),
    path(ONE + "progress/", production.progress_add, name="progress_add"),
    path(
        ONE + "photos/<uuid:progress_photo_id>/<str:size>/", production.progress_photo, name="progress_photo"
    ),
    path("inspections/", inspections.inspection_list, name="inspections"),
    path(INSPECTION, inspections.inspection_detail, name="inspection"),
    path(INSPECTION + "edit/", inspections.inspection_edit, name="inspection_edit"),
    path(INSPECTION + "result/", inspections.inspection_result, name="inspection_result"),
    path(INSPECTION + "attach/", inspections.inspection_attach, name="inspection_attach"),
    path(INSPECTION + "accept-risk/", inspections.inspection_accept_risk, name="inspection_accept_risk"),
    path(INSPECTION + "report/", inspections.inspection_report, name="inspection_report"),
    path(
        INSPECTION + "photos/<uuid:inspection_photo_id>/<str:size>/",
        inspections.inspection_photo,
        name="inspection_photo",
    ),
]
