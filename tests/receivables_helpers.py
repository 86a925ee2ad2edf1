"""What the receivables tests share: a confirmed order of the sales `setup` (EUR 12,500: 1,000 kettles at
EUR 12.50, 30 % T/T deposit and 70 % against B/L copy unless other terms are given), finance, a shipment
with its dates, moving a milestone's due date, and a receipt recorded through the service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.factories import workspace_today
from tests.sales import TT_30_70, quote
from tradewind.trade import services as trade
from tradewind.trade.models import Order, OrderPayment
from tradewind.trade.receivables import services
from tradewind.trade.services.payments import order_payments_due_set
from tradewind.workspaces.choices import Role


def confirmed(setup, *, terms=None, currency="EUR", lines=None) -> Order:
    extra = {"lines": lines} if lines is not None else {}
    quotation = quote(setup, currency=currency, payment_terms=terms or TT_30_70, **extra)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    order = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    return trade.order_confirm(actor=setup["rep"], order=order)


def milestones(order) -> list[OrderPayment]:
    return list(OrderPayment.objects.filter(order=order).order_by("position"))


def due(payment: OrderPayment, day: dt.date | None) -> None:
    order_payments_due_set(due=[(payment, day)])


def days_ago(n: int) -> dt.date:
    return workspace_today() - dt.timedelta(days=n)


def shipment(order, *, sequence=1, **fields):
    from tradewind.trade.shipping.models import Shipment

    return Shipment.objects.create(
        workspace_id=order.workspace_id, order=order, number=f"{order.number}-S{sequence}", sequence=sequence,
        **fields,
    )  # fmt: skip


def pay(actor, order, amount, *, currency=None, **extra):
    values = {
        "received_on": workspace_today(),
        "amount": Decimal(str(amount)),
        "currency": currency or order.currency,
    }
    values.update(extra)
    return services.receipt_record(actor=actor, order=order, **values)


def finance_of(setup, member_factory):
    return setup.setdefault("finance", member_factory(Role.FINANCE))
