from django.urls import path

from tradewind.trade.shipdocs.views import documents, lists, setup

app_name = "shipdocs"

DOCUMENT = "shipping-documents/documents/<uuid:document_id>/"
SHIPMENT = "shipments/<uuid:shipment_id>/documents/"

# Included under /w/<slug>/. A shipment's checklist lives under the shipment; a document's own actions under
# shipping-documents/, by the document's id alone.
urlpatterns = [
    path(SHIPMENT, documents.shipment_documents, name="shipment_documents"),
    path(SHIPMENT + "recompute/", documents.sync, name="sync"),
    path(SHIPMENT + "add/", documents.add, name="add"),
    path(SHIPMENT + "commercial-invoice.pdf", documents.invoice_pdf, name="invoice_pdf"),
    path(SHIPMENT + "packing-list.pdf", documents.packing_list_pdf, name="packing_list_pdf"),
    path("shipping-documents/", lists.document_list, name="list"),
    path(DOCUMENT + "status/", documents.status, name="status"),
    path(DOCUMENT + "edit/", documents.edit, name="edit"),
    path(DOCUMENT + "upload/", documents.upload, name="upload"),
    path(DOCUMENT + "versions/<uuid:document_version_id>/", documents.version_file, name="version_file"),
    path(DOCUMENT + "delete/", documents.delete, name="delete"),
    path("shipping-documents/rules/", setup.rule_list, name="rules"),
    path("shipping-documents/rules/new/", setup.rule_create, name="rule_create"),
    path("shipping-documents/rules/<uuid:document_rule_id>/", setup.rule_edit, name="rule_edit"),
    path("shipping-documents/rules/<uuid:document_rule_id>/delete/", setup.rule_delete, name="rule_delete"),
    path("shipping-documents/origin/", setup.origin_list, name="origin"),
    path("shipping-documents/origin/<uuid:origin_rule_id>/", setup.origin_edit, name="origin_edit"),
    path(
        "shipping-documents/origin/<uuid:origin_rule_id>/delete/", setup.origin_delete, name="origin_delete"
    ),
    path("shipping-documents/letters-of-credit/", lists.letter_list, name="letters"),
    path(
        "shipping-documents/orders/<uuid:order_id>/letter-of-credit/", lists.letter_edit, name="letter_edit"
    ),
    path(
        "shipping-documents/orders/<uuid:order_id>/letter-of-credit/delete/",
        lists.letter_delete,
        name="letter_delete",
    ),
]
