"""The inquiry pages: the list, a new inquiry, an inquiry, its changes and actions, its attachments."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.catalog.models import Product
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.core.panels import panels_for
from tradewind.crm.access import access_customer
from tradewind.crm.localtime import zone_for
from tradewind.crm.models import Customer
from tradewind.crm.permissions import can_see_details
from tradewind.crm.services.customers import DuplicatesFound
from tradewind.files.responses import stored_file_response
from tradewind.trade.inquiries import forms, permissions, selectors, services
from tradewind.trade.inquiries.access import (
    access_competitor,
    access_inquiry,
    access_inquiry_attachment,
    access_lost_reason,
)
from tradewind.trade.inquiries.models import Inquiry
from tradewind.workspaces.access import access_membership, workspace_view
from tradewind.workspaces.models import Membership


def _to(request, inquiry, anchor=""):
    return redirect(reverse("inquiries:detail", args=[request.workspace.slug, inquiry.public_id]) + anchor)


@workspace_view
@require_GET
def inquiry_list(request):
    me = request.membership
    form = forms.FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.InquiryFilters(
        q=data.get("q", ""),
        status=data.get("status", ""),
        scope=data.get("scope", ""),
        source=data.get("source", ""),
        country=data.get("country", ""),
    )
    page = paginate(selectors.inquiry_list(membership=me, filters=filters), request)
    now = timezone.now()
    for inquiry in page.items:
        inquiry.clock = services.inquiry_clock(inquiry, now=now)
    context = {
        "filter_form": form,
        "page": page,
        "can_create": permissions.can_create_inquiries(me),
        "can_manage": permissions.can_manage_inquiries(me),
        "filtered": any(data.get(k) for k in ("q", "status", "scope", "source", "country")),
    }
    template = "inquiries/list.html#inquiry-table" if request.htmx else "inquiries/list.html"
    return render(request, template, context)


@workspace_view
@require_GET
def customer_search(request):
    """The customer picker's results: customers whose name matches, a few at a time."""
    q = (request.GET.get("customer_q") or "").strip()
    customers = []
    if len(q) >= 2:
        customers = list(
            Customer.objects.filter(workspace=request.workspace, name__icontains=q)
            .select_related("owner__user")
            .order_by("name")[:10]
        )
    return render(request, "inquiries/_customer_results.html", {"customers": customers, "q": q})


def _find_product(workspace):
    def find(sku: str):
        return Product.objects.filter(workspace=workspace, sku__iexact=sku).first()

    return find


