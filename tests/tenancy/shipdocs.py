"""Shipping documents in the URL matrix: a shipment of the victim's order with its checklist, a document with
a file version, a rule, an origin row and the order's L/C — each carrying the marker."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import workspace_today

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "shipdocs:shipment_documents": "404",
    "shipdocs:sync": "404",
    "shipdocs:add": "404",
    "shipdocs:invoice_pdf": "404",
    "shipdocs:packing_list_pdf": "404",
    "shipdocs:list": "404",
    "shipdocs:status": "404",
    "shipdocs:edit": "404",
    "shipdocs:upload": "404",
    "shipdocs:version_file": "404",
    "shipdocs:delete": "404",
    "shipdocs:rules": "404",
    "shipdocs:rule_create": "404",
    "shipdocs:rule_edit": "404",
    "shipdocs:rule_delete": "404",
    "shipdocs:origin": "404",
    "shipdocs:origin_edit": "404",
    "shipdocs:origin_delete": "404",
    "shipdocs:letters": "404",
    "shipdocs:letter_edit": "404",
    "shipdocs:letter_delete": "404",
    "api:shipdocs_rule_list": "404",
    "api:shipdocs_rule_create": "404",
    "api:shipdocs_rule_detail": "404",
    "api:shipdocs_rule_update": "404",
    "api:shipdocs_rule_delete": "404",
    "api:shipdocs_origin_list": "404",
    "api:shipdocs_origin_create": "404",
    "api:shipdocs_origin_update": "404",
    "api:shipdocs_origin_delete": "404",
    "api:shipdocs_checklist": "404",
    "api:shipdocs_document_add": "404",
    "api:shipdocs_sync": "404",
    "api:shipdocs_figures": "404",
    "api:shipdocs_invoice_pdf": "404",
    "api:shipdocs_packing_list_pdf": "404",
    "api:shipdocs_document_detail": "404",
    "api:shipdocs_document_update": "404",
    "api:shipdocs_document_delete": "404",
    "api:shipdocs_document_status": "404",
    "api:shipdocs_version_add": "404",
    "api:shipdocs_version_file": "404",
    "api:shipdocs_letter_list": "404",
    "api:shipdocs_letter_detail": "404",
    "api:shipdocs_letter_save": "404",
    "api:shipdocs_letter_delete": "404",
}

PARAMS = {
    "shipment_id": "shipment_id",
    "document_id": "document_id",
    "document_version_id": "document_version_id",
    "document_rule_id": "document_rule_id",
    "origin_rule_id": "origin_rule_id",
}


def build(*, owner, member, customer, order, product) -> dict:
    from tradewind.trade.shipdocs import services
    from tradewind.trade.shipdocs.choices import DocumentKind, OriginType, RuleTrigger
    from tradewind.trade.shipping.models import Shipment, ShipmentLine

    # Another app's build may have made a shipment of the order already; else one through the ORM (the
    # shipping services are that app's). Sequence 9 leaves S1… to the shipping app's own build.
    shipment = Shipment.objects.filter(order=order).first()
    if shipment is None:
        shipment = Shipment.objects.create(
            workspace=order.workspace,
            order=order,
            number=f"{order.number}-S9",
            sequence=9,
            remarks=f"Packed on wooden pallets {MARKER}",
        )
        for line in order.lines.all():
            ShipmentLine.objects.create(
                workspace=order.workspace, shipment=shipment, order_line=line, quantity=line.quantity
            )
    rule = services.rule_create(
        actor=owner,
        trigger=RuleTrigger.DESTINATION,
        values=["DE"],
        kind=DocumentKind.INSPECTION_CERTIFICATE,
        name=f"Inspection {MARKER}",
        notes=MARKER,
    )
    origin = services.origin_rule_create(
        actor=owner, country="MX", origin_type=OriginType.GENERAL, notes=MARKER
    )
    services.letter_of_credit_save(
        actor=owner,
        order=order,
        number=f"LC-{MARKER}",
        issuing_bank=f"Bank {MARKER}",
        expiry_date=workspace_today() + dt.timedelta(days=90),
        documents_required=[DocumentKind.INSURANCE_POLICY],
        notes=MARKER,
    )
    services.shipment_documents_sync(shipment=shipment, actor=owner)
    document = services.document_add(
        actor=owner, shipment=shipment, kind=DocumentKind.OTHER, name=f"Certificate {MARKER}", notes=MARKER
    )
    version = services.document_version_add(
        actor=owner,
        document=document,
        upload=SimpleUploadedFile(f"{MARKER}.pdf", b"%PDF-1.4 " + MARKER.encode()),
    )
    return {
        "shipment_id": shipment.public_id,
        "document_id": document.public_id,
        "document_version_id": version.public_id,
        "document_rule_id": rule.public_id,
        "origin_rule_id": origin.public_id,
    }
