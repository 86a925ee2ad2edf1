"""Quotation pages: the list with its per-currency totals, the form with its lines, a quotation with the
actions its state allows, its PDF."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
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
from tradewind.trade import forms, list_rows, permissions, selectors, services
from tradewind.trade.access import access_quotation
from tradewind.trade.choices import EDITABLE_QUOTATION, QuotationStatus
from tradewind.trade.figures import container_estimate
from tradewind.trade.fx_risk import fx_risk
from tradewind.trade.line_table import document_lines, line_rows
from tradewind.trade.models import Quotation
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


def _to(request, quotation, anchor: str = ""):
    return redirect(reverse("trade:quotation", args=[request.workspace.slug, quotation.public_id]) + anchor)


@workspace_view
@require_GET
def quotation_list(request):
    return document_list(
        request,
        statuses=QuotationStatus.choices,
        select=selectors.quotation_list,
        columns=list_rows.QUOTATION_COLUMNS,
        rows=list_rows.quotation_rows,
        template="trade/quotation_list.html",
        partial="quotation-table",
        extra={"can_quote": permissions.can_quote(request.membership)},
        with_open=True,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def quotation_create(request):
    me = request.membership
    if not permissions.can_quote(me):
        raise Http404
    customer = customer_for_new(request)
    if customer is None:
        q = request.GET.get("q", "").strip()[:100]
        found = customers_found(me, q)
        template = "trade/pick_customer.html#customer-results" if request.htmx else "trade/pick_customer.html"
        return render(request, template, {"q": q, "found": found})
    settings = services.trade_settings(request.workspace)
    today = timezone.localdate()
    initial = {
        "currency": customer.currency or request.workspace.currency,
        "incoterm": customer.incoterm or "FOB",
        "incoterm_place": customer.named_place,
        "issued_on": today,
        "valid_until": today + dt.timedelta(days=settings.validity_days),
        "language": "zh-hans" if customer.country in ("CN", "TW", "HK", "MO") else "en",
        "payment_preset": "tt_30_70_bl",
    }
    inquiry = _inquiry(request)
    if inquiry is not None and inquiry.incoterm:  # what the buyer asked for
        initial["incoterm"] = inquiry.incoterm
    contact = (inquiry.contact if inquiry is not None else None) or customer.contacts.first()
    initial["contact"] = str(contact.public_id) if contact else ""
    form = forms.QuotationForm(
        request.POST or None, initial=initial, customer=customer, currencies=currencies(request.workspace)
    )
    if request.method == "POST" and form.is_valid():
        try:
            quotation = services.quotation_create(
                actor=me,
                customer=customer,
                lines=forms.lines_from(request.POST, request.workspace),
                inquiry=inquiry,
                **form.service_values(forms.milestones_from(request.POST)),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, _("Quotation %(number)s saved as a draft.") % {"number": quotation.number}
            )
            return _to(request, quotation)
    rows = (
        forms.posted_line_rows(request.POST)
        if request.method == "POST"
        else forms.line_rows(_inquiry_lines(inquiry))
    )
    context = form_context(
        request,
        form,
        customer,
        rows=rows,
        milestones=forms.milestones_from(request.POST) if request.POST else None,
    )
    context["inquiry"] = inquiry
    return render(request, "trade/quotation_form.html", context, status=400 if form.errors else 200)


def _inquiry(request):
    """The inquiry a new quotation answers (?inquiry=…), if the member may see it."""
    inquiry_id = request.GET.get("inquiry") or request.POST.get("inquiry")
    if not inquiry_id:
        return None
    from tradewind.trade.inquiries.access import access_inquiry

    try:
        return access_inquiry(request.membership, inquiry_id)
    except (ValueError, Http404):
        return None


def _inquiry_lines(inquiry) -> list:
    """An inquiry's items as the first lines of its quotation (the rep adds the prices)."""
    if inquiry is None:
        return []
    from types import SimpleNamespace

    return [
        SimpleNamespace(
            sku=item.product.sku if item.product_id else "",
            name=item.description or (item.product.name_en if item.product_id else ""),
            specification="",
            quantity=item.quantity,
            unit=item.unit,
            unit_price=None,
            discount_percent=None,
        )
        for item in inquiry.items.select_related("product")
    ]


