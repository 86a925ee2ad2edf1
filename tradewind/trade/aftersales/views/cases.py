"""The after-sales pages: the cases list, a new case from its order, a case with its history, its
changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tradewind.activity.selectors import activity_page
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.trade.access import access_order
from tradewind.trade.aftersales import forms, permissions, selectors, services
from tradewind.trade.aftersales.access import access_case
from tradewind.trade.aftersales.models import AftersalesCase
from tradewind.trade.aftersales.shipments import order_shipment, order_shipments
from tradewind.trade.choices import OrderStatus
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


def to_case(request, case, anchor: str = ""):
    return redirect(reverse("aftersales:detail", args=[request.workspace.slug, case.public_id]) + anchor)


def keepers(workspace) -> list[Membership]:
    """The members who may own a case: customer service and the leads."""
    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related("user")
    return sorted((m for m in members if permissions.can_keep_cases(m)), key=lambda m: m.user.display_name)


def _currencies(workspace, current: str) -> list[str]:
    from tradewind.fx.rates import workspace_currencies

    codes = workspace_currencies(workspace)
    return codes if current in codes else [current, *codes]


@workspace_view
@require_GET
def case_list(request):
    me = request.membership
    owners = keepers(request.workspace)
    form = forms.FilterForm(request.GET or None, owners=owners)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    owner = None
    if data.get("owner") == "mine":
        owner = me
    elif data.get("owner"):
        owner = next((m for m in owners if str(m.public_id) == data["owner"]), None)
    customer = None
    if data.get("customer"):
        customer = access_customer(me, data["customer"])
        if not can_see_details(me, customer):
            raise Http404
    filters = selectors.CaseFilters(
        q=data.get("q", ""),
        status=data.get("status", ""),
        case_type=data.get("case_type", ""),
        owner=owner,
        customer=customer,
        open_only=bool(data.get("open")),
    )
    page = paginate(selectors.case_list(membership=me, filters=filters), request)
    context = {
        "filter_form": form,
        "page": page,
        "customer": customer,
        "filtered": any(data.get(k) for k in ("q", "status", "case_type", "owner", "open", "customer")),
    }
    template = "aftersales/list.html#case-table" if request.htmx else "aftersales/list.html"
    return render(request, template, context)


def _choose(form, name: str, value: str, found):
    """The chosen object, or None; a value naming nothing is the field's error."""
    if value and found is None:
        form.add_error(name, _("Choose a value from the list."))
    return found


@workspace_view
@require_http_methods(["GET", "POST"])
def case_create(request):
    """A new case about the order named by ?order= (the order page's "new case" link)."""
    me = request.membership
    order_id = request.GET.get("order") or request.POST.get("order")
    if not order_id:
        messages.info(request, _("Open a case from its order's page."))
        return redirect("aftersales:list", slug=request.workspace.slug)
    order = access_order(me, order_id)
    if not permissions.can_open_case(me, order):
        raise Http404
    if order.status != OrderStatus.CONFIRMED:
        messages.error(request, _("After-sales cases are opened on confirmed orders."))
        return redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
    owners = keepers(request.workspace) if permissions.can_keep_cases(me) else None
    shipments = order_shipments(order)
    default = services.default_owner(order, me)
    form = forms.CaseForm(
        request.POST or None,
        shipments=shipments,
        currencies=_currencies(request.workspace, order.currency),
        owners=owners,
        initial={"currency": order.currency, "owner": str(default.public_id) if default else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        shipment = _choose(
            form,
            "shipment",
            data["shipment"],
            order_shipment(order, data["shipment"]) if data["shipment"] else None,
        )
        extra = {}
        if owners is not None:
            extra["owner"] = _choose(
                form,
                "owner",
                data["owner"],
                next((m for m in owners if str(m.public_id) == data["owner"]), None),
            )
        if not form.errors:
            try:
                case = services.case_create(
                    actor=me,
                    order=order,
                    case_type=data["case_type"],
                    description=data["description"],
                    claimed_amount=data["claimed_amount"],
                    currency=data["currency"],
                    shipment=shipment,
                    **extra,
                )
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
                return to_case(request, case)
    context = {"form": form, "order": order, "has_shipments": bool(shipments)}
    return render(request, "aftersales/form.html", context, status=400 if form.errors else 200)


def detail_context(request, case: AftersalesCase, *, resolve_form=None) -> dict:
    me = request.membership
    credit = getattr(case, "credit_note", None) if case.resolution == "credit_note" else None
    can_work = permissions.can_work_case(me, case)
    can_apply = credit is not None and credit.is_open and permissions.can_apply_credits(me)
    return {
        "case": case,
        "photos": list(case.photos.select_related("file", "thumbnail")),
        "credit": credit,
        "apply_orders": selectors.orders_for_credit(credit) if can_apply else [],
        "can_apply": can_apply,
        "other_credits": [c for c in selectors.open_credits(case.customer) if c.case_id != case.pk],
        "customer_visible": can_see_details(me, case.customer),
        "can_work": can_work,
        "can_add_photos": permissions.can_add_photos(me, case),
        "statuses": [s for s in forms.StatusForm.base_fields["status"].choices if s[0] != case.status],
        "resolve_form": resolve_form or forms.ResolveForm(currency=case.currency),
        "events": activity_page(workspace_id=case.workspace_id, subject=(services.CASE, case.public_id)),
    }


@workspace_view
@require_GET
def case_detail(request, case_id):
    case = access_case(request.membership, case_id)
    return render(request, "aftersales/detail.html", detail_context(request, case))


@workspace_view
@require_http_methods(["GET", "POST"])
def case_edit(request, case_id):
    me = request.membership
    case = access_case(me, case_id)
    if not permissions.can_work_case(me, case):
        raise Http404
    if not case.is_open:
        messages.info(request, _("A closed case is not changed; open a new case if the buyer comes back."))
        return to_case(request, case)
    owners = keepers(request.workspace)
    shipments = order_shipments(case.order)
    initial = {
        "case_type": case.case_type,
        "shipment": str(case.shipment.public_id) if case.shipment else "",
        "description": case.description,
        "claimed": f"{case.claimed_amount:f}" if case.claimed_amount is not None else "",
        "currency": case.currency,
        "owner": str(case.owner.public_id) if case.owner else "",
    }
    form = forms.CaseForm(
        request.POST or None,
        initial=initial,
        shipments=shipments,
        currencies=_currencies(request.workspace, case.currency),
        owners=owners,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        shipment = _choose(
            form,
            "shipment",
            data["shipment"],
            order_shipment(case.order, data["shipment"]) if data["shipment"] else None,
        )
        owner = _choose(
            form, "owner", data["owner"], next((m for m in owners if str(m.public_id) == data["owner"]), None)
        )
        if not form.errors:
            try:
                services.case_update(
                    actor=me,
                    case=case,
                    case_type=data["case_type"],
                    description=data["description"],
                    claimed_amount=data["claimed_amount"],
                    currency=data["currency"],
                    shipment=shipment,
                    owner=owner,
                )
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return to_case(request, case)
    context = {"form": form, "order": case.order, "case": case, "has_shipments": bool(shipments)}
    return render(request, "aftersales/form.html", context, status=400 if form.errors else 200)
