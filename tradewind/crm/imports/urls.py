from django.urls import path

from tradewind.crm.imports import views

app_name = "crm_imports"

# Included under /w/<slug>/, beside the customer pages.
urlpatterns = [
    path("customers/export/", views.customer_export, name="export"),
    path("customers/imports/", views.import_list, name="list"),
    path("customers/imports/<uuid:import_id>/", views.import_detail, name="detail"),
    path("customers/imports/<uuid:import_id>/columns/", views.import_map, name="map"),
    path("customers/imports/<uuid:import_id>/preview/", views.import_preview, name="preview"),
    path("customers/imports/<uuid:import_id>/errors.csv", views.import_errors, name="errors"),
    path("customers/imports/<uuid:import_id>/discard/", views.import_discard, name="discard"),
]
