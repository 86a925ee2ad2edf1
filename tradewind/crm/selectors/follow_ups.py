"""A rep's follow-up worklist: overdue, due today, the next two weeks."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils import timezone

from tradewind.crm.localtime import zones_in_business_hours
from tradewind.crm.models import Customer
from tradewind.crm.selectors.settings import crm_settings

# Rows per group of the follow-up page: what a rep works through in a sitting ("show more" adds as many,
# up to FOLLOW_UPS_MAX); six hundred rows at once made the page slow and the list no easier to work.
FOLLOW_UPS_SHOWN = 50


FOLLOW_UPS_MAX = 1000


FOLLOW_UP_GROUPS = ("overdue", "today", "upcoming")


@dataclass(frozen=True)
class FollowUp:
    """A customer on the rep's worklist, as the follow-up page shows it."""

    public_id: uuid.UUID
    name: str
    country: str
    zone: str
    next_follow_up_on: dt.date
    grade: str  # CustomerGrade.__str__ (its name, else its code); "" without a grade


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
