"""Proforma invoice and order pages: the list, a PI from a quotation or entered directly, an order with
its payments due, its PDF; and the settings of the workspace's sales documents."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.panels import panels_for
from tradewind.files.responses import stored_file_response
from tradewind.trade import forms, list_rows, permissions, selectors, services
from tradewind.trade.access import access_order, access_quotation
from tradewind.trade.choices import OrderStatus, QuotationStatus
from tradewind.trade.figures import container_estimate
from tradewind.trade.fx_risk import fx_risk
from tradewind.trade.line_table import line_rows, lines_with_product_ids
from tradewind.trade.models import OrderLine
from tradewind.trade.payment_terms import payment_terms_text
from tradewind.trade.views.common import (
    currencies,
    customer_for_new,
    customers_found,
    document_list,
    form_context,
    margins,
    products_url,
)
from tradewind.workspaces.access import workspace_view


def _to(request, order, anchor: str = ""):
    return redirect(reverse("trade:order", args=[request.workspace.slug, order.public_id]) + anchor)


@workspace_view
@require_GET
def order_list(request):
    return document_list(
        request,
        statuses=OrderStatus.choices,
        select=selectors.order_list,
        columns=list_rows.ORDER_COLUMNS,
        rows=list_rows.order_rows,
        template="trade/order_list.html",
        partial="order-table",
        extra={"can_keep": permissions.can_keep_orders(request.membership)},
        with_open=False,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def order_from_quotation(request, quotation_id):
    me = request.membership
    quotation = access_quotation(me, quotation_id)
    if not permissions.can_keep_orders(me) or quotation.status != QuotationStatus.ACCEPTED:
        raise Http404
    settings = services.trade_settings(request.workspace)
    customer = quotation.customer
    initial = {
        "buyer_name": customer.name_latin or customer.name,
        "buyer_address": customer.address,
        "port_of_loading": quotation.incoterm_place if quotation.incoterm in ("FOB", "FAS", "FCA") else "",
        "port_of_discharge": customer.destination_port,
        "bank_details": settings.bank_details,
    }
    form = forms.PiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_create_from_quotation(actor=me, quotation=quotation, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Proforma invoice %(number)s made.") % {"number": order.number})
            return _to(request, order)
    context = {"form": form, "quotation": quotation}
    return render(request, "trade/pi_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def order_create(request):
    """A PI entered directly, for a repeat buyer: the quotation form's terms and lines, and the PI's own."""
    me = request.membership
    if not permissions.can_keep_orders(me):
        raise Http404
    customer = customer_for_new(request)
    if customer is None:
        q = request.GET.get("q", "").strip()[:100]
        template = "trade/pick_customer.html#customer-results" if request.htmx else "trade/pick_customer.html"
        return render(request, template, {"q": q, "found": customers_found(me, q), "for_order": True})
    today = timezone.localdate()
    initial = {
        "currency": customer.currency or request.workspace.currency,
        "incoterm": customer.incoterm or "FOB",
        "incoterm_place": customer.named_place,
        "issued_on": today,
        "valid_until": today,
        "language": "en",
        "payment_preset": "tt_30_70_bl",
    }
    form = forms.QuotationForm(
        request.POST or None, initial=initial, customer=customer, currencies=currencies(request.workspace)
    )
    for name in ("issued_on", "valid_until"):  # a PI is dated the day it is made
        form.fields[name].required = False
    pi_form = forms.PiForm(
        request.POST or None,
        prefix="pi",
        initial={
            "buyer_name": customer.name_latin or customer.name,
            "buyer_address": customer.address,
            "port_of_discharge": customer.destination_port,
            "bank_details": services.trade_settings(request.workspace).bank_details,
        },
    )
    if request.method == "POST" and form.is_valid() and pi_form.is_valid():
        values = form.service_values(forms.milestones_from(request.POST))
        for name in ("issued_on", "valid_until"):
            values.pop(name, None)
        try:
            order = services.order_create(
                actor=me,
                customer=customer,
                lines=forms.lines_from(request.POST, request.workspace),
                **values,
                **pi_form.cleaned_data,
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
            form_add_service_error(pi_form, error)
        else:
            messages.success(request, _("Proforma invoice %(number)s made.") % {"number": order.number})
            return _to(request, order)
    rows = forms.posted_line_rows(request.POST) if request.method == "POST" else forms.line_rows([])
    context = form_context(
        request,
        form,
        customer,
        rows=rows,
        milestones=forms.milestones_from(request.POST) if request.POST else None,
    )
    context["pi_form"] = pi_form
    context["direct_order"] = True
    status = 400 if (form.errors or pi_form.errors) else 200
    return render(request, "trade/quotation_form.html", context, status=status)


@workspace_view
@require_GET
def order_detail(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    # The page and its panels (shipping's remaining quantities, receivables, the FX warning) read the
    # lines and the milestones: once.
    prefetch_related_objects(
        [order], Prefetch("lines", queryset=lines_with_product_ids(OrderLine.objects.all())), "payments"
    )
    lines = list(order.lines.all())
    show_margins = permissions.can_see_margins(me)
    line_margins = margins(order, lines) if show_margins else None  # before line_rows(): sets line.margin
    context = {
        "order": order,
        "lines": line_rows(order, lines, products_url=products_url(request)),
        "payment_terms": payment_terms_text(order.payment_terms),
        "containers": container_estimate(order.cbm, order.gross_kg),
        "margins": line_margins,
        "fx_risk": fx_risk(order),
        "show_margins": show_margins,
        "can_work": permissions.can_keep_orders(me) and permissions.can_see(me, order),
        "confirm_form": forms.ConfirmForm(initial={"confirmed_on": timezone.localdate()}),
        "statuses": OrderStatus,
        "events": activity_page(
            workspace_id=order.workspace_id, subject=("trade.order", order.public_id), limit=50
        ),
        "panels": panels_for("trade.order", me, order),  # fulfilment: stages, production, shipments …
    }
    return render(request, "trade/order_detail.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def order_edit(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    if not permissions.can_keep_orders(me):
        raise Http404
    if order.status != OrderStatus.PROFORMA:  # the PI of a confirmed order is what the buyer signed
        messages.info(request, _("A confirmed order's PI is not changed; record changes on the order."))
        return _to(request, order)
    fields = ("buyer_name", "buyer_address", "port_of_loading", "port_of_discharge", "delivery_date",
              "shipping_marks", "bank_details")  # fmt: skip
    form = forms.PiForm(request.POST or None, initial={f: getattr(order, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.order_update(actor=me, order=order, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to(request, order)
    return render(
        request, "trade/pi_form.html", {"form": form, "order": order}, status=400 if form.errors else 200
    )


def _act(request, order, action, *, success: str):
    """Run a service for a button on the order's page; its refusal is shown there."""
    service_run(request, action, success=success)
    return _to(request, order)


