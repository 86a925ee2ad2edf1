"""Reading sales documents: the lists a member may see, and the sums that never add two currencies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from tradewind.core.money import Money
from tradewind.core.text import search_words
from tradewind.crm.models import Customer
from tradewind.crm.permissions import sees_every_customer
from tradewind.crm.search_index import search_text_condition
from tradewind.trade.choices import OPEN_QUOTATION
from tradewind.trade.models import Order, Quotation


def _visible(queryset, membership):
    """Only documents of customers the member may see in full (DESIGN §3.5)."""
    queryset = queryset.filter(workspace_id=membership.workspace_id)
    if sees_every_customer(membership):
        return queryset
    return queryset.filter(Q(customer__owner__isnull=True) | Q(customer__owner=membership))


@dataclass
class DocumentFilters:
    q: str = ""
    status: str = ""  # a status, "open" (quotations the buyer may still accept), or "" for all
    currency: str = ""
    mine: bool = False
    customer_id: int | None = None


def _filtered(queryset, membership, filters: DocumentFilters):
    queryset = _visible(queryset, membership)
    if filters.status == "open" and queryset.model is Quotation:
        queryset = queryset.filter(status__in=OPEN_QUOTATION)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.currency:
        queryset = queryset.filter(currency=filters.currency)
    if filters.mine:
        queryset = queryset.filter(owner=membership)
    if filters.customer_id:
        queryset = queryset.filter(customer_id=filters.customer_id)
    words = search_words(filters.q)
    if words:
        # The customer through its search index (every word, folded: "muller" finds Müller), or the number.
        customers = Customer.objects.filter(workspace_id=membership.workspace_id).filter(
            search_text_condition(words)
        )
        queryset = queryset.filter(
            Q(customer_id__in=customers.values("pk")) | Q(number__icontains=filters.q.strip()[:40])
        )
    return queryset


def quotation_list(*, membership, filters: DocumentFilters) -> QuerySet[Quotation]:
    """Newest first; revisions replaced by a later one are shown only when asked for by status."""
    quotations = _filtered(Quotation.objects.all(), membership, filters)
    if not filters.status:
        quotations = quotations.exclude(status="superseded")
    return quotations.select_related("customer", "owner__user").order_by("-issued_on", "-id")


def order_list(*, membership, filters: DocumentFilters) -> QuerySet[Order]:
    orders = _filtered(Order.objects.all(), membership, filters)
    return orders.select_related("customer", "owner__user", "quotation").order_by("-issued_on", "-id")


@dataclass
class CurrencyTotals:
    """Subtotals per currency, and their sum in the reporting currency at each document's recorded rate
    (the rate named is "as recorded on each document")."""

    subtotals: list[Money]
    converted: Money
    count: int


def document_totals(queryset, reporting_currency: str) -> CurrencyTotals:
    """One subtotal a currency and the converted sum, in one aggregate query, whatever the rows."""
    rows = list(
        queryset.order_by()
        .values("currency")
        .annotate(total=Sum("total"), reporting=Sum("total_reporting"), n=Count("id"))
        .order_by("currency")
    )
    converted = sum((r["reporting"] or Decimal(0) for r in rows), Decimal(0))
    return CurrencyTotals(
        subtotals=[Money(r["total"] or Decimal(0), r["currency"]).rounded() for r in rows],
        converted=Money(converted, reporting_currency).rounded(),
        count=sum(r["n"] for r in rows),
    )


def customer_documents(*, membership, customer, limit: int = 20) -> dict:
    """A customer's quotations and orders for its profile: what the buyer asked for and bought."""
    filters = DocumentFilters(customer_id=customer.pk)
    return {
        "quotations": list(quotation_list(membership=membership, filters=filters)[:limit]),
        "orders": list(order_list(membership=membership, filters=filters)[:limit]),
    }
