"""Follow-up reminders: each morning (in the owner's zone) a rep hears of the follow-ups due that day
and of those overdue — once per customer and date, through the notification service."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.crm.models import (
    Customer,
)
from tradewind.notifications.services import notify

MORNING = 8


def follow_ups_remind(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    due = (
        Customer.objects.filter(owner__isnull=False, owner__is_active=True, next_follow_up_on__isnull=False)
        .select_related("owner__user", "owner__workspace", "workspace")
        .order_by("owner_id", "next_follow_up_on")
    )
    for customer in due.iterator(chunk_size=1000):
        owner = customer.owner
        local = now.astimezone(zoneinfo.ZoneInfo(owner.user.time_zone or customer.workspace.time_zone))
        if local.hour < MORNING or customer.next_follow_up_on > local.date():
            continue
        overdue = customer.next_follow_up_on < local.date()
        url = f"/w/{customer.workspace.slug}/customers/{customer.public_id}/"
        created = notify(
            recipients=[owner],
            kind="crm.follow_up_overdue" if overdue else "crm.follow_up_due",
            title=(
                (
                    lambda c=customer: (
                        _("Follow-up with %(customer)s is overdue since %(date)s")
                        % {"customer": c.name, "date": c.next_follow_up_on.isoformat()}
                    )
                )
                if overdue
                else (lambda c=customer: _("Follow up with %(customer)s today") % {"customer": c.name})
            ),
            url=url,
            subject=("crm.customer", customer.public_id),
            # Once per planned date: a rep who does not act is not told again every morning.
            dedupe_key=f"crm-fu:{customer.pk}:{customer.next_follow_up_on:%Y%m%d}:{int(overdue)}",
        )
        sent += len(created)
    return sent
