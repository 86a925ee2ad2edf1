"""Customer pages: the list, a profile, creating and editing, the timeline and the pool actions."""

from __future__ import annotations

import datetime as dt
import html
import uuid
import zoneinfo

from django import forms as forms_
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core import geo
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.core.pagination import paginate
from tradewind.crm import forms, permissions, pool, selectors, services
from tradewind.crm.access import access_contact, access_customer
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.forms import split_list
from tradewind.crm.localtime import LocalTimes, local_time
from tradewind.crm.normalize import PhoneError, phone_display, phone_e164
from tradewind.crm.setup import crm_settings, grades
from tradewind.workspaces.access import access_membership, workspace_view
from tradewind.workspaces.models import Membership


def _to_profile(request, customer):
    return redirect("crm:detail", slug=request.workspace.slug, customer_id=customer.public_id)


def _customers_url(request) -> str:
    """/w/<slug>/customers/: rows link to `{{ customers_url }}{{ c.public_id }}/`, the profile's URL, without
    reversing it for each of hundreds of rows."""
    return reverse("crm:list", kwargs={"slug": request.workspace.slug})


def _escape(value) -> str:
    # django.utils.html.escape without its lazy-string wrapper, which is most of its cost for 500 options.
    return html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(bound_field) -> str:
    """A select box exactly as Django's select.html / select_option.html render it, written in Python:
    the template engine renders each <option> through two includes, 30 ms for the 250 countries of a filter
    form — more than everything else on the customer list."""
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)["widget"]
    parts = [f'<select name="{_escape(context["name"])}"{_attrs_html(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_escape(option["value"])}"{_attrs_html(option["attrs"])}>'
                f"{_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the form renderer strips the template's last new line
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def _is_plain_select(widget) -> bool:
    return (
        type(widget) is forms_.Select
        and widget.template_name == "django/forms/widgets/select.html"
        and widget.option_template_name == "django/forms/widgets/select_option.html"
    )


def filter_fields(form) -> list[tuple]:
    """(bound field, its HTML) for a filter form: select boxes by select_html, the rest as usual."""
    return [(bf, select_html(bf) if _is_plain_select(bf.field.widget) else bf) for bf in form]


class Memo:
    """`function(value, *args)`, computed once per distinct value."""

    def __init__(self, function, *args):
        self.function, self.args, self.known = function, args, {}

    def __call__(self, value):
        if value not in self.known:
            self.known[value] = self.function(value, *self.args)
        return self.known[value]


class LocalTimeCells:
    """The local-time badge (crm/_local_time.html) of each customer row, rendered once per (country, zone):
    a page of hundreds of customers has a few dozen."""

    def __init__(self, workspace):
        self.times = LocalTimes(settings=crm_settings(workspace), now=timezone.now())
        self.html: dict[tuple[str, str], str] = {}

    def __call__(self, customer) -> str:
        key = (customer.country, customer.zone)
        if key not in self.html:
            local = self.times.of(country=customer.country, zone=customer.zone)
            self.html[key] = render_to_string("crm/_local_time.html", {"local": local})
        return self.html[key]


@workspace_view
@require_GET
def customer_list(request):
    grades(request.workspace)
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
        "filter_fields": filter_fields(form),
        # On a phone only the search and the owner show until "More filters" (or one of the others is set).
        "main_filters": ("q", "owner"),
        "more_filters_set": any(v for k, v in data.items() if k not in ("q", "owner", "sort")),
        "page": page,
        "rows": rows,
        "customers_url": _customers_url(request),
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
    grades(request.workspace)
    form = forms.CustomerForm(request.POST or None, workspace=request.workspace)
    contact_form = forms.NewContactForm(request.POST or None)
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
            return _to_profile(request, customer)
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
        survivor = pool.merged_into(request.membership, customer_id)
        if survivor is None:
            raise
        # An old link (a bookmark, a task, a notification) to a customer merged into another one.
        messages.info(request, _("That customer was merged into this one."))
        return _to_profile(request, survivor)
    if not permissions.can_see_details(request.membership, customer):
        # A colleague's private customer: that it exists and whose it is, nothing more.
        return render(request, "crm/customer_limited.html", {"customer": customer})
    return _profile(request, customer)


def _profile(request, customer, *, timeline_form=None):
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
    shown = _rows_asked(request, "timeline", TIMELINE_SHOWN, TIMELINE_MAX)
    timeline = selectors.customer_timeline(customer, limit=shown + 1)  # one more: are there older?
    older = None
    if len(timeline) > shown:
        older = _more_url(request, "timeline", shown, TIMELINE_SHOWN, TIMELINE_MAX)
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
            "claim_from": pool.cooldown_until(customer, me) if customer.owner_id is None else None,
            "returns_on": pool.return_deadline(customer) if customer.owner_id else None,
            "can_release": customer.owner_id is not None
            and (customer.owner_id == me.pk or permissions.can_manage_pool(me)),
            "can_manage": permissions.can_manage_pool(me),
            "reps": pool.possible_owners(request.workspace) if permissions.can_manage_pool(me) else [],
            "merges": list(customer.merges.select_related("by__user")),
            "merge_candidates": _merge_candidates(customer, contacts)
            if permissions.can_manage_pool(me)
            else [],
            "today": timezone.localdate(),
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


def _rows_asked(request, key: str, default: int, most: int) -> int:
    """How many rows a "show more" link asks for (?<key>=N): `default` without one, at most `most`."""
    value = request.GET.get(key, "")
    return min(int(value), most) if value.isdigit() and int(value) > 0 else default


def _more_url(request, key: str, shown: int, step: int, most: int) -> str | None:
    """The "show more" link: this page with `step` more rows of `key` (none once `most` are shown)."""
    if shown >= most:
        return None
    query = request.GET.copy()
    query[key] = str(min(shown + step, most))
    return f"?{query.urlencode()}#{key}"


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
            return _to_profile(request, customer)
    context = {"form": form, "customer": customer, **_duplicate_context(duplicates, request.membership)}
    return render(request, "crm/customer_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def contact_edit(request, customer_id, contact_id=None):
    customer = access_customer(request.membership, customer_id)
    if not permissions.can_edit(request.membership, customer):
        raise Http404
    contact = access_contact(request.membership, customer, contact_id) if contact_id else None
    initial = {}
    if contact is not None:
        initial = {
            f: getattr(contact, f)
            for f in ("name", "title", "whatsapp", "wechat", "skype", "linkedin", "is_primary", "notes")
        }
        initial["emails"] = ", ".join(contact.emails)
        initial["phones"] = ", ".join(phone_display(p) for p in contact.phones)
    form = forms.ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(
                actor=request.membership, customer=customer, data=form.contact(), contact=contact
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Contact saved."))
            return _to_profile(request, customer)
    return render(
        request,
        "crm/contact_form.html",
        {"form": form, "customer": customer, "contact": contact},
        status=400 if form.errors else 200,
    )


@workspace_view
@require_POST
def contact_delete(request, customer_id, contact_id):
    customer = access_customer(request.membership, customer_id)
    contact = access_contact(request.membership, customer, contact_id)
    return _act(
        request,
        customer,
        lambda: services.contact_delete(actor=request.membership, contact=contact),
        success=_("Contact removed."),
    )


def _act(request, customer, action, success=""):
    try:
        action()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if success:
            messages.success(request, success)
    return _to_profile(request, customer)


@workspace_view
@require_http_methods(["GET", "POST"])
def timeline_log(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    if request.method == "GET":  # the address a failed log was shown at, opened again
        return _to_profile(request, customer)
    if not permissions.can_see_details(request.membership, customer):
        raise Http404
    contacts = list(customer.contacts.all())
    form = forms.TimelineForm(request.POST, contacts=contacts)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.timeline_log(
                actor=request.membership,
                customer=customer,
                channel=data["channel"],
                summary=data["summary"],
                at=data["at"],
                outcome=data["outcome"],
                next_step=data["next_step"],
                contact=next((c for c in contacts if str(c.public_id) == data["contact"]), None),
                next_follow_up_on=data["next_follow_up_on"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Logged."))
            return _to_profile(request, customer)
    # The profile again, with what was typed and the errors beside it: nothing is lost.
    return _profile(request, customer, timeline_form=form)


@workspace_view
@require_POST
def follow_up(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    raw = request.POST.get("next_follow_up_on", "")
    try:
        on = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Enter a valid date."))
        return _to_profile(request, customer)
    return _act(
        request,
        customer,
        lambda: services.follow_up_set(actor=request.membership, customer=customer, on=on),
        success=_("Follow-up planned."),
    )


@workspace_view
@require_POST
def claim(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    return _act(
        request,
        customer,
        lambda: pool.customer_claim(actor=request.membership, customer=customer, ip=client_ip(request)),
        success=_("It is your customer now."),
    )


@workspace_view
@require_POST
def release(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    reason = request.POST.get("reason", "")
    return _act(
        request,
        customer,
        lambda: pool.customer_release(
            actor=request.membership, customer=customer, reason=reason, ip=client_ip(request)
        ),
        success=_("Released to the pool."),
    )


@workspace_view
@require_POST
def assign(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    owner_id = request.POST.get("owner", "")
    to = access_membership(request.membership, owner_id) if owner_id else None
    return _act(
        request,
        customer,
        lambda: pool.customer_assign(
            actor=request.membership, customer=customer, to=to, ip=client_ip(request)
        ),
        success=_("Owner changed."),
    )


@workspace_view
@require_POST
def merge(request, customer_id):
    survivor = access_customer(request.membership, customer_id)
    try:  # pasted IDs come with spaces and in capitals too
        merged = access_customer(request.membership, uuid.UUID(request.POST.get("merged", "").strip()))
    except (ValueError, Http404):
        messages.error(request, _("No customer of this workspace has that ID."))
        return _to_profile(request, survivor)
    return _act(
        request,
        survivor,
        lambda: pool.customer_merge(
            actor=request.membership, survivor=survivor, merged=merged, ip=client_ip(request)
        ),
        success=_("Merged."),
    )


@workspace_view
@require_GET
def follow_ups(request):
    reachable = request.GET.get("reachable") == "1"
    step, most = selectors.FOLLOW_UPS_SHOWN, selectors.FOLLOW_UPS_MAX
    shown = {key: _rows_asked(request, key, step, most) for key in selectors.FOLLOW_UP_GROUPS}  # ?overdue=100
    me, whose = request.membership, request.membership
    leads = permissions.can_manage_pool(me)
    if leads and request.GET.get("rep"):  # a manager looks at a rep's worklist
        whose = access_membership(me, request.GET["rep"])
    groups = selectors.follow_ups(membership=whose, reachable_now=reachable, shown=shown)
    local_cell = LocalTimeCells(request.workspace)
    # Their dates, countries and local times are formatted once per distinct value.
    dates, countries = Memo(date_format, "SHORT_DATE_FORMAT"), Memo(geo.country_name)
    sections = []
    for key, label in (
        ("overdue", _("Overdue")),
        ("today", _("Due today")),
        ("upcoming", _("Next two weeks")),
    ):
        group = groups[key]
        rows = [(c, dates(c.next_follow_up_on), countries(c.country), local_cell(c)) for c in group.rows]
        more = _more_url(request, key, shown[key], step, most) if group.more else None
        sections.append((key, label, rows, more))
    context = {
        "sections": sections,
        "reachable": reachable,
        "customers_url": _customers_url(request),
        "whose": whose if whose.pk != me.pk else None,
        "reps": pool.possible_owners(request.workspace).exclude(pk=me.pk) if leads else [],
    }
    return render(request, "crm/follow_ups.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def handover(request):
    if not permissions.can_manage_pool(request.membership):
        raise Http404
    members = (
        Membership.objects.filter(workspace=request.workspace)
        .select_related("user")
        .order_by("user__full_name")
    )
    counts = pool.owner_counts(request.workspace)
    if request.method == "POST":
        source = _member_or_none(request, "from_member")
        to_pool = request.POST.get("to_member") == "pool"
        target = None if to_pool else _member_or_none(request, "to_member")
        if source is None:
            messages.error(request, _("Choose whose customers to hand over."))
        elif target is None and not to_pool:  # the pool is a choice, not what an empty box means
            messages.error(request, _("Choose who takes them over, or the public pool."))
        else:
            try:
                result = pool.customers_handover(
                    actor=request.membership, from_member=source, to_member=target, ip=client_ip(request)
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(customers)d customers and %(tasks)d open tasks handed over.") % result
                )
                return redirect("crm:handover", slug=request.workspace.slug)
    rows = [{"m": m, "count": counts.get(m.pk, 0)} for m in members]
    targets = pool.possible_owners(request.workspace)
    chosen = {"from": request.POST.get("from_member", ""), "to": request.POST.get("to_member", "")}
    return render(request, "crm/handover.html", {"rows": rows, "targets": targets, "chosen": chosen})


@workspace_view
@require_http_methods(["GET", "POST"])
def crm_settings_view(request):
    if not permissions.can_change_settings(request.membership):
        raise Http404
    settings = crm_settings(request.workspace)
    grade_rows = grades(request.workspace)
    initial = {f: getattr(settings, f) for f in forms.CrmSettingsForm.base_fields if f != "business_days"}
    initial["business_days"] = sorted(settings.business_weekdays)
    form = forms.CrmSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        from tradewind.crm.settings_services import crm_settings_save

        try:
            crm_settings_save(
                actor=request.membership,
                data=form.cleaned_data,
                grades=_grades_from_post(request.POST, grade_rows),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Customer rules saved."))
            return redirect("crm:settings", slug=request.workspace.slug)
    return render(
        request, "crm/settings.html", {"form": form, "grades": grade_rows}, status=400 if form.errors else 200
    )


def _member_or_none(request, key):
    value = request.POST.get(key, "")
    return access_membership(request.membership, value) if value else None


def _grades_from_post(post, grade_rows) -> list[dict]:
    def number(value):
        value = "" if value is None else str(value).strip()
        return int(value) if value.isdigit() else (None if value == "" else value)

    return [
        {
            "grade": g,
            "name": post.get(f"grade-{g.public_id}-name", g.name),
            "follow_up_days": number(post.get(f"grade-{g.public_id}-follow_up_days", g.follow_up_days)),
            "auto_return_days": number(post.get(f"grade-{g.public_id}-auto_return_days", "")),
            "max_private": number(post.get(f"grade-{g.public_id}-max_private", "")),
        }
        for g in grade_rows
    ]
