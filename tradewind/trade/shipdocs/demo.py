"""Demo shipping documents: every shipment under way gets its checklist from the default rules, and the
demo's L/C order (CIF Rotterdam, 100 % L/C at sight) has its L/C recorded and its documents half done — the
CI and PL checked, the B/L draft from the forwarder in, the certificate of origin being drafted, the rest to
prepare — with the presentation deadline counting. Made through the services, as the documents clerk (Li Na)
and logistics (Zhao Lei) would; the shipment is the shipping demo's where it made one."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order
from tradewind.trade.shipdocs import services
from tradewind.trade.shipdocs.checklist import payment_methods
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.trade.shipdocs.choices import DocumentStatus as S
from tradewind.trade.shipdocs.models import LetterOfCredit, ShipmentDocument
from tradewind.trade.shipdocs.services.sync import OPEN_STATUSES
from tradewind.trade.shipping.models import Container, Shipment, ShipmentLine, ShipmentStatus

CLERK = "li.na@haichao.example"
LOGISTICS = "zhao.lei@haichao.example"


def _draft(name: str, text: str) -> ContentFile:
    """A one-page PDF standing in for a scan (enough for the demo's downloads)."""
    body = f"%PDF-1.4\n% {text}\n".encode()
    return ContentFile(body, name=name)


def _lc_shipment(order) -> Shipment:
    """The shipping demo's first shipment of the order, else one made here (sailed, in one container)."""
    shipment = order.shipments.exclude(status=ShipmentStatus.CANCELLED).order_by("sequence").first()
    if shipment is not None:
        return shipment
    today = timezone.localdate()
    shipment = Shipment.objects.create(
        workspace=order.workspace,
        order=order,
        number=f"{order.number}-S1",
        sequence=1,
        status=ShipmentStatus.SHIPPED,
        forwarder="Ningbo Ocean Link Logistics",
        booking_number="MEDUNB778812",
        vessel="MSC Ambra",
        voyage="FE549W",
        port_of_loading="CNNGB",
        port_of_discharge="NLRTM",
        etd=today - dt.timedelta(days=4),
        atd=today - dt.timedelta(days=4),
        eta=today + dt.timedelta(days=27),
        bl_number="MEDUN7781204",
        bl_date=today - dt.timedelta(days=4),
    )
    cartons = 0
    for line in order.lines.all():
        ShipmentLine.objects.create(
            workspace=order.workspace, shipment=shipment, order_line=line, quantity=line.quantity
        )
        cartons += line.cartons or 0
    Container.objects.create(
        workspace=order.workspace,
        shipment=shipment,
        container_type="40HQ",
        number="MSKU9070323",
        seal_number="ML-CN4471902",
        cartons=cartons,
        gross_kg=order.gross_kg,
        cbm=order.cbm,
    )
    Shipment.objects.filter(pk=shipment.pk).update(cartons=cartons, gross_kg=order.gross_kg, cbm=order.cbm)
    return shipment


def demo_shipdocs(*, workspace, members_by_email) -> None:
    clerk = members_by_email[CLERK]
    logistics = members_by_email.get(LOGISTICS, clerk)
    today = timezone.localdate()
    orders = Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED).order_by("id")
    lc_order = next((o for o in orders if "lc" in payment_methods(o)), None)
    if lc_order is not None and LetterOfCredit.objects.filter(order=lc_order).exists():
        lc_order = None  # made once: a second run leaves the documents as the team moved them
    if lc_order is not None:
        services.letter_of_credit_save(
            actor=clerk,
            order=lc_order,
            number=f"LC{today:%y}RTM0{lc_order.pk:04d}",
            issuing_bank="ABN AMRO Bank N.V., Rotterdam",
            advising_bank="Bank of China, Ningbo Branch",
            issued_on=today - dt.timedelta(days=25),
            expiry_date=today + dt.timedelta(days=35),
            latest_shipment_date=today + dt.timedelta(days=10),
            presentation_days=21,
            documents_required=[
                K.COMMERCIAL_INVOICE,
                K.PACKING_LIST,
                K.BILL_OF_LADING,
                K.INSURANCE_POLICY,
                K.CERTIFICATE_OF_ORIGIN,
                K.INSPECTION_CERTIFICATE,
            ],
            notes="Full set of clean on board B/L made out to order, blank endorsed. "
            "Insurance for 110 % of the CIF value. Partial shipments not allowed.",
        )
        _lc_shipment(lc_order)
    for shipment in Shipment.objects.filter(workspace=workspace, status__in=OPEN_STATUSES).select_related(
        "order"
    ):
        services.shipment_documents_sync(shipment=shipment, actor=clerk)
    # Orders whose team names no documents clerk (the workflow's defaults unset): Li Na takes them.
    for document in ShipmentDocument.objects.filter(workspace=workspace, owner__isnull=True).select_related(
        "shipment__order", "shipment__workspace"
    ):
        services.document_update(actor=clerk, document=document, owner=clerk)
    if lc_order is None:
        return
    shipment = _lc_shipment(lc_order)
    documents = {d.kind: d for d in shipment.documents.all()}
    for kind in (K.COMMERCIAL_INVOICE, K.PACKING_LIST):  # checked: their PDFs are kept as they were
        services.document_status_set(actor=clerk, document=documents[kind], status=S.CHECKED)
    services.document_version_add(
        actor=logistics,
        document=documents[K.BILL_OF_LADING],
        upload=_draft("BL-draft-MSC.pdf", "Draft B/L from the forwarder"),
        note="Draft from the forwarder: check the consignee",
    )
    services.document_version_add(
        actor=clerk,
        document=documents[K.CERTIFICATE_OF_ORIGIN],
        upload=_draft("CO-draft.pdf", "CCPIT draft"),
    )
    if K.EXPORT_DECLARATION in documents:
        services.document_version_add(
            actor=clerk,
            document=documents[K.EXPORT_DECLARATION],
            upload=_draft("customs-declaration.pdf", "报关单"),
        )
        services.document_status_set(actor=clerk, document=documents[K.EXPORT_DECLARATION], status=S.CHECKED)