@workspace_view
@require_POST
def order_confirm(request, order_id):
    order = access_order(request.membership, order_id)
    form = forms.ConfirmForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _to(request, order, "#confirm")
    return _act(
        request,
        order,
        lambda: services.order_confirm(
            actor=request.membership,
            order=order,
            confirmed_on=form.cleaned_data["confirmed_on"],
            signed_pi=form.cleaned_data.get("signed_pi"),
        ),
        success=_("Confirmed: %(number)s is an order now.") % {"number": order.number},
    )


@workspace_view
@require_POST
def order_cancel(request, order_id):
    order = access_order(request.membership, order_id)
    return _act(
        request,
        order,
        lambda: services.order_cancel(
            actor=request.membership, order=order, reason=request.POST.get("reason", "")
        ),
        success=_("Cancelled."),
    )


@workspace_view
@require_GET
def order_pdf(request, order_id):
    from tradewind.trade.pdf import order_pdf as render_pdf

    order = access_order(request.membership, order_id)
    language = request.GET.get("language")
    if language in ("en", "zh-hans"):
        order.language = language
    response = HttpResponse(render_pdf(order), content_type="application/pdf")
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{order.number}.pdf"'
    return response


@workspace_view
@require_GET
def order_signed_pi(request, order_id):
    order = access_order(request.membership, order_id)
    if order.signed_pi is None:
        raise Http404
    return stored_file_response(order.signed_pi)


@workspace_view
@require_http_methods(["GET", "POST"])
def trade_settings(request):
    me = request.membership
    if not permissions.can_change_settings(me):
        raise Http404
    settings = services.trade_settings(request.workspace)
    names = [f for f in forms.SettingsForm.base_fields if f != "logo"]
    form = forms.SettingsForm(
        request.POST or None, request.FILES or None, initial={f: getattr(settings, f) for f in names}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trade_settings_update(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("trade:settings", slug=request.workspace.slug)
    context = {"form": form, "settings": settings}
    return render(request, "trade/settings.html", context, status=400 if form.errors else 200)
