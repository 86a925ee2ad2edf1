"""Finance's pages: the receivables list with ageing (and its CSV), the receipts, the finance settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.crm.models import Customer
from tradewind.trade.receivables import ageing, exports, permissions, services
from tradewind.trade.receivables.forms import ReceiptFilterForm, ReceivableFilterForm, SettingsForm
from tradewind.trade.receivables.selectors import workspace_today
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership


def _require_reader(request):
    if not permissions.can_see_receivables(request.membership):
        raise Http404


def _currencies(workspace) -> list[str]:
    from tradewind.fx.rates import workspace_currencies

    return workspace_currencies(workspace)


def _reps(membership) -> list[tuple[str, str]]:
    if not permissions.sees_every_receivable(membership):
        return []
    # Those who left too: the orders they sold may still be owed.
    members = Membership.objects.filter(
        workspace_id=membership.workspace_id, role__in=[Role.SALES, Role.MANAGER, Role.ADMIN, Role.OWNER]
    ).values_list("public_id", "user__full_name", "user__email")
    return sorted(
        ((str(public_id), full_name or email) for public_id, full_name, email in members),
        key=lambda c: c[1].lower(),
    )


def _filters(request) -> tuple[ReceivableFilterForm, ageing.ReceivableFilters, dict]:
    me = request.membership
    form = ReceivableFilterForm(
        request.GET or None, reps=_reps(me), currencies=_currencies(request.workspace)
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = ageing.ReceivableFilters(
        q=data.get("q", ""),
        customer=data.get("customer"),
        rep=data.get("rep") or None,
        currency=data.get("currency", ""),
        overdue=bool(data.get("overdue")),
        bucket=data.get("bucket", ""),
    )
    return form, filters, data


@workspace_view
@require_GET
def receivable_list(request):
    _require_reader(request)
    me = request.membership
    form, filters, data = _filters(request)
    today = workspace_today(request.workspace)
    orders = ageing.receivable_list(membership=me, filters=filters, today=today)
    page = paginate(orders, request)
    customer = None
    if filters.customer:
        customer = Customer.objects.filter(workspace=request.workspace, public_id=filters.customer).first()
    context = {
        "filter_form": form,
        "page": page,
        "today": today,
        "totals": ageing.ageing_totals(orders, today=today, reporting_currency=request.workspace.currency),
        "customer": customer,
        "filtered": any(data.get(k) for k in ("q", "customer", "rep", "currency", "overdue", "bucket")),
        "export_query": request.GET.urlencode(),
        "sees_all": permissions.sees_every_receivable(me),
    }
    template = "receivables/list.html#receivable-table" if request.htmx else "receivables/list.html"
    return render(request, template, context)


@workspace_view
@require_GET
def receivable_export(request):
    """The list as CSV with its filters (every row, not only a page)."""
    _require_reader(request)
    _form, filters, _data = _filters(request)
    today = workspace_today(request.workspace)
    orders = ageing.receivable_list(membership=request.membership, filters=filters, today=today)
    response = StreamingHttpResponse(exports.receivables_csv(orders), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="receivables-{today.isoformat()}.csv"'
    return response


@workspace_view
@require_GET
def receipt_list(request):
    _require_reader(request)
    form = ReceiptFilterForm(request.GET or None, currencies=_currencies(request.workspace))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = ageing.ReceiptFilters(
        q=data.get("q", ""), currency=data.get("currency", ""), status=data.get("status", "")
    )
    page = paginate(ageing.receipt_list(membership=request.membership, filters=filters), request)
    context = {
        "filter_form": form,
        "page": page,
        "filtered": any(data.get(k) for k in ("q", "currency", "status")),
    }
    template = "receivables/receipts.html#receipt-table" if request.htmx else "receivables/receipts.html"
    return render(request, template, context)


@workspace_view
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    me = request.membership
    if not permissions.can_change_settings(me):
        raise Http404
    settings = services.receivables_settings(request.workspace)
    form = SettingsForm(request.POST or None, initial={"escalation_days": settings.escalation_days})
    if request.method == "POST" and form.is_valid():
        try:
            services.receivables_settings_update(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("receivables:settings", slug=request.workspace.slug)
    return render(request, "receivables/settings.html", {"form": form}, status=400 if form.errors else 200)
