"""Demo shipments: logistics (Zhao Lei) ships the demo's confirmed orders — one in two parts (the first
sailed with its B/L, the rest planned), one arrived after its ETA moved for port congestion, one booked and
waiting to sail — in containers with real-looking numbers whose ISO 6346 check digits are right. Made
through the services, so history, totals and the board's next ETD are as the app would make them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from tradewind.trade.choices import OrderStatus
from tradewind.trade.lines import WHOLE_UNITS
from tradewind.trade.models import Order
from tradewind.trade.shipping import services
from tradewind.trade.shipping.models import Shipment

LOGISTICS = "zhao.lei@haichao.example"
MANAGER = "zhang.wei@haichao.example"
# Owner codes of real carriers, with serials whose check digits were worked out by ISO 6346.
CONTAINERS = ("MSKU9070323", "CSQU3054383", "TGHU2604183", "EGHU9012345", "OOLU7130554")


def _share(line, part: Decimal) -> Decimal:
    quantity = line.quantity * part
    places = Decimal(1) if line.unit in WHOLE_UNITS else Decimal("0.001")
    return quantity.quantize(places, ROUND_DOWN)


def _pack(actor, shipment: Shipment, boxes: list[tuple[str, str, str]]) -> None:
    """Containers sharing the shipment's cartons, weight and volume (as its goods' packing worked them out);
    the last takes what the others leave, so the sums stay exact."""
    shipment.refresh_from_db()
    left = [shipment.cartons, shipment.gross_kg, shipment.cbm]
    for index, (kind, number, seal) in enumerate(boxes):
        if index < len(boxes) - 1:
            cartons = shipment.cartons // len(boxes)
            kg = (shipment.gross_kg / len(boxes)).quantize(Decimal("0.01"))
            cbm = (shipment.cbm / len(boxes)).quantize(Decimal("0.0001"))
        else:
            cartons, kg, cbm = left
        left = [left[0] - cartons, left[1] - kg, left[2] - cbm]
        services.container_add(
            actor=actor, shipment=shipment, container_type=kind, number=number, seal_number=seal,
            cartons=cartons, gross_kg=kg, cbm=cbm,
        )  # fmt: skip


def _sail(actor, shipment: Shipment, *, on: dt.date, bl: str) -> Shipment:
    services.shipment_status_set(actor=actor, shipment=shipment, status="booked")
    services.shipment_status_set(actor=actor, shipment=shipment, status="shipped", on=on)
    return services.shipment_update(actor=actor, shipment=shipment, bl_number=bl, bl_date=on)


def _partial(actor, order: Order, today: dt.date) -> None:
    """60 % sailed three days ago in one 40HQ with its B/L; the rest planned for three weeks later."""
    goods = [services.GoodsInput(line, _share(line, Decimal("0.6"))) for line in order.lines.all()]
    first = services.shipment_create(
        actor=actor, order=order, mode="sea_fcl", forwarder="Ningbo Ocean Link Logistics",
        booking_number="NGBF26120871", vessel="MSC AURORA", voyage="FE612W", port_of_loading="CNNGB",
        etd=today - dt.timedelta(days=3), eta=today + dt.timedelta(days=28),
        lines=[g for g in goods if g.quantity], remarks="Part shipment 1 of 2, as agreed with the buyer.",
    )  # fmt: skip
    _pack(actor, first, [("40HQ", CONTAINERS[0], "ML2611873")])
    _sail(actor, first, on=today - dt.timedelta(days=3), bl="MEDUNB612087")
    services.shipment_create(
        actor=actor, order=order, mode="sea_fcl", forwarder="Ningbo Ocean Link Logistics",
        port_of_loading="CNNGB", etd=today + dt.timedelta(days=21), eta=today + dt.timedelta(days=52),
        remarks="Balance of the order, after the second production run.",
    )  # fmt: skip


def _arrived(actor, order: Order, today: dt.date) -> None:
    """Everything in two containers; sailed 26 days ago, its ETA moved by port congestion, arrived
    yesterday."""
    shipment = services.shipment_create(
        actor=actor, order=order, mode="sea_fcl", forwarder="Sinotrans Ningbo",
        booking_number="COSU6281405470", vessel="COSCO SHIPPING GEMINI", voyage="052W",
        port_of_loading="CNNGB", etd=today - dt.timedelta(days=27), eta=today - dt.timedelta(days=4),
    )  # fmt: skip
    _pack(actor, shipment, [("20GP", CONTAINERS[1], "CN4471203"), ("40HQ", CONTAINERS[2], "CN4471204")])
    _sail(actor, shipment, on=today - dt.timedelta(days=26), bl="COSU6281405470")
    services.shipment_eta_change(
        actor=actor, shipment=shipment, eta=today - dt.timedelta(days=1),
        reason="Port congestion at the port of discharge: three days at anchorage.",
    )  # fmt: skip
    services.shipment_status_set(
        actor=actor, shipment=shipment, status="arrived", on=today - dt.timedelta(days=1)
    )


def _booked(actor, order: Order, today: dt.date) -> None:
    """Booked, the container's number known from the forwarder, sailing next week."""
    shipment = services.shipment_create(
        actor=actor, order=order, mode="sea_fcl", forwarder="Kuehne + Nagel Shanghai",
        booking_number="HLCUNB2612044", vessel="HAMBURG EXPRESS", voyage="014W", port_of_loading="CNNGB",
        etd=today + dt.timedelta(days=9), eta=today + dt.timedelta(days=38),
    )  # fmt: skip
    _pack(actor, shipment, [("40HQ", CONTAINERS[3], "")])
    services.shipment_status_set(actor=actor, shipment=shipment, status="booked")


def demo_shipping(*, workspace, members_by_email) -> None:
    """Once: nothing is added to a workspace that has shipments already."""
    actor = members_by_email.get(LOGISTICS) or members_by_email.get(MANAGER)
    if actor is None or Shipment.objects.filter(workspace=workspace).exists():
        return
    orders = list(
        Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED)
        .select_related("workspace", "customer", "owner__user")
        .order_by("confirmed_on", "id")
    )
    today = timezone.localdate()
    for order, plan in zip(orders, (_partial, _arrived, _booked), strict=False):
        plan(actor, order, today)
