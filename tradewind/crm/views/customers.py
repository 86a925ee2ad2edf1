"""The customer list, a profile, creating and editing a customer, the live duplicate check."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tradewind.core import geo
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.core.panels import panels_for
from tradewind.crm import forms, permissions, selectors, services
from tradewind.crm.access import access_customer
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.forms import split_list
from tradewind.crm.localtime import local_time
from tradewind.crm.normalize import PhoneError, phone_display, phone_e164
from tradewind.crm.selectors import crm_settings
from tradewind.crm.views.rendering import (
    LocalTimeCells,
    Memo,
    customers_url,
    more_url,
    rows_asked,
    to_profile,
)
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_GET
def customer_list(request):
    form = forms.CustomerFilterForm(request.GET or None, membership=request.membership)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CustomerFilters(**{k: v for k, v in data.items() if v})
    customers = selectors.customer_list(membership=request.membership, filters=filters)
    page = paginate(customers.values_list(*selectors.CUSTOMER_ROW_VALUES), request, per_page=50)
    page.items = selectors.customer_rows(page.items)
    local_cell = LocalTimeCells(request.workspace)
    dates = Memo(date_format, "SHORT_DATE_FORMAT")
    rows = []
    for c in page.items:
        if not permissions.can_see_details(request.membership, c):
            rows.append({"c": c, "details": False})  # a colleague's private customer: name and owner
            continue
        rows.append(
            {
                "c": c,
                "details": True,
                "local_html": local_cell(c),
                "country": geo.country_name(c.country),
                "next_follow_up": dates(c.next_follow_up_on) if c.next_follow_up_on else "",
                "last_contact": dates(timezone.localtime(c.last_contact_at).date())
                if c.last_contact_at
                else "",
            }
        )
    context = {
        "filter_form": form,
        # On a phone only the search and the owner show until "More filters" (or one of the others is set).
        "main_filters": ("q", "owner"),
        "more_filters_set": any(v for k, v in data.items() if k not in ("q", "owner", "sort")),
        "page": page,
        "rows": rows,
        "customers_url": customers_url(request),
        "today": timezone.localdate(),
        "can_create": permissions.can_create(request.membership),
    }
    template = "crm/customer_list.html#customer-table" if request.htmx else "crm/customer_list.html"
    return render(request, template, context)


def _duplicate_context(exc: services.DuplicatesFound | None, membership):
    if exc is None:
        return {}
    return {
        "duplicates": [
            {"m": m, "details": permissions.can_see_details(membership, m.customer)} for m in exc.matches
        ],
        "duplicates_blocked": exc.blocked,
    }


@workspace_view
@require_http_methods(["GET", "POST"])
def customer_create(request):
    me = request.membership
    if not permissions.can_create(me):
        raise Http404
    # Filled in by a link (an unknown e-mail sender: ?name=&website=&country=&contact-name=&contact-emails=).
    given = request.GET
    form = forms.CustomerForm(
        request.POST or None,
        workspace=request.workspace,
        initial={k: given[k] for k in ("name", "website", "country") if given.get(k)},
    )
    contact_form = forms.NewContactForm(
        request.POST or None,
        initial={k: given[f"contact-{k}"] for k in ("name", "emails") if given.get(f"contact-{k}")},
    )
    duplicates = None
    if request.method == "POST" and form.is_valid() and contact_form.is_valid():
        contact = contact_form.contact()
        try:
            customer = services.customer_create(
                actor=me,
                data=form.profile(),
                contacts=[contact] if contact.get("name") else [],
                grade=form.cleaned_data["grade"] or None,
                tags=split_list(form.cleaned_data["tags"]),
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
                owner=None if form.cleaned_data["into_pool"] else "me",
            )
        except services.DuplicatesFound as exc:
            duplicates = exc
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            for each in exc.each():  # the contact's fields come as "contacts.0.phones"
                target, field = form, each.field
                if (field or "").startswith("contacts."):
                    target, field = contact_form, field.split(".")[-1]
                target.add_error(field if field in target.fields else None, str(each.message))
        else:
            messages.success(request, _("%(name)s added.") % {"name": customer.name})
            return to_profile(request, customer)
    context = {"form": form, "contact_form": contact_form, **_duplicate_context(duplicates, me)}
    status = 409 if duplicates else (400 if form.errors or contact_form.errors else 200)
    return render(request, "crm/customer_form.html", context, status=status)


@workspace_view
@require_GET
def duplicate_check_fragment(request):
    """As the rep types a name, e-mail or phone on the new-customer form (htmx): who has it already?"""
    name = request.GET.get("name", "").strip()
    emails = split_list(request.GET.get("contact-emails", ""))
    website = request.GET.get("website", "")
    phones = []
    for raw in split_list(request.GET.get("contact-phones", "")):
        try:
            phones.append(phone_e164(raw, request.GET.get("country", "")))
        except PhoneError:
            continue  # the form says so when it is submitted
    matches = (
        duplicate_check(workspace=request.workspace, name=name, emails=emails, phones=phones, website=website)
        if (name or emails or phones or website)
        else []
    )
    rows = [
        {"m": m, "details": permissions.can_see_details(request.membership, m.customer)} for m in matches[:10]
    ]
    return render(request, "crm/_duplicates.html", {"duplicates": rows})


@workspace_view
@require_GET
def customer_detail(request, customer_id):
    try:
        customer = access_customer(request.membership, customer_id)
    except Http404:
        survivor = selectors.merged_into(request.membership, customer_id)
        if survivor is None:
            raise
        # An old link (a bookmark, a task, a notification) to a customer merged into another one.
        messages.info(request, _("That customer was merged into this one."))
        return to_profile(request, survivor)
    if not permissions.can_see_details(request.membership, customer):
        # A colleague's private customer: that it exists and whose it is, nothing more.
        return render(request, "crm/customer_limited.html", {"customer": customer})
    return profile_page(request, customer)


def profile_page(request, customer, *, timeline_form=None):
    """The profile page; `timeline_form`: a log form that failed, shown again with what was typed."""
    me = request.membership
    settings = crm_settings(request.workspace)
    context = {
        "customer": customer,
        "local": local_time(
            country=customer.country, zone=customer.zone, settings=settings, now=timezone.now()
        ),
    }
    contacts = list(customer.contacts.all())
    for contact in contacts:
        # (E.164 for the link, national format for reading when the number is of the customer's country)
        contact.phones_display = [(p, phone_display(p, customer.country)) for p in contact.phones]
        contact.whatsapp_display = (
            phone_display(contact.whatsapp, customer.country) if contact.whatsapp else ""
        )
    from tradewind.tasks.models import Task

    # The newest entries; "show older" (?timeline=60) adds as many again.
    shown = rows_asked(request, "timeline", TIMELINE_SHOWN, TIMELINE_MAX)
    timeline = selectors.customer_timeline(customer, limit=shown + 1)  # one more: are there older?
    older = None
    if len(timeline) > shown:
        older = more_url(request, "timeline", shown, TIMELINE_SHOWN, TIMELINE_MAX)
    context.update(
        {
            "contacts": contacts,
            "timeline": _timeline_times(customer, timeline[:shown]),
            "timeline_older": older,
            "tags": list(customer.tags.all()),
            "tasks": list(
                Task.objects.filter(
                    workspace=request.workspace, subject_kind="crm.customer", subject_id=customer.public_id
                )
                .select_related("assignee__user")
                .order_by("status", "due_at")[:20]
            ),
            "timeline_form": timeline_form or forms.TimelineForm(contacts=contacts),
            "can_edit": permissions.can_edit(me, customer),
            "can_claim": customer.owner_id is None and permissions.can_own_customers(me),
            "claim_from": selectors.cooldown_until(customer, me) if customer.owner_id is None else None,
            "returns_on": selectors.return_deadline(customer) if customer.owner_id else None,
            "can_release": customer.owner_id is not None
            and (customer.owner_id == me.pk or permissions.can_manage_pool(me)),
            "can_manage": permissions.can_manage_pool(me),
            "reps": selectors.possible_owners(request.workspace) if permissions.can_manage_pool(me) else [],
            "merges": list(customer.merges.select_related("by__user")),
            "merge_candidates": _merge_candidates(customer, contacts)
            if permissions.can_manage_pool(me)
            else [],
            "today": timezone.localdate(),
            "panels": panels_for("crm.customer", me, customer),
        }
    )
    return render(request, "crm/customer_detail.html", context)


def _merge_candidates(customer, contacts) -> list:
    """The customers the duplicate check finds for this one: what a manager would merge into it."""
    return duplicate_check(
        workspace=customer.workspace,
        name=customer.name,
        emails=[e for c in contacts for e in c.emails],
        phones=[p for c in contacts for p in c.phones],
        website=customer.website,
        exclude_id=customer.pk,
    )[:5]


TIMELINE_SHOWN = 30  # entries on a customer's profile, newest first


TIMELINE_MAX = 500  # "show older" stops here; the API pages through all of them


def _timeline_times(customer, entries) -> list[tuple]:
    """(entry, when in the reader's time, when in the customer's), formatted as the `date` filter would:
    200 filter calls are most of a 100-entry timeline's rendering."""
    their_zone = zoneinfo.ZoneInfo(customer.zone) if customer.zone else None
    days = Memo(date_format, "SHORT_DATE_FORMAT")
    rows = []
    for e in entries:
        mine = timezone.localtime(e.at)
        theirs = ""
        if their_zone:
            there = e.at.astimezone(their_zone)
            theirs = there.strftime("%H:%M")  # the date filter's "H:i"
            if there.date() != mine.date():  # late here is yesterday there: say which day
                theirs = f"{days(there.date())} {theirs}"
        rows.append((e, date_format(mine, "SHORT_DATETIME_FORMAT"), theirs))
    return rows


def _profile_initial(customer) -> dict:
    initial = {field: getattr(customer, field) for field in services.PROFILE_FIELDS}
    initial["grade"] = customer.grade.code if customer.grade else ""
    initial["tags"] = ", ".join(customer.tags.values_list("name", flat=True))
    return initial


@workspace_view
@require_http_methods(["GET", "POST"])
def customer_edit(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    if not permissions.can_edit(request.membership, customer):
        raise Http404
    form = forms.CustomerForm(
        request.POST or None, workspace=request.workspace, initial=_profile_initial(customer)
    )
    duplicates = None
    if request.method == "POST" and form.is_valid():
        try:
            services.customer_update(
                actor=request.membership,
                customer=customer,
                data=form.profile(),
                grade=form.cleaned_data["grade"] or None,
                tags=split_list(form.cleaned_data["tags"]),
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
            )
        except services.DuplicatesFound as exc:
            duplicates = exc
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return to_profile(request, customer)
    context = {"form": form, "customer": customer, **_duplicate_context(duplicates, request.membership)}
    return render(request, "crm/customer_form.html", context, status=400 if form.errors else 200)
