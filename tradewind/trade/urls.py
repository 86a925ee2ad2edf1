from django.urls import path

from tradewind.trade.views import orders, quotations

app_name = "trade"

QUOTATION = "quotations/<uuid:quotation_id>/"
ORDER = "orders/<uuid:order_id>/"

# Included under /w/<slug>/.
urlpatterns = [
    path("quotations/", quotations.quotation_list, name="quotations"),
    path("quotations/new/", quotations.quotation_create, name="quotation_create"),
    path(QUOTATION, quotations.quotation_detail, name="quotation"),
    path(QUOTATION + "edit/", quotations.quotation_edit, name="quotation_edit"),
    path(QUOTATION + "pdf/", quotations.quotation_pdf, name="quotation_pdf"),
    path(QUOTATION + "submit/", quotations.quotation_submit, name="quotation_submit"),
    path(QUOTATION + "approve/", quotations.quotation_approve, name="quotation_approve"),
    path(QUOTATION + "reject/", quotations.quotation_reject, name="quotation_reject"),
    path(QUOTATION + "send/", quotations.quotation_send, name="quotation_send"),
    path(QUOTATION + "mark-sent/", quotations.quotation_mark_sent, name="quotation_mark_sent"),
    path(QUOTATION + "accept/", quotations.quotation_accept, name="quotation_accept"),
    path(QUOTATION + "decline/", quotations.quotation_decline, name="quotation_decline"),
    path(QUOTATION + "revise/", quotations.quotation_revise, name="quotation_revise"),
    path(QUOTATION + "copy/", quotations.quotation_copy, name="quotation_copy"),
    path(QUOTATION + "pi/", orders.order_from_quotation, name="order_from_quotation"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/new/", orders.order_create, name="order_create"),
    path(ORDER, orders.order_detail, name="order"),
    path(ORDER + "edit/", orders.order_edit, name="order_edit"),
    path(ORDER + "confirm/", orders.order_confirm, name="order_confirm"),
    path(ORDER + "cancel/", orders.order_cancel, name="order_cancel"),
    path(ORDER + "pdf/", orders.order_pdf, name="order_pdf"),
    path(ORDER + "signed-pi/", orders.order_signed_pi, name="order_signed_pi"),
    path("sales/settings/", orders.trade_settings, name="settings"),
]