@workspace_view
@require_http_methods(["GET", "POST"])
def quotation_edit(request, quotation_id):
    me = request.membership
    quotation = access_quotation(me, quotation_id)
    if not permissions.can_work_on(me, quotation):
        raise Http404
    if quotation.status not in EDITABLE_QUOTATION:  # an old link to the form of a sent quotation
        status = quotation.get_status_display().lower()
        message = _("Quotation %(number)s is %(status)s; make a revision to change it.")
        messages.info(request, message % {"number": quotation.number, "status": status})
        return _to(request, quotation)
    form = forms.QuotationForm(
        request.POST or None,
        initial=forms.initial_for(quotation),
        customer=quotation.customer,
        currencies=currencies(request.workspace),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.quotation_update(
                actor=me,
                quotation=quotation,
                lines=forms.lines_from(request.POST, request.workspace),
                **form.service_values(forms.milestones_from(request.POST)),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to(request, quotation)
    if request.method == "POST":
        rows, milestones = forms.posted_line_rows(request.POST), forms.milestones_from(request.POST)
    else:
        rows, milestones = forms.line_rows(quotation.lines.all()), quotation.payment_terms
    context = form_context(
        request, form, quotation.customer, quotation=quotation, rows=rows, milestones=milestones
    )
    return render(request, "trade/quotation_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_GET
def quotation_detail(request, quotation_id):
    me = request.membership
    quotation = access_quotation(me, quotation_id)
    lines = document_lines(quotation)
    can_work = permissions.can_work_on(me, quotation)
    show_margins = permissions.can_see_margins(me)
    line_margins = margins(quotation, lines) if show_margins else None  # before line_rows(): sets line.margin
    revisions = list(
        Quotation.objects.filter(workspace=quotation.workspace, base_number=quotation.base_number)
        .exclude(pk=quotation.pk)
        .order_by("revision")
    )
    to = _buyer_address(quotation)
    context = {
        "quotation": quotation,
        "lines": line_rows(quotation, lines, products_url=products_url(request)),
        "payment_terms": payment_terms_text(quotation.payment_terms),
        "containers": container_estimate(quotation.cbm, quotation.gross_kg),
        "margins": line_margins,
        "fx_risk": fx_risk(quotation),
        "reasons": [services.approval_reason_text(r) for r in quotation.approval_reasons],
        "pending_reasons": [
            services.approval_reason_text(r) for r in services.approval_reasons(quotation, lines)
        ]
        if quotation.status == QuotationStatus.DRAFT
        else [],
        "revisions": revisions,
        "orders": list(quotation.orders.all()),
        "can_work": can_work,
        "can_approve": permissions.can_approve(me) and quotation.status == QuotationStatus.PENDING_APPROVAL,
        "can_make_pi": permissions.can_keep_orders(me) and quotation.status == QuotationStatus.ACCEPTED,
        "can_quote": permissions.can_quote(me),
        "show_margins": show_margins,
        "send_form": forms.SendForm(initial={"to": to}),
        "statuses": QuotationStatus,
        "events": activity_page(
            workspace_id=quotation.workspace_id, subject=("trade.quotation", quotation.public_id), limit=50
        ),
    }
    return render(request, "trade/quotation_detail.html", context)


def _buyer_address(quotation) -> str:
    """Where the quotation goes by default: its contact's first address, else the customer's first one."""
    contacts = [quotation.contact] if quotation.contact else list(quotation.customer.contacts.all())
    return next((c.emails[0] for c in contacts if c.emails), "")


def _act(request, quotation, action, *, success: str, anchor: str = ""):
    """Run a service for a button on the quotation's page; its refusal is shown there. A service that
    answers another quotation (a revision, a copy) leads to it."""
    ok, result = service_run(request, action, success=success)
    if not ok:
        return _to(request, quotation, anchor)
    return _to(request, result if isinstance(result, Quotation) else quotation)


def _post_action(name, call, success):
    @workspace_view
    @require_POST
    def view(request, quotation_id):
        quotation = access_quotation(request.membership, quotation_id)
        return _act(request, quotation, lambda: call(request, quotation), success=str(success(quotation)))

    view.__name__ = name
    return view


quotation_submit = _post_action(
    "quotation_submit",
    lambda r, q: services.quotation_submit(actor=r.membership, quotation=q),
    lambda q: _("Submitted."),
)
quotation_approve = _post_action(
    "quotation_approve",
    lambda r, q: services.quotation_approve(
        actor=r.membership, quotation=q, comment=r.POST.get("comment", "")
    ),
    lambda q: _("Approved: the rep can send it."),
)
quotation_reject = _post_action(
    "quotation_reject",
    lambda r, q: services.quotation_reject(
        actor=r.membership, quotation=q, comment=r.POST.get("comment", "")
    ),
    lambda q: _("Rejected: back to the rep as a draft."),
)
quotation_mark_sent = _post_action(
    "quotation_mark_sent",
    lambda r, q: services.quotation_mark_sent(actor=r.membership, quotation=q),
    lambda q: _("Marked as sent."),
)
quotation_accept = _post_action(
    "quotation_accept",
    lambda r, q: services.quotation_accept(actor=r.membership, quotation=q),
    lambda q: _("Accepted by the buyer. Make the proforma invoice next."),
)
quotation_decline = _post_action(
    "quotation_decline",
    lambda r, q: services.quotation_decline(actor=r.membership, quotation=q, reason=r.POST.get("reason", "")),
    lambda q: _("Declined by the buyer."),
)
quotation_revise = _post_action(
    "quotation_revise",
    lambda r, q: services.quotation_revise(actor=r.membership, quotation=q),
    lambda q: _("A new revision was made; change it and send it."),
)
quotation_copy = _post_action(
    "quotation_copy",
    lambda r, q: services.quotation_copy(actor=r.membership, quotation=q),
    lambda q: _("Copied into a new draft."),
)


@workspace_view
@require_POST
def quotation_send(request, quotation_id):
    quotation = access_quotation(request.membership, quotation_id)
    form = forms.SendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _to(request, quotation, "#send")
    return _act(
        request,
        quotation,
        lambda: services.quotation_send(actor=request.membership, quotation=quotation, **form.cleaned_data),
        success=_("Sent to %(to)s with the PDF attached.") % {"to": form.cleaned_data["to"]},
        anchor="#send",
    )


@workspace_view
@require_GET
def quotation_pdf(request, quotation_id):
    from tradewind.trade.pdf import document_html
    from tradewind.trade.pdf import quotation_pdf as render_pdf

    quotation = access_quotation(request.membership, quotation_id)
    language = request.GET.get("language")
    if language in ("en", "zh-hans"):
        quotation.language = language  # this download only; the quotation keeps its own
    if request.GET.get("html") == "1":  # the preview: the same HTML the PDF is made from
        response = HttpResponse(document_html(quotation, kind="quotation"))
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return response
    response = HttpResponse(render_pdf(quotation), content_type="application/pdf")
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{quotation.number}.pdf"'
    return response
