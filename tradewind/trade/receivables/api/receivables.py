"""The receivables list with ageing, and the finance settings, under /api/v1/workspaces/{slug}/receivables…
Finance and the leads see every order's; a sales rep the orders they sold; the other roles none."""

from decimal import Decimal

from django.http import Http404
from ninja import Query
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithoutCount
from tradewind.api.responses import answers
from tradewind.trade.api.answers import amount_text, member_ref
from tradewind.trade.receivables import ageing, permissions, services
from tradewind.trade.receivables.api.router import router
from tradewind.trade.receivables.api.schemas import (
    ReceivableFiltersIn,
    ReceivableOut,
    ReceivablesAgeingOut,
    ReceivablesSettingsIn,
    ReceivablesSettingsOut,
)
from tradewind.trade.receivables.selectors import workspace_today

BASE = "/workspaces/{slug}/receivables"


def _filters(filters: ReceivableFiltersIn) -> ageing.ReceivableFilters:
    return ageing.ReceivableFilters(
        q=filters.q,
        customer=filters.customer,
        rep=filters.rep if filters.rep not in ("", "mine") else None,
        mine=filters.rep == "mine",
        currency=filters.currency,
        overdue=filters.overdue,
        bucket=filters.bucket,
    )


def _buckets(source, currency: str) -> dict:
    return {
        field: amount_text(getattr(source, field) or Decimal(0), currency)
        for field in ageing.BUCKET_FIELDS.values()
    }


def receivable_out(order) -> dict:
    currency = order.currency
    return {
        "order": {"id": order.public_id, "name": order.number},
        "customer": {"id": order.customer.public_id, "name": order.customer.name},
        "rep": member_ref(order.owner),
        "currency": currency,
        "total": amount_text(order.total, currency),
        "open": amount_text(order.open, currency),
        "overdue": amount_text(order.overdue, currency),
        "buckets": _buckets(order, currency),
        "oldest_due_on": order.oldest_due,
    }


@router.get(
    BASE, response=list[ReceivableOut], url_name="receivables_list", summary="Receivables with ageing"
)
@paginate(PageWithoutCount)
def receivable_list(request, slug: str, filters: Query[ReceivableFiltersIn]):
    """Confirmed orders with money open, the most overdue first, each aged in its own currency: not due,
    1–30, 31–60, 61–90 and over 90 days past due (counted from the workspace's today)."""
    m = api_membership(request, slug)
    today = workspace_today(m.workspace)
    return MappedRows(
        ageing.receivable_list(membership=m, filters=_filters(filters), today=today), receivable_out
    )


@router.get(
    BASE + "/ageing",
    response=ReceivablesAgeingOut,
    url_name="receivables_ageing",
    summary="Ageing per currency",
)
def receivable_ageing(request, slug: str, filters: Query[ReceivableFiltersIn]):
    """For the same filters as the list: the ageing buckets per currency (never added across currencies),
    and their equivalent in the reporting currency at each order's recorded rate."""
    m = api_membership(request, slug)
    today = workspace_today(m.workspace)
    orders = ageing.receivable_list(membership=m, filters=_filters(filters), today=today)
    reporting_currency = m.workspace.currency
    totals = ageing.ageing_totals(orders, today=today, reporting_currency=reporting_currency)
    return {
        "today": today,
        "currencies": [
            {
                "currency": row.currency,
                "orders": row.orders,
                "open": amount_text(row.open.amount, row.currency),
                "buckets": {
                    name: amount_text(money.amount, row.currency) for name, money in row.buckets.items()
                },
                "open_reporting": amount_text(row.reporting.amount, reporting_currency),
            }
            for row in totals.currencies
        ],
        "reporting_currency": reporting_currency,
        "reporting": {
            name: amount_text(totals.reporting[name].amount, reporting_currency)
            for name in ageing.BUCKET_FIELDS.values()
        },
        "open_reporting": amount_text(totals.reporting["open"].amount, reporting_currency),
    }


@router.get(
    BASE + "/settings",
    response=ReceivablesSettingsOut,
    url_name="receivables_settings_detail",
    summary="Finance settings",
)
def settings_detail(request, slug: str):
    """Finance and the leads (404 for the others)."""
    m = api_membership(request, slug)
    if not permissions.can_change_settings(m):
        raise Http404
    return {"escalation_days": services.receivables_settings(m.workspace).escalation_days}


@router.put(
    BASE + "/settings",
    response=answers(ReceivablesSettingsOut, 403),
    url_name="receivables_settings_update",
    summary="Change the finance settings",
)
def settings_update(request, slug: str, payload: ReceivablesSettingsIn):
    """When the managers hear of an overdue payment (audited). Finance and the leads (403 for the others)."""
    m = api_membership(request, slug)
    settings = services.receivables_settings_update(actor=m, escalation_days=payload.escalation_days)
    return {"escalation_days": settings.escalation_days}
