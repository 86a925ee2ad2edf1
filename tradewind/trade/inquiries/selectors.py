"""Reading inquiries: what a member may see, and the list's filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.inquiries.choices import OPEN_STATUSES
from tradewind.trade.inquiries.models import Competitor, Inquiry, LostReason
from tradewind.trade.inquiries.services.clock import overdue_filter


def visible_inquiries(membership) -> QuerySet[Inquiry]:
    """The inquiries `membership` may read: of customers whose details they see (leads and the after-sale
    roles: all), not linked to a customer yet, or assigned to them."""
    rows = Inquiry.objects.filter(workspace_id=membership.workspace_id)
    if not membership.is_active:
        return rows.none()
    if sees_every_customer(membership):
        return rows
    return rows.filter(
        Q(customer__isnull=True)
        | Q(customer__owner__isnull=True)
        | Q(customer__owner=membership)
        | Q(assignee=membership)
    )


@dataclass(frozen=True)
class InquiryFilters:
    q: str = ""
    status: str = ""  # a status, "open", or "" for all
    scope: str = ""  # "mine", "pool", "overdue" or ""
    source: str = ""
    country: str = ""
    customer: object = None  # a Customer


def inquiry_list(*, membership, filters: InquiryFilters) -> QuerySet[Inquiry]:
    rows = visible_inquiries(membership).select_related("customer", "assignee__user", "workspace")
    if filters.status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.scope == "mine":
        rows = rows.filter(assignee=membership)
    elif filters.scope == "pool":
        rows = rows.filter(assignee__isnull=True, status__in=OPEN_STATUSES)
    elif filters.scope == "overdue":
        rows = rows.filter(overdue_filter(timezone.now()))
    if filters.source:
        rows = rows.filter(source=filters.source)
    if filters.country:
        country = filters.country.upper()
        rows = rows.filter(
            Q(customer__country=country) | Q(customer__isnull=True, buyer_country=country)
            | Q(destination_country=country)
        )  # fmt: skip
    if filters.customer is not None:
        rows = rows.filter(customer=filters.customer)
    q = (filters.q or "").strip()
    if q:
        rows = rows.filter(
            Q(number__icontains=q)
            | Q(buyer_company__icontains=q)
            | Q(buyer_name__icontains=q)
            | Q(buyer_email__icontains=q)
            | Q(platform_ref__icontains=q)
            | Q(customer__name__icontains=q)
            | Q(items__description__icontains=q)
            | Q(items__product__sku__icontains=q)
        ).distinct()
    return rows.order_by("-received_at", "-id")


def competitors(*, membership) -> list[Competitor]:
    return list(Competitor.objects.filter(workspace_id=membership.workspace_id))


def lost_reasons(*, membership) -> list[LostReason]:
    from tradewind.trade.inquiries.services.settings import lost_reasons_ensure

    lost_reasons_ensure(membership.workspace)
    return list(LostReason.objects.filter(workspace_id=membership.workspace_id))
