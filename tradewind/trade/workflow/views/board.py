"""The order board (orders by stage), the filterable list, and "my orders" per job; live-updated."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tradewind.core.pagination import paginate
from tradewind.trade.workflow import permissions, selectors
from tradewind.trade.workflow.forms import JOB_LABELS, OrderFilterForm
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.choices import Role


def _filters(request) -> tuple[OrderFilterForm, selectors.OrderFilters, bool]:
    form = OrderFilterForm(request.GET, workspace=request.workspace)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    members = form.member_pks
    flag = data.get("flag") or ""
    filters = selectors.OrderFilters(
        q=data.get("q") or "",
        rep=members.get(data.get("rep") or ""),
        merchandiser=members.get(data.get("merchandiser") or ""),
        country=data.get("country") or "",
        at_risk=flag == "at_risk",
        late=flag == "late",
        payment_overdue=flag == "payment_overdue",
        etd_from=data.get("etd_from"),
        etd_to=data.get("etd_to"),
        closed=request.GET.get("closed") == "1",
        stage=request.GET.get("stage", "")[:40],
    )
    filtered = any(data.values()) or filters.closed or bool(filters.stage)
    return form, filters, filtered


def _orders_url(request) -> str:
    """An order's page is this + its public id + "/": reversed once, not per card (150 cards cost 8 ms)."""
    return reverse("trade:orders", args=[request.workspace.slug])


def _require(request):
    if not permissions.can_see_board(request.membership):
        raise PermissionDenied


@workspace_view
@require_GET
def board(request):
    _require(request)
    form, filters, filtered = _filters(request)
    columns = selectors.board_columns(membership=request.membership, filters=filters)
    return render(
        request,
        "workflow/board.html",
        {
            "filter_form": form,
            "columns": columns,
            "orders_url": _orders_url(request),
            "filtered": filtered,
            "view": "board",
            "any_orders": any(c.count for c in columns),
        },
    )


@workspace_view
@require_GET
def order_list(request):
    _require(request)
    form, filters, filtered = _filters(request)
    page = paginate(selectors.fulfilment_rows(membership=request.membership, filters=filters), request)
    return render(
        request,
        "workflow/list.html",
        {
            "filter_form": form,
            "page": page,
            "orders_url": _orders_url(request),
            "rows": page.items,
            "filtered": filtered,
            "view": "list",
            "closed": filters.closed,
        },
    )


@workspace_view
@require_GET
def my_orders(request):
    """The orders where I hold a job, my role's job first: a merchandiser sees production and QC work,
    logistics bookings and ETDs, finance receivables."""
    _require(request)
    me = request.membership
    jobs = [Role.SALES, *TEAM_FIELDS]
    job = request.GET.get("job") or selectors.my_job(me)
    if job not in jobs:
        job = selectors.my_job(me)
    filters = selectors.OrderFilters(mine=job)
    page = paginate(selectors.fulfilment_rows(membership=me, filters=filters), request)
    labels = {
        Role.SALES: Role.SALES.label,
        **{role: JOB_LABELS[field] for role, field in TEAM_FIELDS.items()},
    }
    return render(
        request,
        "workflow/mine.html",
        {
            "page": page,
            "rows": page.items,
            "orders_url": _orders_url(request),
            "job": job,
            "jobs": [(j, labels[j]) for j in jobs],
            "view": "mine",
        },
    )
