"""The order's payment milestones as finance keeps them: how much of each is received, and when each falls
due once its trigger is known (the B/L date, the ETD…).

Only the receivables app calls these (its receipts, reversals and due-date refresh hold the rules and the
permissions); they exist so that trade's table is written by trade's code (DESIGN §3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from tradewind.trade.models import OrderPayment


def order_payments_received_set(*, received: Iterable[tuple[OrderPayment, Decimal]]) -> None:
    """Set each milestone's amount received (0 to its amount, in the order's currency)."""
    changed = []
    for payment, amount in received:
        if amount < 0 or amount > payment.amount:
            raise ValueError(f"received {amount} is outside 0..{payment.amount} for payment {payment.pk}")
        if payment.received != amount:
            payment.received, payment.updated_at = amount, timezone.now()
            changed.append(payment)
    if changed:
        OrderPayment.objects.bulk_update(changed, ["received", "updated_at"])


def order_payments_due_set(*, due: Iterable[tuple[OrderPayment, dt.date | None]]) -> list[OrderPayment]:
    """Set each milestone's due date (None: its trigger is not known yet); answers the ones that changed."""
    changed = []
    for payment, day in due:
        if payment.due_on != day:
            payment.due_on, payment.updated_at = day, timezone.now()
            changed.append(payment)
    if changed:
        OrderPayment.objects.bulk_update(changed, ["due_on", "updated_at"])
    return changed
