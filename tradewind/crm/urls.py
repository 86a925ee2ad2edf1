from django.urls import path

from tradewind.crm.views import contacts, customers, follow_ups, pool, settings, timeline

app_name = "crm"

# Included under /w/<slug>/.
urlpatterns = [
    path("customers/", customers.customer_list, name="list"),
    path("customers/new/", customers.customer_create, name="create"),
    path("customers/check/", customers.duplicate_check_fragment, name="check"),
    path("customers/follow-ups/", follow_ups.follow_ups, name="follow_ups"),
    path("customers/handover/", pool.handover, name="handover"),
    path("customers/settings/", settings.crm_settings_view, name="settings"),
    path("customers/<uuid:customer_id>/", customers.customer_detail, name="detail"),
    path("customers/<uuid:customer_id>/edit/", customers.customer_edit, name="edit"),
    path("customers/<uuid:customer_id>/contacts/new/", contacts.contact_edit, name="contact_add"),
    path(
        "customers/<uuid:customer_id>/contacts/<uuid:contact_id>/", contacts.contact_edit, name="contact_edit"
    ),
    path(
        "customers/<uuid:customer_id>/contacts/<uuid:contact_id>/delete/",
        contacts.contact_delete,
        name="contact_delete",
    ),
    path("customers/<uuid:customer_id>/log/", timeline.timeline_log, name="log"),
    path("customers/<uuid:customer_id>/follow-up/", timeline.follow_up, name="follow_up"),
    path("customers/<uuid:customer_id>/claim/", pool.claim, name="claim"),
    path("customers/<uuid:customer_id>/release/", pool.release, name="release"),
    path("customers/<uuid:customer_id>/assign/", pool.assign, name="assign"),
    path("customers/<uuid:customer_id>/merge/", pool.merge, name="merge"),
]
