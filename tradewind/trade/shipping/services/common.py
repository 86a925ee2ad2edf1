"""What the shipping services share: the shipment's history (and its order's), locking, refusing a role or
an order that does not ship, the board's next ETD, and telling open pages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order
from tradewind.trade.shipping import permissions
from tradewind.trade.shipping.hooks import shipment_hooks_run
from tradewind.trade.shipping.models import Shipment, ShipmentStatus

SUBJECT = "shipping.shipment"
ORDER = "trade.order"
CUSTOMER = "crm.customer"


def shipment_url(shipment: Shipment) -> str:
    return reverse("shipping:detail", args=[shipment.workspace.slug, shipment.public_id])


def history(
    actor, shipment: Shipment, kind: str, data: dict | None = None, *, on_order=False, on_timeline=False
) -> None:
    """An entry in the shipment's history; `on_order`: in its order's too (what the order's readers
    follow: a shipment made, sailed, arrived, its ETA moved, the goods released); `on_timeline`: also on
    the customer's timeline (what the buyer sees happen)."""
    data = {"number": shipment.number, **(data or {})}
    subjects = [(SUBJECT, shipment.public_id)]
    if on_order:
        subjects.append((ORDER, shipment.order.public_id))
    if on_timeline:
        subjects.append((CUSTOMER, shipment.order.customer.public_id))
    for subject in subjects:
        activity_record(
            workspace_id=shipment.workspace_id,
            subject=subject,
            kind=kind,
            actor=actor,
            data={"channel": "system", **data} if subject[0] == CUSTOMER else data,
        )


def lock_shipment(shipment: Shipment) -> Shipment:
    return (
        Shipment.objects.select_for_update(of=("self",))
        .select_related(
            "workspace", "order__workspace", "order__customer", "order__owner__user", "order__contact"
        )
        .get(pk=shipment.pk)
    )


def lock_order(order: Order) -> Order:
    """The order's row, locked: shipments of one order are numbered and counted against its lines one
    writer at a time."""
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "owner__user", "contact")
        .get(pk=order.pk)
    )


def require_change(actor, order: Order) -> None:
    if actor.workspace_id != order.workspace_id:
        raise ValueError("the actor is not a member of the order's workspace")  # a programming error
    if not permissions.can_change_shipments(actor, order):
        raise PermissionDenied(_("Your role cannot change shipments; logistics or a manager can."))


def require_shipping_order(order: Order) -> None:
    """Goods ship against a confirmed order only: not a PI the buyer has not confirmed, nor a cancelled
    order."""
    if order.status != OrderStatus.CONFIRMED:
        raise Conflict(
            _("Order %(number)s is %(status)s: only a confirmed order ships.")
            % {"number": order.number, "status": order.get_status_display().lower()}
        )


def require_open(shipment: Shipment) -> None:
    if shipment.status == ShipmentStatus.CANCELLED:
        raise Conflict(_("Shipment %(number)s is cancelled.") % {"number": shipment.number})


def require_change_of(actor, shipment: Shipment) -> None:
    """The checks every change of a shipment makes: the role, the order confirmed, the shipment not
    cancelled."""
    require_change(actor, shipment.order)
    require_shipping_order(shipment.order)
    require_open(shipment)


def not_in_future(day: dt.date | None, field: str, errors: list) -> None:
    if day is not None and day > timezone.localdate():
        errors.append(ValidationFailed(_("An actual date cannot be in the future."), field=field))


def announce(shipment: Shipment) -> None:
    """Open pages refresh: the order board and order page (orders), the shipments list (shipments); the
    board's next ETD follows the shipments."""
    from tradewind.trade.shipping.selectors import next_etd
    from tradewind.trade.workflow.services import fulfilment_flags_set

    fulfilment_flags_set(order=shipment.order, next_etd=next_etd(shipment.order))
    shipment_hooks_run(shipment=shipment)  # due dates, the documents checklist
    broadcast_on_commit(shipment.workspace, "orders")
    broadcast_on_commit(shipment.workspace, "shipments", {"shipment": str(shipment.public_id)})
