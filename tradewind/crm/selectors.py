"""Customer lists: filters, search (Chinese and accents included), follow-ups — shared by UI and API."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tradewind.crm import permissions
from tradewind.crm.choices import Channel, Stage
from tradewind.crm.localtime import zones_in_business_hours
from tradewind.crm.models import Customer, CustomerKey, TimelineEntry
from tradewind.crm.normalize import (
    PhoneError,
    email_domain,
    name_key,
    phone_e164,
    search_words,
    website_domain,
)
from tradewind.crm.setup import crm_settings
from tradewind.crm.timeline_events import event_text

# Rows per group of the follow-up page: what a rep works through in a sitting ("show more" adds as many,
# up to FOLLOW_UPS_MAX); six hundred rows at once made the page slow and the list no easier to work.
FOLLOW_UPS_SHOWN = 50
FOLLOW_UPS_MAX = 1000
FOLLOW_UP_GROUPS = ("overdue", "today", "upcoming")
SORTS = {
    "name": ("name",),
    "-updated": ("-updated_at",),
    "follow_up": (F("next_follow_up_on").asc(nulls_last=True), "name"),
    "-last_contact": (F("last_contact_at").desc(nulls_last=True), "name"),
    "country": ("country", "name"),
}


@dataclass(frozen=True)
class CustomerRow:
    """A customer as a row of the customer list shows it (whose it is decides how much)."""

    public_id: uuid.UUID
    name: str
    name_latin: str
    country: str
    zone: str
    stage: str
    owner_id: int | None
    next_follow_up_on: dt.date | None
    last_contact_at: dt.datetime | None
    grade: str  # CustomerGrade.__str__; "" without a grade
    stage_label: str
    owner_name: str  # User.display_name; "" in the pool


CUSTOMER_ROW_VALUES = (
    "public_id", "name", "name_latin", "country", "zone", "stage", "owner_id", "next_follow_up_on",
    "last_contact_at", "grade__name", "grade__code", "owner__user__full_name", "owner__user__email",
)  # fmt: skip


def customer_rows(values) -> list[CustomerRow]:
    """CustomerRows from `customer_list(...).values_list(*CUSTOMER_ROW_VALUES)`: a page of 50 plain rows
    instead of 200 model instances (customer, grade, owner, user)."""
    stages = {value: str(label) for value, label in Stage.choices}
    return [
        CustomerRow(
            *values,
            grade=grade_name or grade_code or "",
            stage_label=stages.get(values[5], values[5]),
            owner_name=full_name or email or "",
        )
        for *values, grade_name, grade_code, full_name, email in values
    ]


@dataclass(frozen=True)
class FollowUp:
    """A customer on the rep's worklist, as the follow-up page shows it."""

    public_id: uuid.UUID
    name: str
    country: str
    zone: str
    next_follow_up_on: dt.date
    grade: str  # CustomerGrade.__str__ (its name, else its code); "" without a grade


@dataclass(frozen=True)
class TimelineRow:
    """One entry of a customer's timeline as the profile shows it."""

    channel: str
    channel_label: str
    at: dt.datetime
    summary: str
    outcome: str
    next_step: str
    data: dict
    actor_name: str  # "" for the system
    contact_name: str | None

    # An ownership change's "from → to · reason", read from `data` here: in a template, each key missing
    # from it is a failed dictionary, attribute and index look-up.
    moved_from: str = ""
    moved_to: str = ""
    moved_reason: str = ""


def _moved(data) -> dict:
    data = data if isinstance(data, dict) else {}
    return {
        "moved_from": data.get("from", ""),
        "moved_to": data.get("to", ""),
        "moved_reason": data.get("reason", ""),
    }


def customer_timeline(customer: Customer, *, limit: int = 100) -> list[TimelineRow]:
    """The newest entries, newest first, in one query of plain values: a timeline row as a model instance
    with its actor, user and contact costs ten times more to load than to show."""
    labels = {value: str(label) for value, label in Channel.choices}
    rows = (
        TimelineEntry.objects.filter(customer=customer)
        .order_by("-at", "-id")
        .values_list(
            "channel", "at", "summary", "outcome", "next_step", "data",
            "actor__user__full_name", "actor__user__email", "contact__name",
        )[:limit]
    )  # fmt: skip
    return [
        TimelineRow(
            **_moved(data),
            channel=channel,
            channel_label=labels.get(channel, channel),
            at=at,
            summary=event_text(data) or summary,
            outcome=outcome,
            next_step=next_step,
            data=data,
            actor_name=full_name or email or "",  # User.display_name
            contact_name=contact,
        )
        for channel, at, summary, outcome, next_step, data, full_name, email, contact in rows
    ]


@dataclass
class CustomerFilters:
    owner: str = ""  # "mine", "pool", a membership public id, or "" for all
    country: str = ""
    grade: str = ""  # a grade code
    stage: str = ""
    source: str = ""
    tag: str = ""
    follow_up: str = ""  # "overdue", "today", "upcoming", "none"
    contacted_before: dt.date | None = None
    q: str = ""
    sort: str = "name"


