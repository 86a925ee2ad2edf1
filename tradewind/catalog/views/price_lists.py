"""Price list pages: the lists, one list with its prices and customers, the list's form, its copy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.catalog import forms, permissions, selectors, services
from tradewind.catalog.access import access_price_list, access_product_price
from tradewind.catalog.models import Product
from tradewind.catalog.services.price_lists import product_price_clean
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.forms import form_add_service_error
from tradewind.core.money_parse import money_parse
from tradewind.core.pagination import paginate
from tradewind.crm.access import access_customer
from tradewind.workspaces.access import workspace_view

SUBJECT = "catalog.price_list"  # the history subject of services/price_lists.py


def _currencies(workspace) -> list[str]:
    from tradewind.fx.rates import workspace_currencies

    return workspace_currencies(workspace)


def _grades(workspace):
    from tradewind.crm.models import CustomerGrade

    return list(CustomerGrade.objects.filter(workspace=workspace).order_by("position", "code"))


def _require_pricer(request):
    if not permissions.can_edit_prices(request.membership):
        raise Http404  # the page of an action the role does not have: as if it did not exist


def _to_list(request, price_list, anchor: str = ""):
    return redirect(
        reverse("catalog:price_list", args=[request.workspace.slug, price_list.public_id]) + anchor
    )


def _today(request):
    return timezone.localdate()


@workspace_view
@require_GET
def price_list_index(request):
    currencies = _currencies(request.workspace)
    form = forms.PriceListFilterForm(request.GET or None, currencies=currencies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.PriceListFilters(
        q=data.get("q", ""), currency=data.get("currency", ""), period=data.get("period", "")
    )
    lists = selectors.price_list_list(membership=request.membership, filters=filters, today=_today(request))
    context = {
        "filter_form": form,
        "page": paginate(lists, request),
        "today": _today(request),
        "can_edit": permissions.can_edit_prices(request.membership),
        "filtered": any(data.get(k) for k in ("q", "currency", "period")),
    }
    template = "catalog/price_lists.html#price-list-table" if request.htmx else "catalog/price_lists.html"
    return render(request, template, context)


@workspace_view
@require_http_methods(["GET", "POST"])
def price_list_create(request):
    _require_pricer(request)
    form = forms.PriceListForm(
        request.POST or None,
        currencies=_currencies(request.workspace),
        grades=_grades(request.workspace),
        initial={"currency": request.workspace.currency},
    )
    if request.method == "POST" and form.is_valid():
        try:
            price_list = services.price_list_create(actor=request.membership, **form.service_values())
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Price list “%(name)s” created.") % {"name": price_list.name})
            return _to_list(request, price_list)
    status = 400 if form.errors else 200
    return render(request, "catalog/price_list_form.html", {"form": form, "price_list": None}, status=status)


@workspace_view
@require_http_methods(["GET", "POST"])
def price_list_edit(request, price_list_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    form = forms.PriceListForm(
        request.POST or None,
        currencies=_currencies(request.workspace),
        grades=_grades(request.workspace),
        initial=forms.PriceListForm.initial_for(price_list),
        currency_fixed=price_list.prices.exists(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.price_list_update(
                actor=request.membership, price_list=price_list, **form.service_values()
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to_list(request, price_list)
    status = 400 if form.errors else 200
    context = {"form": form, "price_list": price_list}
    return render(request, "catalog/price_list_form.html", context, status=status)


@workspace_view
@require_GET
def price_list_detail(request, price_list_id):
    me = request.membership
    price_list = access_price_list(me, price_list_id)
    q = request.GET.get("q", "")[:200]
    can_edit = permissions.can_edit_prices(me)
    context = {
        "price_list": price_list,
        "q": q,
        "page": paginate(selectors.price_list_prices(price_list=price_list, q=q), request, per_page=100),
        "customers": list(selectors.price_list_customers(price_list=price_list)[:200]),
        "valid_today": price_list.is_valid_on(_today(request)),
        "can_edit": can_edit,
        "price_form": forms.PriceForm(),
        "copy_form": forms.PriceListCopyForm(
            initial={"name": _("%(name)s (copy)") % {"name": price_list.name}}
        ),
        "events": activity_page(
            workspace_id=price_list.workspace_id, subject=(SUBJECT, price_list.public_id), limit=30
        ),
    }
    template = (
        "catalog/price_list_detail.html#price-table" if request.htmx else "catalog/price_list_detail.html"
    )
    return render(request, template, context)


def _act(request, price_list, action, *, success: str, anchor: str = ""):
    """Run a service for a form on the list's page; its refusal is shown there."""
    service_run(request, action, success=success)
    return _to_list(request, price_list, anchor)


