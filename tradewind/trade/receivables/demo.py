"""Demo receivables: finance (Qian Fang) records the deposits the buyers paid on the demo's confirmed orders —
one with bank charges taken, one paid in two parts — and one order's buyer paid only part of what is due,
so the receivables list has an overdue balance and the order board its flag. Made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from tradewind.core.money import currency_minor_units
from tradewind.trade.choices import OrderStatus, PaymentEvent
from tradewind.trade.models import Order
from tradewind.trade.receivables import services
from tradewind.trade.receivables.models import Receipt
from tradewind.trade.receivables.selectors import workspace_today
from tradewind.trade.services.payments import order_payments_due_set

FINANCE = "qian.fang@haichao.example"


def _cut(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), ROUND_DOWN)


def _open(payment) -> Decimal:
    return payment.amount - payment.received


def _pay(
    finance, order, amount: Decimal, on: dt.date, *, charges: Decimal = Decimal(0), reference: str
) -> None:
    services.receipt_record(
        actor=finance, order=order, received_on=on, amount=amount, currency=order.currency,
        bank_charges=charges, reference=reference, payer=order.buyer_name[:200],
    )  # fmt: skip


def _late_payer(finance, order, today: dt.date) -> None:
    """A buyer who paid 40 % of the deposit and then went quiet: the rest is overdue."""
    deposit = order.payments.filter(event=PaymentEvent.DEPOSIT).order_by("position").first()
    if deposit is None:
        deposit = order.payments.order_by("position").first()
    if deposit.due_on is None or deposit.due_on >= today:
        # Demo only: the milestone fell due three weeks ago (the demo's orders are confirmed today).
        order_payments_due_set(due=[(deposit, today - dt.timedelta(days=21))])
    part = _cut(deposit.amount * Decimal("0.4"), order.currency)
    _pay(finance, order, part, max(order.issued_on, today - dt.timedelta(days=1)), reference="FT-DEMO-0400")


def demo_receivables(*, workspace, members_by_email) -> None:
    """Once: nothing is added to a workspace that has receipts already."""
    finance = members_by_email.get(FINANCE)
    if finance is None or Receipt.objects.filter(workspace=workspace).exists():
        return
    orders = list(
        Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED)
        .select_related("workspace", "customer", "owner__user")
        .order_by("confirmed_on", "id")
    )
    if not orders:
        return
    for order in orders:
        services.milestone_due_dates_refresh(order)
    today = workspace_today(workspace)
    late, *others = orders
    _late_payer(finance, late, today)
    for number, order in enumerate(others, start=1):
        deposits = [p for p in order.payments.order_by("position") if p.event == PaymentEvent.DEPOSIT]
        owed = sum((_open(p) for p in deposits), Decimal(0))
        if owed <= 0:
            continue  # an L/C or open-account order: nothing is paid before shipment
        on = order.confirmed_on or order.issued_on
        if number == 1 and owed > 1000:  # paid in two transfers
            first = _cut(owed / 2, order.currency)
            _pay(finance, order, first, on, reference=f"FT-DEMO-{number:03d}A")
            _pay(finance, order, owed - first, on, charges=Decimal("15"), reference=f"FT-DEMO-{number:03d}B")
        else:
            _pay(finance, order, owed, on, charges=Decimal("25"), reference=f"FT-DEMO-{number:03d}")
    services.receivables_overdue_check()
