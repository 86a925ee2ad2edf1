"""Reading shipments: what a member may see, the list's filters, and what of an order remains to ship."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.shipping.choices import COUNTED, NOT_SAILED
from tradewind.trade.shipping.models import Container, Shipment, ShipmentLine


def visible_shipments(membership) -> QuerySet[Shipment]:
    """The shipments of orders the member may see: of customers whose details they see (the leads and the
    fulfilment roles: all), or orders they sold themselves."""
    rows = Shipment.objects.filter(workspace_id=membership.workspace_id)
    if not membership.is_active:
        return rows.none()
    if sees_every_customer(membership):
        return rows
    return rows.filter(
        Q(order__customer__owner__isnull=True)
        | Q(order__customer__owner=membership)
        | Q(order__owner=membership)
    )


@dataclass(frozen=True)
class ShipmentFilters:
    q: str = ""
    status: str = ""  # a status, "open" (not delivered or cancelled), or "" for all
    mode: str = ""
    etd_from: dt.date | None = None
    etd_to: dt.date | None = None
    eta_from: dt.date | None = None
    eta_to: dt.date | None = None
    order: object = None  # an Order


def shipment_list(*, membership, filters: ShipmentFilters) -> QuerySet[Shipment]:
    """Filtered, the newest first."""
    rows = visible_shipments(membership).select_related("order__customer", "order__owner__user")
    if filters.status == "open":
        rows = rows.exclude(status__in=("delivered", "cancelled"))
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.mode:
        rows = rows.filter(mode=filters.mode)
    for field, low, high in (
        ("etd", filters.etd_from, filters.etd_to),
        ("eta", filters.eta_from, filters.eta_to),
    ):
        if low is not None:
            rows = rows.filter(**{f"{field}__gte": low})
        if high is not None:
            rows = rows.filter(**{f"{field}__lte": high})
    if filters.order is not None:
        rows = rows.filter(order=filters.order)
    q = (filters.q or "").strip()[:100]
    if q:
        compact = "".join(q.split()).upper()  # a container number is typed "CSQU 305438 3" as often
        containers = Container.objects.filter(workspace_id=membership.workspace_id, number__icontains=compact)
        rows = rows.filter(
            Q(number__icontains=q)
            | Q(bl_number__icontains=q)
            | Q(booking_number__icontains=q)
            | Q(order__number__icontains=q)
            | Q(order__customer__name__icontains=q)
            | Q(order__customer__name_latin__icontains=q)
            | Q(pk__in=containers.values("shipment_id"))
        )
    return rows.order_by("-id")


def order_shipments(order) -> list[Shipment]:
    """The order's shipments in their sequence, cancelled ones included."""
    shipments = list(Shipment.objects.filter(order=order).order_by("sequence"))
    for shipment in shipments:
        shipment.order = order  # one order read, not one per shipment
    return shipments


@dataclass(frozen=True)
class LineRemaining:
    line: object  # an OrderLine
    ordered: Decimal
    shipped: Decimal  # in shipments not cancelled (planned ones included: the goods are spoken for)
    remaining: Decimal


def shipped_quantities(order, *, exclude_shipment=None) -> dict[int, Decimal]:
    """Per order line id: the quantity in the order's shipments that are not cancelled."""
    rows = ShipmentLine.objects.filter(shipment__order=order, shipment__status__in=COUNTED)
    if exclude_shipment is not None:
        rows = rows.exclude(shipment=exclude_shipment)
    return {
        row["order_line_id"]: row["total"]
        for row in rows.values("order_line_id").annotate(total=Sum("quantity"))
    }


def order_lines_remaining(order) -> list[LineRemaining]:
    """Each line of the order: ordered, in shipments (not cancelled), and what remains to ship."""
    shipped = shipped_quantities(order)
    rows = []
    for line in order.lines.all():  # by position (the model's order); prefetched on the order page
        done = shipped.get(line.pk, Decimal(0))
        rows.append(LineRemaining(line, line.quantity, done, max(line.quantity - done, Decimal(0))))
    return rows


def next_etd(order) -> dt.date | None:
    """The earliest ETD of the order's shipments that have not sailed: the order board's "next ETD"."""
    return (
        Shipment.objects.filter(order=order, status__in=NOT_SAILED, etd__isnull=False)
        .order_by("etd")
        .values_list("etd", flat=True)
        .first()
    )
