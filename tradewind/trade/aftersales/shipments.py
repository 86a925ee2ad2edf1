"""What after-sales reads of the shipping app's shipments (tradewind/trade/shipping/models.py): the
shipments of an order, and those whose follow-up falls due. Only reads: shipping's services write them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from tradewind.trade.shipping.models import Shipment, ShipmentStatus

# A planned shipment's dates are wishes and a cancelled one never sails: neither is followed up.
NOT_FOLLOWED_UP = (ShipmentStatus.PLANNED, ShipmentStatus.CANCELLED)


def order_shipments(order) -> list[Shipment]:
    """The order's shipments, in their order (S1, S2 …)."""
    return list(Shipment.objects.filter(workspace_id=order.workspace_id, order=order).order_by("sequence"))


def order_shipment(order, public_id) -> Shipment | None:
    """One shipment of the order by its public id; None for another order's (or anything else)."""
    try:
        return Shipment.objects.filter(
            workspace_id=order.workspace_id, order=order, public_id=public_id
        ).first()
    except (ValueError, TypeError):
        return None


def workspace_shipment(workspace_id: int, public_id) -> Shipment | None:
    """A shipment of the workspace by its public id (of any order: the case's rules say whether it fits)."""
    try:
        return Shipment.objects.filter(workspace_id=workspace_id, public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def shipment_arrival(shipment: Shipment) -> dt.date | None:
    """The day the goods reached the buyer as best known: delivered, else arrived (ATA), else the ETA."""
    return shipment.delivered_on or shipment.ata or shipment.eta


def _arrival():
    return Coalesce("delivered_on", "ata", "eta")


def _unplanned():
    from tradewind.trade.aftersales.models import FollowUp

    return (
        Shipment.objects.exclude(status__in=NOT_FOLLOWED_UP)
        .annotate(arrived=_arrival())
        .filter(arrived__isnull=False)
        .exclude(Exists(FollowUp.objects.filter(shipment_id=OuterRef("pk"))))
    )


def workspaces_with_unplanned_shipments() -> list[int]:
    """The workspaces that have shipments on their way or arrived whose follow-up is not planned yet."""
    return list(_unplanned().order_by().values_list("workspace_id", flat=True).distinct())


def shipments_due_for_follow_up(*, workspace_id: int, arrived_by: dt.date, not_before: dt.date) -> QuerySet:
    """The workspace's shipments without a follow-up that arrived (by the best date known) between
    `not_before` and `arrived_by`, with `arrived` annotated, the order and its customer read along."""
    return (
        _unplanned()
        .filter(workspace_id=workspace_id, arrived__lte=arrived_by, arrived__gte=not_before)
        .select_related("order__customer", "order__owner__user", "order__workspace", "workspace")
        .order_by("arrived", "pk")
    )