@workspace_view
@require_POST
def price_list_delete(request, price_list_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    try:
        services.price_list_delete(actor=request.membership, price_list=price_list)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return _to_list(request, price_list)
    messages.success(request, _("Price list “%(name)s” deleted.") % {"name": price_list.name})
    return redirect("catalog:price_lists", slug=request.workspace.slug)


@workspace_view
@require_POST
def price_list_copy(request, price_list_id):
    _require_pricer(request)
    source = access_price_list(request.membership, price_list_id)
    form = forms.PriceListCopyForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _to_list(request, source, "#copy")
    try:
        copy = services.price_list_copy(actor=request.membership, source=source, **form.cleaned_data)
    except ApplicationError as error:
        for each in error.each():
            messages.error(request, str(each.message))
        return _to_list(request, source, "#copy")
    messages.success(request, _("Copied into “%(name)s”.") % {"name": copy.name})
    return _to_list(request, copy)


def _price_values(request, price_list, form) -> dict:
    """The product and numbers of the price form, or the refusals of all of them at once."""
    errors: list[ApplicationError] = []
    sku = form.cleaned_data["sku"].strip()
    product = Product.objects.filter(workspace=request.workspace, sku__iexact=sku).first()
    if product is None:
        errors.append(ValidationFailed(_("No product has the SKU “%(sku)s”.") % {"sku": sku}, field="sku"))
    price = None
    try:
        price = money_parse(
            form.cleaned_data["unit_price"], currency=price_list.currency, places=4, field="unit_price"
        ).amount
    except ValidationFailed as error:
        errors.append(error)
    try:  # the quantity's refusal too, in the same message
        product_price_clean(form.cleaned_data["min_quantity"], price if price is not None else "0")
    except ValidationFailed as error:
        errors += list(error.each())
    if errors:
        raise ValidationFailed.all_of(errors)
    return {"product": product, "unit_price": price, "min_quantity": form.cleaned_data["min_quantity"]}


@workspace_view
@require_POST
def price_set(request, price_list_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    form = forms.PriceForm(request.POST)

    def action():
        if not form.is_valid():
            raise ValidationFailed(_("Enter the SKU, the quantity the price starts from and the unit price."))
        services.product_price_set(
            actor=request.membership, price_list=price_list, **_price_values(request, price_list, form)
        )

    return _act(request, price_list, action, success=_("Price saved."), anchor="#prices")


@workspace_view
@require_POST
def price_remove(request, price_list_id, price_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    price = access_product_price(request.membership, price_list, price_id)
    return _act(
        request,
        price_list,
        lambda: services.product_price_remove(actor=request.membership, price=price),
        success=_("Price removed."),
        anchor="#prices",
    )


@workspace_view
@require_GET
def customer_search(request, price_list_id):
    """The customers a pricer may agree the list with, found by name: the add form's suggestions."""
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    from tradewind.crm.selectors import CustomerFilters, customer_list

    q = request.GET.get("q", "").strip()[:100]
    found = list(customer_list(membership=request.membership, filters=CustomerFilters(q=q))[:10]) if q else []
    context = {"price_list": price_list, "found": found, "q": q}
    return render(request, "catalog/price_list_detail.html#customer-suggestions", context)


@workspace_view
@require_POST
def customer_add(request, price_list_id, customer_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    customer = access_customer(request.membership, customer_id)
    return _act(
        request,
        price_list,
        lambda: services.customer_price_list_add(
            actor=request.membership, price_list=price_list, customer=customer
        ),
        success=_("Agreed with %(name)s.") % {"name": customer.name},
        anchor="#customers",
    )


@workspace_view
@require_POST
def customer_remove(request, price_list_id, customer_id):
    _require_pricer(request)
    price_list = access_price_list(request.membership, price_list_id)
    customer = access_customer(request.membership, customer_id)
    return _act(
        request,
        price_list,
        lambda: services.customer_price_list_remove(
            actor=request.membership, price_list=price_list, customer=customer
        ),
        success=_("No longer agreed with %(name)s.") % {"name": customer.name},
        anchor="#customers",
    )
