"""Follow-up reminders: each morning (in the owner's zone) a rep hears of the follow-ups due that day
and of those overdue — once per customer and date, through the notification service.

A rep with one new reminder gets it by name, linking to the customer; with several (a Monday, an
import with old dates) one notification says how many are due today and one how many are overdue,
linking to the follow-up list. Each customer and date is remembered as told either way
(notifications_told), so the quarter-hourly scan tells nobody twice.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from itertools import groupby

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradewind.crm.models import Customer
from tradewind.notifications.batching import batch_key, names_and_more
from tradewind.notifications.selectors import notifications_told
from tradewind.notifications.services import notify
from tradewind.workspaces.models import Membership

MORNING = 8
EARLIEST_ZONE = dt.timedelta(hours=14)  # UTC+14 (Kiribati): nowhere is "today" later than this


def follow_ups_remind(*, now: dt.datetime | None = None) -> int:
    """Tell every owner whose morning has come about their new due and overdue follow-ups; returns how
    many notifications were written."""
    now = now or timezone.now()
    due = (
        Customer.objects.filter(
            owner__isnull=False,
            owner__is_active=True,
            next_follow_up_on__lte=(now + EARLIEST_ZONE).date(),
        )
        .order_by("owner_id", "next_follow_up_on", "pk")
        .values_list("owner_id", "pk", "public_id", "name", "next_follow_up_on")
    )
    sent = 0
    for owner_id, rows in groupby(due.iterator(chunk_size=2000), key=lambda row: row[0]):
        sent += _remind(owner_id, list(rows), now)
    return sent


def _key(pk: int, planned: dt.date, overdue: bool) -> str:
    # Once per planned date: a rep who does not act is not told again every morning.
    return f"crm-fu:{pk}:{planned:%Y%m%d}:{int(overdue)}"


def _remind(owner_id: int, rows: list[tuple], now: dt.datetime) -> int:
    owner = Membership.objects.select_related("user", "workspace").get(pk=owner_id)
    local = now.astimezone(zoneinfo.ZoneInfo(owner.user.time_zone or owner.workspace.time_zone))
    if local.hour < MORNING:
        return 0
    today = local.date()
    items = [
        (_key(pk, planned, planned < today), public_id, name, planned)
        for _owner, pk, public_id, name, planned in rows
        if planned <= today
    ]
    told = notifications_told(owner, [item[0] for item in items])
    fresh = [item for item in items if item[0] not in told]
    sent = 0
    for overdue in (True, False):
        group = [item for item in fresh if (item[3] < today) == overdue]
        if len(group) == 1:
            sent += _tell_one(owner, group[0], overdue)
        elif group:
            sent += _tell_many(owner, group, overdue)
    return sent


def _tell_one(owner, item, overdue: bool) -> int:
    key, public_id, name, planned = item

    def title():  # rendered in each reader's language
        if overdue:
            return _("Follow-up with %(customer)s is overdue since %(date)s") % {
                "customer": name,
                "date": planned.isoformat(),
            }
        return _("Follow up with %(customer)s today") % {"customer": name}

    created = notify(
        recipients=[owner],
        kind="crm.follow_up_overdue" if overdue else "crm.follow_up_due",
        title=title,
        url=reverse("crm:detail", args=[owner.workspace.slug, public_id]),
        subject=("crm.customer", public_id),
        dedupe_key=key,
    )
    return len(created)


def _tell_many(owner, group: list[tuple], overdue: bool) -> int:
    count, names = len(group), [name for _key, _id, name, _planned in group]

    def title():
        if overdue:
            return ngettext("%(count)d follow-up is overdue", "%(count)d follow-ups are overdue", count) % {
                "count": count
            }
        return ngettext("%(count)d follow-up is due today", "%(count)d follow-ups are due today", count) % {
            "count": count
        }

    keys = [item[0] for item in group]
    created = notify(
        recipients=[owner],
        kind="crm.follow_up_overdue" if overdue else "crm.follow_up_due",
        title=title,
        message=lambda: names_and_more(names),
        url=reverse("crm:follow_ups", args=[owner.workspace.slug]),
        dedupe_key=batch_key("crm-fu", keys),
        covers=keys,
    )
    return len(created)
