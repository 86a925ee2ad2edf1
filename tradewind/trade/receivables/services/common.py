"""What the receivables services share: the order's history, the workspace's finance settings, the
order page's address, the board's overdue flag."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from tradewind.activity.services import activity_record
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import OrderPayment
from tradewind.trade.receivables.models import ReceivablesSettings
from tradewind.trade.receivables.selectors import workspace_today

ORDER = "trade.order"
CUSTOMER = "crm.customer"


def history(actor, order, kind: str, data: dict | None = None, *, on_timeline: bool = False) -> None:
    """An entry in the order's history; `on_timeline`: on its customer's timeline too (the buyer paid)."""
    data = {"number": order.number, **(data or {})}
    activity_record(
        workspace_id=order.workspace_id, subject=(ORDER, order.public_id), kind=kind, actor=actor, data=data
    )
    if on_timeline:
        activity_record(
            workspace_id=order.workspace_id,
            subject=(CUSTOMER, order.customer.public_id),
            kind=kind,
            actor=actor,
            data={"channel": "system", **data},
        )


def receivables_settings(workspace) -> ReceivablesSettings:
    """The workspace's finance rules (made with their defaults the first time they are read)."""
    found = ReceivablesSettings.objects.filter(workspace=workspace).first()
    if found is None:
        found, _created = ReceivablesSettings.objects.get_or_create(workspace=workspace)
    return found


def order_url(order) -> str:
    return reverse("trade:order", args=[order.workspace.slug, order.public_id]) + "#receivables"


def order_overdue_flag_sync(order, today=None) -> bool:
    """The order board's "payment overdue" flag, set from the milestones as they stand (a cancelled order
    owes nothing any more). Answers whether the order is overdue."""
    from tradewind.trade.workflow.services import fulfilment_flags_set

    today = today or workspace_today(order.workspace)
    overdue = (
        order.status == OrderStatus.CONFIRMED
        and OrderPayment.objects.filter(order=order, due_on__lt=today, received__lt=F("amount")).exists()
    )
    fulfilment_flags_set(order=order, payment_overdue=overdue)
    broadcast_on_commit(order.workspace, "orders")
    return overdue
