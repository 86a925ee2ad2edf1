"""Reading after-sales: the cases and credit notes a member may see, the list's filters, what the order
page and the customer's profile show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.aftersales.choices import OPEN_STATUSES
from tradewind.trade.aftersales.models import AftersalesCase, CreditNote, FollowUp
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order


def _visible(queryset: QuerySet, membership) -> QuerySet:
    """Only rows of customers the member may see in full, as their orders (trade.selectors)."""
    queryset = queryset.filter(workspace_id=membership.workspace_id)
    if not membership.is_active:
        return queryset.none()
    if sees_every_customer(membership):
        return queryset
    return queryset.filter(Q(customer__owner__isnull=True) | Q(customer__owner=membership))


def visible_cases(membership) -> QuerySet[AftersalesCase]:
    return _visible(AftersalesCase.objects.all(), membership)


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    status: str = ""  # a status, "open" (open, investigating, awaiting the buyer), or "" for all
    case_type: str = ""
    owner: object = None  # a Membership; "mine" is resolved by the caller
    customer: object = None  # a Customer
    order: object = None  # an Order
    open_only: bool = False


def case_list(*, membership, filters: CaseFilters) -> QuerySet[AftersalesCase]:
    rows = visible_cases(membership).select_related("order", "customer", "owner__user", "shipment")
    if filters.open_only or filters.status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.case_type:
        rows = rows.filter(case_type=filters.case_type)
    if filters.owner is not None:
        rows = rows.filter(owner=filters.owner)
    if filters.customer is not None:
        rows = rows.filter(customer=filters.customer)
    if filters.order is not None:
        rows = rows.filter(order=filters.order)
    q = (filters.q or "").strip()
    if q:
        rows = rows.filter(
            Q(number__icontains=q)
            | Q(description__icontains=q)
            | Q(order__number__icontains=q)
            | Q(customer__name__icontains=q)
            | Q(shipment__number__icontains=q)
        )
    return rows.order_by("-created_at", "-id")


def order_cases(order) -> list[AftersalesCase]:
    """The order's cases, newest first (the order page: whoever sees the order reads them)."""
    return list(
        AftersalesCase.objects.filter(workspace_id=order.workspace_id, order=order)
        .select_related("owner__user", "shipment")
        .order_by("-created_at", "-id")
    )


def customer_open_cases(customer, *, limit: int = 20) -> list[AftersalesCase]:
    return list(
        AftersalesCase.objects.filter(
            workspace_id=customer.workspace_id, customer=customer, status__in=OPEN_STATUSES
        )
        .select_related("order", "owner__user")
        .order_by("-created_at", "-id")[:limit]
    )


def open_credits(customer) -> list[CreditNote]:
    """The customer's credit notes not yet deducted from an order, oldest first (used first)."""
    return list(
        CreditNote.objects.filter(
            workspace_id=customer.workspace_id, customer=customer, applied_to__isnull=True
        )
        .select_related("case")
        .order_by("created_at", "id")
    )


def credits_applied_to(order) -> list[CreditNote]:
    return list(
        CreditNote.objects.filter(workspace_id=order.workspace_id, applied_to=order)
        .select_related("case", "applied_by__user")
        .order_by("applied_at", "id")
    )


def credit_list(*, membership, customer=None, open_only: bool | None = None) -> QuerySet[CreditNote]:
    rows = _visible(CreditNote.objects.all(), membership).select_related(
        "customer", "case", "applied_to", "applied_by__user"
    )
    if customer is not None:
        rows = rows.filter(customer=customer)
    if open_only is True:
        rows = rows.filter(applied_to__isnull=True)
    elif open_only is False:
        rows = rows.filter(applied_to__isnull=False)
    return rows.order_by("-created_at", "-id")


def orders_for_credit(credit: CreditNote, *, limit: int = 20) -> list[Order]:
    """The customer's orders a credit note may be deducted from: later than the case's order, in the
    credit's currency, not cancelled (credit_apply says why any other is refused)."""
    case_order = credit.case.order
    return list(
        Order.objects.filter(
            workspace_id=credit.workspace_id,
            customer_id=credit.customer_id,
            currency=credit.currency,
            issued_on__gte=case_order.issued_on,
        )
        .exclude(pk=case_order.pk)
        .exclude(status=OrderStatus.CANCELLED)
        .order_by("-issued_on", "-id")[:limit]
    )


def order_follow_ups(order) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(workspace_id=order.workspace_id, order=order)
        .select_related("shipment", "assignee__user", "task")
        .order_by("due_on", "id")
    )
