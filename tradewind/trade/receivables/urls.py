from django.urls import path

from tradewind.trade.receivables.views import lists, receipts

app_name = "receivables"

RECEIPTS = "orders/<uuid:order_id>/receipts/"

# Included under /w/<slug>/.
urlpatterns = [
    path("receivables/", lists.receivable_list, name="list"),
    path("receivables/export/", lists.receivable_export, name="export"),
    path("receivables/receipts/", lists.receipt_list, name="receipts"),
    path("receivables/settings/", lists.settings_edit, name="settings"),
    path(RECEIPTS + "new/", receipts.receipt_create, name="receipt_create"),
    path(RECEIPTS + "<uuid:receipt_id>/", receipts.receipt_detail, name="receipt"),
    path(RECEIPTS + "<uuid:receipt_id>/reverse/", receipts.receipt_reverse, name="receipt_reverse"),
]