def customer_list(*, membership, filters: CustomerFilters) -> QuerySet[Customer]:
    """The customers matching the filters, as `membership` may find them: a colleague's private customer
    (for a rep) is found only as the duplicate check finds it — by its name, its owner, or exactly one of
    its e-mail/web domains or phones — never by what the rep may not see (contacts, city, grade …)."""
    customers = Customer.objects.filter(workspace_id=membership.workspace_id)
    if filters.owner == "mine":
        customers = customers.filter(owner=membership)
    elif filters.owner == "pool":
        customers = customers.filter(owner__isnull=True)
    elif filters.owner:
        customers = customers.filter(owner__public_id=filters.owner)
    details = _detail_filters(filters)
    text = Q(*[Q(search_text__contains=word) for word in search_words(filters.q)[:5]])
    if permissions.sees_every_customer(membership):
        customers = customers.filter(details, text)
    else:
        open_to_me = Q(owner__isnull=True) | Q(owner=membership)
        if details:
            customers = customers.filter(open_to_me, details, text)
        elif filters.q:
            known = _known_by(membership.workspace_id, filters.q)
            customers = customers.filter((open_to_me & text) | (~open_to_me & known))
    return customers.select_related("owner__user", "grade").order_by(
        *SORTS.get(filters.sort, SORTS["name"]), "id"
    )


def _detail_filters(filters: CustomerFilters) -> Q:
    condition = Q()
    if filters.country:
        condition &= Q(country=filters.country.upper())
    if filters.grade:
        condition &= Q(grade__code=filters.grade)
    if filters.stage:
        condition &= Q(stage=filters.stage)
    if filters.source:
        condition &= Q(source=filters.source)
    if filters.tag:
        condition &= Q(tags__name=filters.tag)
    today = timezone.localdate()
    if filters.follow_up == "overdue":
        condition &= Q(next_follow_up_on__lt=today)
    elif filters.follow_up == "today":
        condition &= Q(next_follow_up_on=today)
    elif filters.follow_up == "upcoming":
        condition &= Q(next_follow_up_on__gt=today)
    elif filters.follow_up == "none":
        condition &= Q(next_follow_up_on__isnull=True)
    if filters.contacted_before:
        condition &= Q(last_contact_at__date__lt=filters.contacted_before) | Q(last_contact_at__isnull=True)
    return condition


def _known_by(workspace_id: int, q: str) -> Q:
    """A search term as the duplicate check reads it: words of the company name, or one identifier."""
    words = name_key(q).split()[:5]
    condition = Q(*[Q(name_key__contains=word) for word in words]) if words else Q(pk__in=[])
    term = q.strip()
    identifiers: list[tuple[str, str]] = []
    if " " not in term:
        domain = email_domain(term) if "@" in term else website_domain(term) if "." in term else None
        if domain:
            identifiers.append(("domain", domain))
    if term.startswith("+"):
        with contextlib.suppress(PhoneError):
            identifiers.append(("phone", phone_e164(term, None)))
    for kind, value in identifiers:
        keyed = CustomerKey.objects.filter(workspace_id=workspace_id, kind=kind, value=value[:200])
        condition |= Q(pk__in=keyed.values("customer_id"))
    return condition


@dataclass
class FollowUpGroup:
    rows: list[FollowUp]
    more: bool  # rows beyond those shown


def follow_ups(
    *,
    membership,
    reachable_now: bool = False,
    now: dt.datetime | None = None,
    shown: dict[str, int] | None = None,
) -> dict[str, FollowUpGroup]:
    """The rep's worklist: overdue, due today, upcoming (two weeks); optionally only customers inside their
    business hours right now, so the rep can call the ones who will pick up. `shown`: rows per group
    (FOLLOW_UPS_SHOWN unless given)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    mine = Customer.objects.filter(
        workspace_id=membership.workspace_id, owner=membership, next_follow_up_on__isnull=False
    )
    if reachable_now:
        zones = mine.values_list("zone", flat=True).distinct()
        open_zones = zones_in_business_hours(
            zones=list(zones), settings=crm_settings(membership.workspace), now=now
        )
        mine = mine.filter(zone__in=open_zones)
    order = ("next_follow_up_on", "grade__position", "name")
    groups = {
        "overdue": mine.filter(next_follow_up_on__lt=today),
        "today": mine.filter(next_follow_up_on=today),
        "upcoming": mine.filter(
            next_follow_up_on__gt=today, next_follow_up_on__lte=today + dt.timedelta(days=14)
        ),
    }
    # Plain values, not model instances: of the rows, the page shows six fields.
    fields = ("public_id", "name", "country", "zone", "next_follow_up_on", "grade__name", "grade__code")
    worklist = {}
    for key, customers in groups.items():
        limit = (shown or {}).get(key, FOLLOW_UPS_SHOWN)
        rows = customers.order_by(*order).values_list(*fields)[: limit + 1]  # one more: is there more?
        found = [FollowUp(*values, grade=name or code or "") for *values, name, code in rows]
        worklist[key] = FollowUpGroup(rows=found[:limit], more=len(found) > limit)
    return worklist
