from django.urls import path

from tradewind.crm import views

app_name = "crm"

# Included under /w/<slug>/.
urlpatterns = [
    path("customers/", views.customer_list, name="list"),
    path("customers/new/", views.customer_create, name="create"),
    path("customers/check/", views.duplicate_check_fragment, name="check"),
    path("customers/follow-ups/", views.follow_ups, name="follow_ups"),
    path("customers/handover/", views.handover, name="handover"),
    path("customers/settings/", views.crm_settings_view, name="settings"),
    path("customers/<uuid:customer_id>/", views.customer_detail, name="detail"),
    path("customers/<uuid:customer_id>/edit/", views.customer_edit, name="edit"),
    path("customers/<uuid:customer_id>/contacts/new/", views.contact_edit, name="contact_add"),
    path("customers/<uuid:customer_id>/contacts/<uuid:contact_id>/", views.contact_edit, name="contact_edit"),
    path(
        "customers/<uuid:customer_id>/contacts/<uuid:contact_id>/delete/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("customers/<uuid:customer_id>/log/", views.timeline_log, name="log"),
    path("customers/<uuid:customer_id>/follow-up/", views.follow_up, name="follow_up"),
    path("customers/<uuid:customer_id>/claim/", views.claim, name="claim"),
    path("customers/<uuid:customer_id>/release/", views.release, name="release"),
    path("customers/<uuid:customer_id>/assign/", views.assign, name="assign"),
    path("customers/<uuid:customer_id>/merge/", views.merge, name="merge"),
]

# Import and export (tradewind/crm/import_views.py).
from tradewind.crm import import_views  # noqa: E402

urlpatterns += [
    path("customers/export/", import_views.customer_export, name="export"),
    path("customers/imports/", import_views.import_list, name="import_list"),
    path("customers/imports/<uuid:import_id>/", import_views.import_detail, name="import_detail"),
    path("customers/imports/<uuid:import_id>/columns/", import_views.import_map, name="import_map"),
    path("customers/imports/<uuid:import_id>/preview/", import_views.import_preview, name="import_preview"),
    path("customers/imports/<uuid:import_id>/errors.csv", import_views.import_errors, name="import_errors"),
    path("customers/imports/<uuid:import_id>/discard/", import_views.import_discard, name="import_discard"),
]
