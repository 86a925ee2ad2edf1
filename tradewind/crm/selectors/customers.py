"""The customer list: filters, search (Chinese and accents included), sorting — shared by the UI, the API
and the export."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tradewind.crm import permissions
from tradewind.crm.choices import Stage
from tradewind.crm.models import Customer, CustomerKey
from tradewind.crm.normalize import (
    PhoneError,
    email_domain,
    name_key,
    phone_e164,
    search_words,
    website_domain,
)
from tradewind.crm.search_index import (
    search_ids_condition,
    search_index_any,
    search_index_condition,
    search_text_condition,
)

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
    words = search_words(filters.q)[:5]
    text = search_text_condition(words)
    if permissions.sees_every_customer(membership):
        customers = customers.filter(details, text)
    else:
        open_to_me = Q(owner__isnull=True) | Q(owner=membership)
        if details:
            customers = customers.filter(open_to_me, details, text)
        elif filters.q:
            known, narrowed = _known_by(membership.workspace_id, filters.q, words)
            customers = customers.filter(narrowed, (open_to_me & text) | (~open_to_me & known))
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


def _known_by(workspace_id: int, q: str, words: list[str]) -> tuple[Q, Q]:
    """A search term as the duplicate check reads it: words of the company name, or one identifier; and
    beside it a condition the search index answers for the whole search (`words` for the rep's own and
    the pool's customers, this for the others), which narrows it without changing it."""
    in_name = name_key(q).split()[:5]
    # Each word of a name key is in the search text too (the name, folded, comes first there), so the
    # search index can narrow this scan of name keys as well.
    condition = Q(pk__in=[])
    if in_name:
        condition = Q(*[Q(name_key__contains=word) for word in in_name]) & search_index_condition(in_name)
    term = q.strip()
    identifiers: list[tuple[str, str]] = []
    if " " not in term:
        domain = email_domain(term) if "@" in term else website_domain(term) if "." in term else None
        if domain:
            identifiers.append(("domain", domain))
    if term.startswith("+"):
        with contextlib.suppress(PhoneError):
            identifiers.append(("phone", phone_e164(term, None)))
    keyed = None
    if identifiers:
        keys = Q(*[Q(kind=kind, value=value[:200]) for kind, value in identifiers], _connector=Q.OR)
        keyed = CustomerKey.objects.filter(keys, workspace_id=workspace_id).values("customer_id")
        condition |= search_ids_condition(keyed)
    return condition, search_index_any([words, in_name] if in_name else [words], ids=keyed)
