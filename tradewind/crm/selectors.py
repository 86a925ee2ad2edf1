"""Customer lists: filters, search (Chinese and accents included), follow-ups — shared by UI and API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tradewind.crm.localtime import zones_in_business_hours
from tradewind.crm.models import Customer
from tradewind.crm.normalize import fold
from tradewind.crm.setup import crm_settings

FOLLOW_UPS_SHOWN = 200  # per group of the follow-up page
FOLLOW_UP_FIELDS = (
    "public_id", "workspace_id", "owner_id", "name", "country", "zone", "next_follow_up_on",
    "grade__code", "grade__name", "grade__position",
)  # fmt: skip

SORTS = {
    "name": ("name",),
    "-updated": ("-updated_at",),
    "follow_up": (F("next_follow_up_on").asc(nulls_last=True), "name"),
    "-last_contact": (F("last_contact_at").desc(nulls_last=True), "name"),
    "country": ("country", "name"),
}


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
    customers = Customer.objects.filter(workspace_id=membership.workspace_id)
    if filters.owner == "mine":
        customers = customers.filter(owner=membership)
    elif filters.owner == "pool":
        customers = customers.filter(owner__isnull=True)
    elif filters.owner:
        customers = customers.filter(owner__public_id=filters.owner)
    if filters.country:
        customers = customers.filter(country=filters.country.upper())
    if filters.grade:
        customers = customers.filter(grade__code=filters.grade)
    if filters.stage:
        customers = customers.filter(stage=filters.stage)
    if filters.source:
        customers = customers.filter(source=filters.source)
    if filters.tag:
        customers = customers.filter(tags__name=filters.tag)
    today = timezone.localdate()
    if filters.follow_up == "overdue":
        customers = customers.filter(next_follow_up_on__lt=today)
    elif filters.follow_up == "today":
        customers = customers.filter(next_follow_up_on=today)
    elif filters.follow_up == "upcoming":
        customers = customers.filter(next_follow_up_on__gt=today)
    elif filters.follow_up == "none":
        customers = customers.filter(next_follow_up_on__isnull=True)
    if filters.contacted_before:
        customers = customers.filter(
            Q(last_contact_at__date__lt=filters.contacted_before) | Q(last_contact_at__isnull=True)
        )
    if filters.q:
        for word in fold(filters.q).split()[:5]:
            customers = customers.filter(search_text__contains=word)
    # Search may find a colleague's private customer by a phone or an e-mail: like the duplicate check, it
    # then shows only that it exists, its name and its owner (the list hides the rest, see permissions).
    return customers.select_related("owner__user", "grade").order_by(
        *SORTS.get(filters.sort, SORTS["name"]), "id"
    )


def follow_ups(
    *, membership, reachable_now: bool = False, now: dt.datetime | None = None
) -> dict[str, list[Customer]]:
    """The rep's worklist: overdue, due today, upcoming (two weeks); optionally only customers inside their
    business hours right now, so the rep can call the ones who will pick up."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Only what the worklist shows: up to 600 rows, each full customer row would be converted field by field.
    mine = (
        Customer.objects.filter(
            workspace_id=membership.workspace_id, owner=membership, next_follow_up_on__isnull=False
        )
        .select_related("grade")
        .only(*FOLLOW_UP_FIELDS)
    )
    if reachable_now:
        zones = mine.values_list("zone", flat=True).distinct()
        open_zones = zones_in_business_hours(
            zones=list(zones), settings=crm_settings(membership.workspace), now=now
        )
        mine = mine.filter(zone__in=open_zones)
    order = ("next_follow_up_on", "grade__position", "name")
    return {
        "overdue": list(mine.filter(next_follow_up_on__lt=today).order_by(*order)[:FOLLOW_UPS_SHOWN]),
        "today": list(mine.filter(next_follow_up_on=today).order_by(*order)[:FOLLOW_UPS_SHOWN]),
        "upcoming": list(
            mine.filter(
                next_follow_up_on__gt=today, next_follow_up_on__lte=today + dt.timedelta(days=14)
            ).order_by(*order)[:FOLLOW_UPS_SHOWN]
        ),
    }
