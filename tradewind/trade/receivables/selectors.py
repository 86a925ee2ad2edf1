"""What finance and the other fulfilment apps read about money due on an order."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Sum

from tradewind.core.money import Money


def order_balance_open(order) -> Money | None:
    """What the buyer still owes on the order's payment milestones, in the order's currency; None when
    everything due is received (shipping asks this before releasing the goods)."""
    open_amount = order.payments.aggregate(open=Sum(F("amount") - F("received")))["open"] or Decimal(0)
    if open_amount <= 0:
        return None
    return Money(open_amount, order.currency)
