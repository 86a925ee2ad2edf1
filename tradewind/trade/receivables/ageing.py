"""Finance's lists: the confirmed orders with money open, aged by how long it is past due, and the receipts.

Ageing is computed in the database from the milestones (amount − received, by due date against the
workspace's today), one aggregate per order, so a page costs the same few queries whatever the rows. Sums
are per currency: amounts in two currencies are never added; the reporting-currency equivalent is given
as such, at each order's recorded rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from tradewind.core.money import Money
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order, OrderPayment
from tradewind.trade.receivables import permissions
from tradewind.trade.receivables.choices import AgeingBucket
from tradewind.trade.receivables.models import Receipt

BUCKETS = [b.value for b in AgeingBucket]
# The annotation of each bucket on an order row (templates and exports read these names).
BUCKET_FIELDS = {
    AgeingBucket.NOT_DUE: "not_due",
    AgeingBucket.DAYS_1_30: "days_1_30",
    AgeingBucket.DAYS_31_60: "days_31_60",
    AgeingBucket.DAYS_61_90: "days_61_90",
    AgeingBucket.OVER_90: "over_90",
}
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=18, decimal_places=4))


def bucket_conditions(today: dt.date, prefix: str = "") -> dict[str, Q]:
    """The due dates of each bucket; `prefix` reaches the milestone from another model ("payments__").
    Days past due d = today − due_on: 1–30 is due_on in [today − 30, today − 1], and so on."""

    def due(**lookup) -> Q:
        return Q(**{f"{prefix}due_on__{k}": v for k, v in lookup.items()})

    def days(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    return {
        "not_due": Q(**{f"{prefix}due_on__isnull": True}) | due(gte=today),
        "days_1_30": due(lt=today, gte=days(30)),
        "days_31_60": due(lt=days(30), gte=days(60)),
        "days_61_90": due(lt=days(60), gte=days(90)),
        "over_90": due(lt=days(90)),
    }


@dataclass(frozen=True)
class ReceivableFilters:
    q: str = ""
    customer: object = None  # a customer's public id
    rep: object = None  # a member's public id
    mine: bool = False
    currency: str = ""
    overdue: bool = False
    bucket: str = ""  # an AgeingBucket value: orders with an open amount in it


def _open(prefix: str):
    return F(f"{prefix}amount") - F(f"{prefix}received")


def _open_condition(prefix: str) -> Q:
    return Q(**{f"{prefix}received__lt": F(f"{prefix}amount")})


def visible_orders(membership) -> QuerySet[Order]:
    orders = Order.objects.filter(workspace_id=membership.workspace_id, status=OrderStatus.CONFIRMED)
    if not permissions.can_see_receivables(membership):
        return orders.none()
    if permissions.sees_every_receivable(membership):
        return orders
    return orders.filter(owner=membership)


def _orders_with_money_open(workspace_id):
    """The ids of the orders with a milestone not fully received: few of all the orders ever confirmed,
    read from the partial index `order_payment_open`."""
    return (
        OrderPayment.objects.filter(workspace_id=workspace_id).filter(_open_condition("")).values("order_id")
    )


def receivable_list(*, membership, filters: ReceivableFilters, today: dt.date) -> QuerySet[Order]:
    """Confirmed orders with money open, the most overdue first; each annotated with `open`, `overdue`,
    the bucket fields and `oldest_due` (of its open milestones), in the order's currency."""
    p = "payments__"
    is_open = _open_condition(p)

    def open_sum(condition: Q | None = None):
        return Coalesce(Sum(_open(p), filter=is_open & condition if condition else is_open), ZERO)

    buckets = bucket_conditions(today, p)
    # Narrowed before the sums: grouping every order ever confirmed to keep those with money open took
    # a second at 100,000 orders (bench/README.md, "Fulfilment").
    orders = visible_orders(membership).filter(pk__in=_orders_with_money_open(membership.workspace_id))
    orders = orders.annotate(
        open=open_sum(),
        overdue=open_sum(Q(**{f"{p}due_on__lt": today})),
        oldest_due=Min(f"{p}due_on", filter=is_open),
        **{name: open_sum(condition) for name, condition in buckets.items()},
    )
    orders = orders.filter(open__gt=0)
    if filters.customer:
        orders = orders.filter(customer__public_id=filters.customer)
    if filters.mine:
        orders = orders.filter(owner=membership)
    elif filters.rep:
        orders = orders.filter(owner__public_id=filters.rep)
    if filters.currency:
        orders = orders.filter(currency=filters.currency)
    if filters.overdue:
        orders = orders.filter(overdue__gt=0)
    if filters.bucket in BUCKET_FIELDS:
        orders = orders.filter(**{f"{BUCKET_FIELDS[filters.bucket]}__gt": 0})
    q = (filters.q or "").strip()[:100]
    if q:
        orders = orders.filter(
            Q(number__icontains=q) | Q(customer__name__icontains=q) | Q(buyer_name__icontains=q)
        )
    return orders.select_related("customer", "owner__user").order_by(
        F("oldest_due").asc(nulls_last=True), "-id"
    )


