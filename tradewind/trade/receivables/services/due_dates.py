"""When each payment milestone falls due: a deposit on the confirmation (set by trade when the order is
confirmed), the others when their trigger happens on the order's shipments.

    before shipment            the first shipment's ETD
    against B/L copy, at sight the B/L date
    N days after B/L           the B/L date + N
    N days after invoice       the commercial invoice's date + N: the invoice is dated when the goods
                               ship, so it is the B/L date, or the ETD while there is no B/L yet
    on delivery                the arrival (ATA; the delivery to the buyer if no ATA was recorded)

A milestone whose trigger is not known (no shipment, no B/L yet, the shipment cancelled) has no due date.
Shipping may call `milestone_due_dates_refresh(order)` when a date changes; the worker refreshes every
open order hourly in case it did not.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.db import transaction
from django.db.models import F

from tradewind.trade.choices import OrderStatus, PaymentEvent
from tradewind.trade.models import OrderPayment
from tradewind.trade.receivables.models import OverdueNotice
from tradewind.trade.receivables.selectors import (
    ShippingDates,
    order_shipping_dates,
    shipping_dates_by_order,
    workspace_today,
)
from tradewind.trade.receivables.services.common import history, order_overdue_flag_sync
from tradewind.trade.services.payments import order_payments_due_set

CHUNK = 2000


def _plus(day: dt.date | None, days: int | None) -> dt.date | None:
    return None if day is None else day + dt.timedelta(days=days or 0)


def milestone_due_date(payment: OrderPayment, dates: ShippingDates) -> dt.date | None:
    """The due date its trigger gives; a deposit keeps the one set on confirmation."""
    event = payment.event
    if event == PaymentEvent.DEPOSIT:
        return payment.due_on
    if event == PaymentEvent.BEFORE_SHIPMENT:
        return dates.etd
    if event in (PaymentEvent.AGAINST_BL_COPY, PaymentEvent.AT_SIGHT):
        return dates.bl_date
    if event == PaymentEvent.DAYS_AFTER_BL:
        return _plus(dates.bl_date, payment.days)
    if event == PaymentEvent.DAYS_AFTER_INVOICE:
        return _plus(dates.bl_date or dates.etd, payment.days)
    if event == PaymentEvent.ON_DELIVERY:
        return dates.arrival
    return payment.due_on  # an event this version does not know: left as it is


class _Todays(dict):
    """Each workspace's today, looked up once per pass."""

    def of(self, payment) -> dt.date:
        workspace = payment.order.workspace
        if workspace.pk not in self:
            self[workspace.pk] = workspace_today(workspace)
        return self[workspace.pk]


def _apply(payments: list[OrderPayment], dates: dict, today_of) -> list[OrderPayment]:
    """Set the new due dates; a milestone whose deadline moved to a day not passed yet is a new deadline,
    and will be told about again if it passes too."""
    changed = order_payments_due_set(
        due=[(p, milestone_due_date(p, dates.get(p.order_id, ShippingDates()))) for p in payments]
    )
    renewed = [p.pk for p in changed if p.due_on is None or p.due_on >= today_of(p)]
    if renewed:
        OverdueNotice.objects.filter(payment_id__in=renewed).delete()
    return changed


@transaction.atomic
def milestone_due_dates_refresh(order) -> list[OrderPayment]:
    """Recompute the order's due dates from its shipments now; answers the milestones that changed."""
    payments = list(
        OrderPayment.objects.select_for_update(of=("self",))
        .filter(order=order)
        .exclude(event=PaymentEvent.DEPOSIT)
        .order_by("position")
    )
    if not payments:
        return []
    for payment in payments:
        payment.order = order  # the caller's, with its workspace and customer loaded
    todays = _Todays({order.workspace_id: workspace_today(order.workspace)})
    changed = _apply(payments, {order.pk: order_shipping_dates(order)}, todays.of)
    _record(changed, todays)
    return changed


def _record(changed: list[OrderPayment], todays: _Todays) -> None:
    """History and the board's flag, once per order, for the milestones whose due date changed."""
    for _order_id, rows in groupby(changed, key=lambda p: p.order_id):
        rows = list(rows)
        order = rows[0].order
        for payment in rows:
            due = payment.due_on.isoformat() if payment.due_on else ""
            history(None, order, "receivables.due_date_set", {"milestone": payment.position + 1, "due": due})
        order_overdue_flag_sync(order, todays.of(rows[0]))


def milestone_due_dates_refresh_all() -> int:
    """The worker's pass over every confirmed order's unpaid milestones that wait on a shipment; answers
    how many due dates changed. Reads in chunks, one grouped query of shipping dates per chunk."""
    candidates = (
        OrderPayment.objects.filter(order__status=OrderStatus.CONFIRMED, received__lt=F("amount"))
        .exclude(event=PaymentEvent.DEPOSIT)
        .select_related("order__workspace", "order__customer")
        .order_by("order_id", "position")
    )
    changed_total, last, todays = 0, 0, _Todays()
    while True:
        chunk = list(candidates.filter(order_id__gt=last)[:CHUNK])
        if not chunk:
            return changed_total
        # Whole orders only: a chunk cut in the middle of one is finished by the next.
        last = chunk[-1].order_id
        if len(chunk) == CHUNK and chunk[0].order_id != last:
            chunk = [p for p in chunk if p.order_id != last]
            last = chunk[-1].order_id
        dates = shipping_dates_by_order({p.order_id for p in chunk})
        with transaction.atomic():
            changed = _apply(chunk, dates, todays.of)
            _record(changed, todays)
        changed_total += len(changed)
