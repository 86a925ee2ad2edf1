from django.urls import path

from tradewind.trade.inquiries.views import inquiries, setup

app_name = "inquiries"

# Included under /w/<slug>/.
urlpatterns = [
    path("inquiries/", inquiries.inquiry_list, name="list"),
    path("inquiries/new/", inquiries.inquiry_create, name="create"),
    path("inquiries/customers/", inquiries.customer_search, name="customer_search"),
    path("inquiries/settings/", setup.settings_edit, name="settings"),
    path("inquiries/settings/token/", setup.token_regenerate, name="token"),
    path("inquiries/settings/lost-reasons/", setup.lost_reason_add, name="lost_reason_add"),
    path(
        "inquiries/settings/lost-reasons/<uuid:reason_id>/delete/",
        setup.lost_reason_delete,
        name="lost_reason_delete",
    ),
    path("inquiries/competitors/", setup.competitor_list, name="competitors"),
    path("inquiries/competitors/<uuid:competitor_id>/", setup.competitor_edit, name="competitor_edit"),
    path(
        "inquiries/competitors/<uuid:competitor_id>/delete/",
        setup.competitor_delete,
        name="competitor_delete",
    ),
    path("inquiries/<uuid:inquiry_id>/", inquiries.inquiry_detail, name="detail"),
    path("inquiries/<uuid:inquiry_id>/edit/", inquiries.inquiry_edit, name="edit"),
    path("inquiries/<uuid:inquiry_id>/assign/", inquiries.inquiry_assign, name="assign"),
    path("inquiries/<uuid:inquiry_id>/claim/", inquiries.inquiry_claim, name="claim"),
    path("inquiries/<uuid:inquiry_id>/respond/", inquiries.inquiry_respond, name="respond"),
    path("inquiries/<uuid:inquiry_id>/lost/", inquiries.inquiry_lost, name="lost"),
    path("inquiries/<uuid:inquiry_id>/close/", inquiries.inquiry_close, name="close"),
    path("inquiries/<uuid:inquiry_id>/reopen/", inquiries.inquiry_reopen, name="reopen"),
    path("inquiries/<uuid:inquiry_id>/customer/", inquiries.inquiry_link_customer, name="link_customer"),
    path(
        "inquiries/<uuid:inquiry_id>/customer/new/", inquiries.inquiry_create_customer, name="create_customer"
    ),
    path("inquiries/<uuid:inquiry_id>/attachments/", inquiries.attachment_add, name="attachment_add"),
    path(
        "inquiries/<uuid:inquiry_id>/attachments/<uuid:inquiry_attachment_id>/",
        inquiries.attachment_file,
        name="attachment_file",
    ),
    path(
        "inquiries/<uuid:inquiry_id>/attachments/<uuid:inquiry_attachment_id>/remove/",
        inquiries.attachment_remove,
        name="attachment_remove",
    ),
]