@dataclass
class CurrencyAgeing:
    currency: str
    orders: int
    open: Money
    buckets: dict[str, Money]  # bucket field -> amount
    reporting: Money  # `open` in the reporting currency, at each order's recorded rate


@dataclass
class AgeingTotals:
    currencies: list[CurrencyAgeing]
    reporting: dict[str, Money]  # "open" and each bucket field, in the reporting currency


def ageing_totals(orders: QuerySet[Order], *, today: dt.date, reporting_currency: str) -> AgeingTotals:
    """The list's totals: one row per currency (one aggregate query), and their sums in the reporting
    currency converted at each order's recorded rate."""
    milestones = OrderPayment.objects.filter(order_id__in=orders.values("pk")).filter(_open_condition(""))
    fields = {name: Sum(_open(""), filter=condition) for name, condition in bucket_conditions(today).items()}
    converted = {
        f"{name}_rep": Sum(_open("") * F("order__rate"), filter=condition)
        for name, condition in bucket_conditions(today).items()
    }
    rows = (
        milestones.values("order__currency")
        .annotate(
            n=Count("order_id", distinct=True),
            open=Sum(_open("")),
            open_rep=Sum(_open("") * F("order__rate")),
            **fields,
            **converted,
        )
        .order_by("order__currency")
    )
    result, reporting = [], {name: Decimal(0) for name in ("open", *BUCKET_FIELDS.values())}
    for row in rows:
        code = row["order__currency"]
        result.append(
            CurrencyAgeing(
                currency=code,
                orders=row["n"],
                open=Money(row["open"] or 0, code).rounded(),
                buckets={name: Money(row[name] or 0, code).rounded() for name in BUCKET_FIELDS.values()},
                reporting=Money(row["open_rep"] or 0, reporting_currency).rounded(),
            )
        )
        for name in reporting:
            reporting[name] += row[f"{name}_rep"] or Decimal(0)
    return AgeingTotals(
        currencies=result,
        reporting={name: Money(amount, reporting_currency).rounded() for name, amount in reporting.items()},
    )


# --- receipts ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptFilters:
    q: str = ""
    currency: str = ""
    status: str = ""
    customer: object = None  # a customer's public id
    order: object = None  # an Order


def receipt_list(*, membership, filters: ReceiptFilters) -> QuerySet[Receipt]:
    receipts = Receipt.objects.filter(workspace_id=membership.workspace_id)
    if not permissions.can_see_receivables(membership):
        return receipts.none()
    if not permissions.sees_every_receivable(membership):
        receipts = receipts.filter(order__owner=membership)
    if filters.order is not None:
        receipts = receipts.filter(order=filters.order)
    if filters.currency:
        receipts = receipts.filter(currency=filters.currency)
    if filters.status:
        receipts = receipts.filter(status=filters.status)
    if filters.customer:
        receipts = receipts.filter(order__customer__public_id=filters.customer)
    q = (filters.q or "").strip()[:100]
    if q:
        receipts = receipts.filter(
            Q(number__icontains=q) | Q(reference__icontains=q) | Q(payer__icontains=q)
            | Q(order__number__icontains=q) | Q(order__customer__name__icontains=q)
        )  # fmt: skip
    return receipts.select_related("order__customer", "recorded_by__user").order_by("-received_on", "-id")