@workspace_view
@require_http_methods(["GET", "POST"])
def inquiry_create(request):
    me = request.membership
    if not permissions.can_create_inquiries(me):
        raise Http404
    form = forms.InquiryForm(request.POST or None)
    rows = forms.item_rows(
        request.POST if request.method == "POST" else None, currency=request.workspace.currency
    )
    customer = None
    if request.method == "POST" and form.is_valid():
        items, errors = forms.items_from(rows, find_product=_find_product(request.workspace))
        for error in errors:
            form.add_error(None, error)
        if form.cleaned_data.get("customer"):
            try:
                customer = access_customer(me, form.cleaned_data["customer"])
            except Http404:
                form.add_error(None, _("Choose a customer of this workspace."))
        if not form.errors:
            try:
                inquiry = services.inquiry_create(
                    actor=me, customer=customer, items=items, **form.service_values()
                )
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Inquiry %(number)s recorded.") % {"number": inquiry.number})
                return _to(request, inquiry)
    context = {
        "form": form,
        "rows": rows,
        "units": forms.UNIT_CHOICES,
        "currencies": forms.currencies(),
        "customer": customer,
    }
    return render(request, "inquiries/form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def inquiry_edit(request, inquiry_id):
    """The new-inquiry form, filled in, for an open inquiry: its fields, its contact (one of its customer's)
    and its products, saved by inquiry_update as the API's PATCH and PUT …/items are. Who may not change
    it is told why on the inquiry's page."""
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    try:
        services.inquiry_check_editable(actor=me, inquiry=inquiry)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return _to(request, inquiry)
    # The contact is chosen among the customer's, by who may see them (a rep answering an inquiry of a
    # colleague's customer may not), and the customer is linked or created from the inquiry's page.
    contacts = None
    if inquiry.customer_id and can_see_details(me, inquiry.customer):
        contacts = list(inquiry.customer.contacts.order_by("name", "id"))
    form = forms.InquiryEditForm(request.POST or None, inquiry=inquiry, contacts=contacts)
    currency = request.workspace.currency
    if request.method == "POST":
        rows = forms.item_rows(request.POST, currency=currency)
    else:
        rows = forms.item_rows_of(inquiry.items.select_related("product"), currency=currency)
    if request.method == "POST" and form.is_valid():
        items, errors = forms.items_from(rows, find_product=_find_product(request.workspace))
        for error in errors:
            form.add_error(None, error)
        changes = form.service_changes()
        if contacts is not None:
            chosen = form.cleaned_data["contact"]
            changes["contact"] = next((c for c in contacts if str(c.public_id) == chosen), None)
        if not form.errors:
            try:
                services.inquiry_update(actor=me, inquiry=inquiry, items=items, **changes)
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return _to(request, inquiry)
    context = {
        "form": form,
        "rows": rows,
        "units": forms.UNIT_CHOICES,
        "currencies": forms.currencies(),
        "inquiry": inquiry,
    }
    return render(request, "inquiries/form.html", context, status=400 if form.errors else 200)


def _received_in(inquiry: Inquiry) -> tuple[str, str] | None:
    """When the inquiry arrived in the buyer's time: (local time, zone)."""
    if inquiry.customer_id:
        zone = inquiry.customer.zone or zone_for(inquiry.customer.country, inquiry.customer.time_zone)
    elif inquiry.buyer_country:
        zone = zone_for(inquiry.buyer_country)
    else:
        return None
    local = inquiry.received_at.astimezone(zoneinfo.ZoneInfo(zone))
    return local.strftime("%Y-%m-%d %H:%M"), zone


@workspace_view
@require_GET
def inquiry_detail(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    workers = Membership.objects.filter(workspace=request.workspace, is_active=True).select_related("user")
    context = {
        "inquiry": inquiry,
        "items": list(inquiry.items.select_related("product")),
        "attachments": list(inquiry.attachments.select_related("file")),
        "clock": services.inquiry_clock(inquiry),
        "received_local": _received_in(inquiry),
        "customer_visible": inquiry.customer_id is not None and can_see_details(me, inquiry.customer),
        "events": activity_page(
            workspace_id=inquiry.workspace_id, subject=(services.SUBJECT, inquiry.public_id)
        ),
        "can_work": permissions.can_work_inquiry(me, inquiry),
        "can_edit": inquiry.is_open and permissions.can_work_inquiry(me, inquiry),
        "can_claim": permissions.can_work_inquiries(me) and inquiry.in_pool,
        "can_assign": permissions.can_assign_inquiries(me),
        "workers": [m for m in workers if permissions.can_work_inquiries(m)],
        "lost_reasons": selectors.lost_reasons(membership=me),
        "competitors": selectors.competitors(membership=me),
        "closings": forms.Closing.choices,
        "panels": panels_for("inquiries.inquiry", me, inquiry),  # the quotations answering it (trade)
    }
    return render(request, "inquiries/detail.html", context)


def _button(name, call, success):
    """The view of a button that runs `call(actor=, inquiry=)` and says `success()`."""

    @workspace_view
    @require_POST
    def view(request, inquiry_id):
        inquiry = access_inquiry(request.membership, inquiry_id)
        return _act(
            request, inquiry, lambda: call(actor=request.membership, inquiry=inquiry), success=str(success())
        )

    view.__name__ = name
    return view


def _act(request, inquiry, action, *, success: str, anchor: str = ""):
    """Run a service for a button on the inquiry page; its refusal is shown there, with the customers a
    refused "create the customer" found."""
    found: list[DuplicatesFound] = []

    def run():
        try:
            return action()
        except DuplicatesFound as error:
            found.append(error)
            raise

    service_run(request, run, success=success)
    for error in found:  # the refusal is said; the customers it found are named too
        for match in error.matches[:5]:
            messages.info(request, _("Possible duplicate: %(name)s") % {"name": match.customer.name})
    return _to(request, inquiry, anchor)


@workspace_view
@require_POST
def inquiry_assign(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    value = request.POST.get("assignee") or ""
    assignee = access_membership(me, value) if value else None
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_assign(actor=me, inquiry=inquiry, assignee=assignee),
        success=_("Assigned.") if assignee else _("Back in the pool."),
    )


inquiry_claim = _button("inquiry_claim", services.inquiry_claim, lambda: _("The inquiry is yours."))


inquiry_respond = _button("inquiry_respond", services.inquiry_respond, lambda: _("First response recorded."))


@workspace_view
@require_POST
def inquiry_lost(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    form = forms.LostForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the inquiry was lost."))
        return _to(request, inquiry)
    reason = access_lost_reason(me, form.cleaned_data["reason"])
    competitor = (
        access_competitor(me, form.cleaned_data["competitor"]) if form.cleaned_data["competitor"] else None
    )
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_mark_lost(
            actor=me, inquiry=inquiry, reason=reason, competitor=competitor, note=form.cleaned_data["note"]
        ),
        success=_("Marked lost."),
    )


@workspace_view
@require_POST
def inquiry_close(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how to close the inquiry."))
        return _to(request, inquiry)
    original = None
    number = form.cleaned_data["duplicate_of"].strip().upper()
    if number:
        found = Inquiry.objects.filter(workspace=request.workspace, number=number).first()
        original = access_inquiry(me, found.public_id) if found else None
        if original is None:
            messages.error(request, _("No inquiry has the number %(number)s.") % {"number": number})
            return _to(request, inquiry)
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_close(
            actor=me,
            inquiry=inquiry,
            closing=form.cleaned_data["closing"],
            duplicate_of=original,
            note=form.cleaned_data["note"],
        ),
        success=_("Closed."),
    )


inquiry_reopen = _button("inquiry_reopen", services.inquiry_reopen, lambda: _("Reopened."))


@workspace_view
@require_POST
def inquiry_link_customer(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    value = request.POST.get("customer") or ""
    if not value:
        messages.error(request, _("Choose the customer."))
        return _to(request, inquiry)
    customer = access_customer(me, value)
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_link_customer(actor=me, inquiry=inquiry, customer=customer),
        success=_("Linked to %(name)s.") % {"name": customer.name},
    )


@workspace_view
@require_POST
def inquiry_create_customer(request, inquiry_id):
    me = request.membership
    inquiry = access_inquiry(me, inquiry_id)
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_create_customer(
            actor=me, inquiry=inquiry, confirm_duplicates=request.POST.get("confirm") == "1"
        ),
        success=_("Customer created and linked."),
    )


@workspace_view
@require_POST
def attachment_add(request, inquiry_id):
    inquiry = access_inquiry(request.membership, inquiry_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return _to(request, inquiry, "#attachments")
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_attachment_add(actor=request.membership, inquiry=inquiry, upload=upload),
        success=_("Attached."),
        anchor="#attachments",
    )


@workspace_view
@require_GET
def attachment_file(request, inquiry_id, inquiry_attachment_id):
    inquiry = access_inquiry(request.membership, inquiry_id)
    return stored_file_response(
        access_inquiry_attachment(request.membership, inquiry, inquiry_attachment_id).file
    )


@workspace_view
@require_POST
def attachment_remove(request, inquiry_id, inquiry_attachment_id):
    inquiry = access_inquiry(request.membership, inquiry_id)
    attachment = access_inquiry_attachment(request.membership, inquiry, inquiry_attachment_id)
    return _act(
        request,
        inquiry,
        lambda: services.inquiry_attachment_remove(actor=request.membership, attachment=attachment),
        success=_("Removed."),
        anchor="#attachments",
    )
