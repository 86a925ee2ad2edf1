"""Reading production and QC: the supplier list, an order's productions and inspections, the inspections a
member may see — and what the workflow asks: does a failed inspection block booking, is the order late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.production.choices import InspectionResult
from tradewind.trade.production.models import Inspection, Production, ProgressUpdate, Supplier

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)  # sorts an undecided time before any other


@dataclass(frozen=True)
class SupplierFilters:
    q: str = ""
    archived: str = ""  # "" current ones, "archived", "all"


def supplier_list(*, membership, filters: SupplierFilters) -> QuerySet[Supplier]:
    rows = Supplier.objects.filter(workspace_id=membership.workspace_id)
    if not membership.is_active:
        return rows.none()
    if filters.archived == "archived":
        rows = rows.filter(archived=True)
    elif filters.archived != "all":
        rows = rows.filter(archived=False)
    q = (filters.q or "").strip()[:100]
    if q:
        rows = rows.filter(
            Q(name__icontains=q)
            | Q(city__icontains=q)
            | Q(contact_person__icontains=q)
            | Q(notes__icontains=q)
        )
    return rows.order_by("name", "id")


def current_suppliers(workspace) -> list[Supplier]:
    """The suppliers production may be placed with now (for a form's choice)."""
    return list(Supplier.objects.filter(workspace=workspace, archived=False).order_by("name", "id"))


def order_productions(order) -> list[Production]:
    """The order's productions, each with its updates (newest first) and their photos: one query each."""
    updates = ProgressUpdate.objects.select_related("author__user").prefetch_related("photos")
    rows = list(
        Production.objects.filter(order=order)
        .select_related("supplier")
        .prefetch_related(Prefetch("updates", queryset=updates))
    )
    for production in rows:
        production.latest_update = next(iter(production.updates.all()), None)
    return rows


def production_updates(production) -> list[ProgressUpdate]:
    return list(
        ProgressUpdate.objects.filter(production=production)
        .select_related("author__user")
        .prefetch_related("photos")
        .order_by("-created_at", "-id")
    )


def order_inspections(order) -> list[Inspection]:
    return list(
        Inspection.objects.filter(order=order)
        .select_related("production__supplier", "report", "risk_accepted_by__user")
        .prefetch_related("photos")
        .order_by("-inspected_on", "-id")
    )


def supplier_productions(supplier, *, membership, limit: int = 50) -> list[Production]:
    """What a supplier makes, newest first: the orders the member may see."""
    rows = Production.objects.filter(supplier=supplier).select_related("order__customer")
    if not sees_every_customer(membership):
        rows = rows.filter(Q(order__customer__owner__isnull=True) | Q(order__customer__owner=membership))
    return list(rows.order_by("-id")[:limit])


@dataclass(frozen=True)
class InspectionFilters:
    q: str = ""
    result: str = ""
    order: object = None  # an Order


def inspection_list(*, membership, filters: InspectionFilters) -> QuerySet[Inspection]:
    """The inspections of orders the member may see (those of customers whose details they see)."""
    rows = Inspection.objects.filter(workspace_id=membership.workspace_id)
    if not membership.is_active:
        return rows.none()
    if not sees_every_customer(membership):
        rows = rows.filter(Q(order__customer__owner__isnull=True) | Q(order__customer__owner=membership))
    if filters.result:
        rows = rows.filter(result=filters.result)
    if filters.order is not None:
        rows = rows.filter(order=filters.order)
    q = (filters.q or "").strip()[:100]
    if q:
        rows = rows.filter(
            Q(order__number__icontains=q)
            | Q(order__customer__name__icontains=q)
            | Q(production__supplier__name__icontains=q)
            | Q(agency_name__icontains=q)
            | Q(inspector__icontains=q)
        )
    return rows.select_related("order__customer", "production__supplier").order_by("-inspected_on", "-id")


def failed_inspections(order, inspections: list[Inspection] | None = None) -> list[Inspection]:
    """The failed inspections that block booking now: per factory (an inspection without one stands for
    the order as a whole), the latest decided inspection, when it failed and no manager accepted the risk.
    A later pass at that factory — a re-inspection — releases it. `inspections`: all of the order's, when
    the caller read them already (the order page's panel)."""
    if inspections is None:
        inspections = list(Inspection.objects.filter(order=order))
    decided = sorted(
        (i for i in inspections if i.result != InspectionResult.PENDING),
        key=lambda i: (i.inspected_on, i.decided_at or _NEVER, i.pk),
        reverse=True,
    )
    latest: dict[int | None, Inspection] = {}
    for inspection in decided:
        latest.setdefault(inspection.production_id, inspection)
    return [i for i in latest.values() if i.result == InspectionResult.FAIL and i.risk_accepted_at is None]


def inspection_blocks_booking(order, inspections: list[Inspection] | None = None) -> str | None:
    """Why booking cannot go on for `order` (in the active language), or None: the workflow's gate."""
    failed = failed_inspections(order, inspections)
    if not failed:
        return None
    return _(
        "The QC inspection of %(date)s by %(agency)s failed: book a re-inspection that passes, or a manager "
        "accepts the risk."
    ) % {"date": date_format(failed[0].inspected_on, "DATE_FORMAT"), "agency": failed[0].agency_label}


def order_production_risk(order) -> str | None:
    """Why the order's production is late for its delivery date, or None (for the workflow, e.g. when it
    opens an order's fulfilment after production was recorded)."""
    from tradewind.trade.production.services.risk import risk_reason

    late = list(Production.objects.filter(order=order, late=True).select_related("supplier"))
    if not late or order.delivery_date is None:
        return None
    latest = max(late, key=lambda p: p.ready_date)
    return risk_reason(latest.supplier.name, latest.ready_date, order.delivery_date)
