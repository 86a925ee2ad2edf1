"""What the production services share: history lines on the order and the supplier, refusing a role or an
order not in production, and the field checks (text lengths, dates, a percentage)."""

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
from tradewind.trade.production import permissions

ORDER = "trade.order"
SUPPLIER = "production.supplier"


def order_history(actor, order: Order, kind: str, data: dict | None = None) -> None:
    """A line in the order's history; the order board and page refresh."""
    activity_record(
        workspace_id=order.workspace_id,
        subject=(ORDER, order.public_id),
        kind=kind,
        actor=actor,
        data={"number": order.number, **(data or {})},
    )
    broadcast_on_commit(order.workspace, "orders")


def supplier_history(actor, supplier, kind: str, data: dict | None = None) -> None:
    activity_record(
        workspace_id=supplier.workspace_id,
        subject=(SUPPLIER, supplier.public_id),
        kind=kind,
        actor=actor,
        data={"name": supplier.name, **(data or {})},
    )


def order_url(order: Order) -> str:
    return reverse("trade:order", args=[order.workspace.slug, order.public_id])


def require_work(actor, order: Order) -> None:
    if not permissions.can_work_production(actor, order):
        raise PermissionDenied(_("Only the merchandiser or a manager records production and QC."))


def lock_order(order: Order) -> Order:
    """The order's row, locked: production changes of one order are made one after the other, so the
    at-risk flag is decided on what the other change wrote."""
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("workspace", "owner__user")
        .get(pk=order.pk)
    )


def require_in_fulfilment(order: Order) -> None:
    if order.status == OrderStatus.PROFORMA:
        raise Conflict(
            _("%(number)s is not confirmed yet: production starts once the buyer confirms the PI.")
            % {"number": order.number}
        )
    if order.status == OrderStatus.CANCELLED:
        raise Conflict(_("%(number)s is cancelled.") % {"number": order.number})


def clean_text(values: dict, lengths: dict[str, int], errors: list[ValidationFailed]) -> dict:
    """Trimmed text (None is empty) within each field's length."""
    clean = {}
    for key, value in values.items():
        if key in lengths:
            value = (value or "").strip() if isinstance(value, str) or value is None else value
            if not isinstance(value, str):
                raise TypeError(f"{key} takes text")
            if len(value) > lengths[key]:
                errors.append(
                    ValidationFailed(_("At most %(n)d characters.") % {"n": lengths[key]}, field=key)
                )
        clean[key] = value
    return clean


def check_date(values: dict, key: str, errors: list[ValidationFailed], *, not_future=False) -> None:
    value = values.get(key)
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        errors.append(ValidationFailed(_("Enter a date such as 2026-03-31."), field=key))
        values[key] = None
    elif not_future and value > timezone.localdate():
        errors.append(ValidationFailed(_("An actual date cannot be in the future."), field=key))


def check_percent(value, field: str, errors: list[ValidationFailed]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return value
    errors.append(ValidationFailed(_("Progress is a whole number from 0 to 100."), field=field))
    return None
