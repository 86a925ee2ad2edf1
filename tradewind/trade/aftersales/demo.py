"""The demo workspace's after-sales: on its confirmed orders, a buyer's open claim about crushed cartons
(with a photo) that customer service is investigating, and an older claim about quality resolved with a
credit note that waits for the buyer's next order. Made through the services, as a person would."""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tradewind.core.money import currency_minor_units
from tradewind.trade.aftersales import services
from tradewind.trade.aftersales.choices import CaseStatus, CaseType, Resolution
from tradewind.trade.aftersales.models import AftersalesCase
from tradewind.trade.aftersales.shipments import order_shipments
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order

SERVICE = "grace.he@haichao.example"
MANAGER = "zhang.wei@haichao.example"


def _share(order: Order, percent: str) -> Decimal:
    """`percent` of the order's total, in its currency's minor units (at least one unit)."""
    quantum = Decimal(1).scaleb(-currency_minor_units(order.currency))
    amount = (order.total * Decimal(percent) / 100).quantize(quantum, rounding=ROUND_HALF_UP)
    return max(amount, quantum)


def _carton_photo() -> SimpleUploadedFile:
    """A picture of a crushed carton, drawn here so the demo needs no image file."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 360), (236, 238, 241))
    draw = ImageDraw.Draw(image)
    draw.polygon([(90, 120), (300, 90), (390, 150), (370, 300), (110, 310)], fill=(181, 137, 90))
    draw.line([(90, 120), (240, 200), (390, 150)], fill=(120, 86, 50), width=6)
    draw.line([(240, 200), (230, 305)], fill=(120, 86, 50), width=6)
    draw.line([(150, 160), (210, 260), (180, 300)], fill=(90, 60, 30), width=4)  # the crease
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("carton-crushed.jpg", out.getvalue(), content_type="image/jpeg")


def demo_aftersales(*, workspace, members_by_email) -> None:
    if AftersalesCase.objects.filter(workspace=workspace).exists():
        return  # the demo is made once
    service = members_by_email.get(SERVICE) or members_by_email.get(MANAGER)
    if service is None:
        return
    orders = list(
        Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED)
        .select_related("customer", "owner", "workspace")
        .order_by("confirmed_at", "id")
    )
    if not orders:
        return
    damaged = orders[0]
    shipments = order_shipments(damaged)
    case = services.case_create(
        actor=service,
        order=damaged,
        case_type=CaseType.DAMAGE,
        description=(
            "The buyer reports 12 cartons crushed on arrival at the warehouse; the inner boxes of 36 kettles "
            "are dented and 4 kettles do not close. Photos taken at unloading, before the goods were moved."
        ),
        claimed_amount=_share(damaged, "2.5"),
        shipment=shipments[0] if shipments else None,
    )
    services.case_photo_add(actor=service, case=case, upload=_carton_photo())
    services.case_set_status(actor=service, case=case, status=CaseStatus.INVESTIGATING)
    if len(orders) < 2:
        return
    quality = orders[1]
    claim = _share(quality, "4")
    resolved = services.case_create(
        actor=service,
        order=quality,
        case_type=CaseType.QUALITY,
        description=(
            "Colour of the lids differs from the approved sample on 200 pieces (Pantone 7546 C ordered, a "
            "lighter grey delivered). The buyer sells them at a discount."
        ),
        claimed_amount=claim,
    )
    services.case_set_status(actor=service, case=resolved, status=CaseStatus.AWAITING_BUYER)
    services.case_resolve(
        actor=service,
        case=resolved,
        resolution=Resolution.CREDIT_NOTE,
        agreed_amount=_share(quality, "3"),
        note=(
            "Agreed with the buyer by phone: a credit note deducted from the next order; QC to check the lid "
            "colour against the sample before shipment."
        ),
    )
