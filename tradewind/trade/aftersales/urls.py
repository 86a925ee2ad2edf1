from django.urls import path

from tradewind.trade.aftersales.views import actions, cases, settings

app_name = "aftersales"

# Included under /w/<slug>/.
urlpatterns = [
    path("after-sales/", cases.case_list, name="list"),
    path("after-sales/new/", cases.case_create, name="create"),
    path("after-sales/settings/", settings.settings_edit, name="settings"),
    path("after-sales/credits/<uuid:credit_id>/apply/", actions.credit_apply, name="credit_apply"),
    path("after-sales/<uuid:case_id>/", cases.case_detail, name="detail"),
    path("after-sales/<uuid:case_id>/edit/", cases.case_edit, name="edit"),
    path("after-sales/<uuid:case_id>/status/", actions.case_status, name="status"),
    path("after-sales/<uuid:case_id>/resolve/", actions.case_resolve, name="resolve"),
    path("after-sales/<uuid:case_id>/photos/", actions.photo_add, name="photo_add"),
    path("after-sales/<uuid:case_id>/photos/<uuid:case_photo_id>/", actions.photo_file, name="photo_file"),
    path(
        "after-sales/<uuid:case_id>/photos/<uuid:case_photo_id>/thumbnail/",
        actions.photo_thumbnail,
        name="photo_thumbnail",
    ),
    path(
        "after-sales/<uuid:case_id>/photos/<uuid:case_photo_id>/remove/",
        actions.photo_remove,
        name="photo_remove",
    ),
]
