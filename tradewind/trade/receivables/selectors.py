"""What finance and the other fulfilment apps read about money due on an order: the open balance, each
milestone's state today, the order's receipts, and the shipping dates the due dates follow."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Min, Prefetch, Sum
from django.utils import timezone

from tradewind.core.money import Money
from tradewind.trade.models import OrderPayment
from tradewind.trade.receivables.choices import AgeingBucket, MilestoneState, ReceiptStatus
from tradewind.trade.receivables.models import Allocation, Receipt


def order_balance_open(order) -> Money | None:
    """What the buyer still owes on the order's payment milestones, in the order's currency; None when
    everything due is received (shipping asks this before releasing the goods)."""
    open_amount = order.payments.aggregate(open=Sum(F("amount") - F("received")))["open"] or Decimal(0)
    if open_amount <= 0:
        return None
    return Money(open_amount, order.currency)


def workspace_today(workspace, now: dt.datetime | None = None) -> dt.date:
    """The date where the team works: a milestone due "today" is overdue from their tomorrow."""
    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(workspace.time_zone)).date()


# --- the shipping dates the milestones wait for ---------------------------------------------------------


@dataclass(frozen=True)
class ShippingDates:
    """Of the order's shipments that are not cancelled: the first ETD, the first B/L date, the first
    arrival (the ATA, or the delivery to the buyer when no arrival was recorded)."""

    etd: dt.date | None = None
    bl_date: dt.date | None = None
    arrival: dt.date | None = None


def shipping_dates_by_order(order_ids) -> dict[int, ShippingDates]:
    """One grouped query for many orders (the periodic refresh); orders without shipments are left out."""
    from tradewind.trade.shipping.models import Shipment, ShipmentStatus

    rows = (
        Shipment.objects.filter(order_id__in=list(order_ids))
        .exclude(status=ShipmentStatus.CANCELLED)
        .values("order_id")
        .annotate(etd=Min("etd"), bl_date=Min("bl_date"), ata=Min("ata"), delivered=Min("delivered_on"))
        .order_by()
    )
    return {
        row["order_id"]: ShippingDates(
            etd=row["etd"], bl_date=row["bl_date"], arrival=row["ata"] or row["delivered"]
        )
        for row in rows
    }


def order_shipping_dates(order) -> ShippingDates:
    return shipping_dates_by_order([order.pk]).get(order.pk, ShippingDates())


# --- a milestone today ------------------------------------------------------------------------------------


def ageing_bucket(due_on: dt.date | None, today: dt.date) -> str:
    """Not due (no date yet, or due today or later), else by days past due: 1–30, 31–60, 61–90, over 90."""
    if due_on is None or due_on >= today:
        return AgeingBucket.NOT_DUE
    days = (today - due_on).days
    if days <= 30:
        return AgeingBucket.DAYS_1_30
    if days <= 60:
        return AgeingBucket.DAYS_31_60
    if days <= 90:
        return AgeingBucket.DAYS_61_90
    return AgeingBucket.OVER_90


@dataclass(frozen=True)
class Milestone:
    payment: OrderPayment
    open: Decimal  # in the order's currency
    state: str  # MilestoneState
    days_overdue: int | None
    bucket: str | None  # of the open amount; None when paid

    @property
    def state_label(self) -> str:
        return str(MilestoneState(self.state).label)


def milestone_view(payment: OrderPayment, today: dt.date) -> Milestone:
    open_amount = payment.amount - payment.received
    if open_amount <= 0:
        return Milestone(payment, Decimal(0), MilestoneState.PAID, None, None)
    if payment.due_on is None:
        state, days = MilestoneState.WAITING, None
    elif payment.due_on < today:
        state, days = MilestoneState.OVERDUE, (today - payment.due_on).days
    else:
        state, days = MilestoneState.DUE, None
    return Milestone(payment, open_amount, state, days, ageing_bucket(payment.due_on, today))


def order_milestones(order, today: dt.date | None = None) -> list[Milestone]:
    today = today or workspace_today(order.workspace)
    # By position (the model's order); prefetched on the order page.
    return [milestone_view(p, today) for p in order.payments.all()]


def oldest_due_first(payments) -> list[OrderPayment]:
    """The order in which a receipt settles milestones by default: the earliest due date first, those
    still waiting for their trigger after them, each group in the PI's order."""
    return sorted(payments, key=lambda p: (p.due_on is None, p.due_on or dt.date.min, p.position, p.pk))


# --- the order's receipts and its money -------------------------------------------------------------------


def order_receipts(order) -> list[Receipt]:
    """Newest first, with their allocations and who recorded or reversed them."""
    allocations = Allocation.objects.select_related("payment").order_by("payment__position")
    return list(
        Receipt.objects.filter(workspace_id=order.workspace_id, order=order)
        .select_related("recorded_by__user", "reversed_by__user")
        .prefetch_related(Prefetch("allocations", queryset=allocations))
        .order_by("-received_on", "-id")
    )


@dataclass
class OrderMoney:
    """The order's money in its own currency — total, received, open, of which overdue, credit — and what
    came in per currency the buyer paid in (never added across currencies)."""

    total: Money
    received: Money
    open: Money
    overdue: Money
    credit: Money
    paid_in: list[tuple[Money, Money]]  # (paid in that currency, counted in the order's currency)


def order_money(order, milestones: list[Milestone], receipts: list[Receipt]) -> OrderMoney:
    currency = order.currency
    live = [r for r in receipts if r.status == ReceiptStatus.RECORDED]
    by_currency: dict[str, tuple[Decimal, Decimal]] = {}
    for receipt in live:
        paid, counted = by_currency.get(receipt.currency, (Decimal(0), Decimal(0)))
        by_currency[receipt.currency] = (paid + receipt.amount, counted + receipt.amount_in_order)

    def money(amount) -> Money:
        return Money(amount, currency)

    return OrderMoney(
        total=money(sum((m.payment.amount for m in milestones), Decimal(0))),
        received=money(sum((m.payment.received for m in milestones), Decimal(0))),
        open=money(sum((m.open for m in milestones), Decimal(0))),
        overdue=money(sum((m.open for m in milestones if m.state == MilestoneState.OVERDUE), Decimal(0))),
        credit=money(sum((r.credit for r in live), Decimal(0))),
        paid_in=[
            (Money(paid, code), money(counted)) for code, (paid, counted) in sorted(by_currency.items())
        ],
    )
