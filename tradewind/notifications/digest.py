"""The daily e-mail digest at 08:00 in each member's zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradewind.notifications.choices import DeliveryChannel, EmailState
from tradewind.notifications.models import Delivery, Notification
from tradewind.workspaces.models import Membership

DIGEST_HOUR = 8


def digests_queue(*, now: dt.datetime | None = None) -> int:
    """For every member with notifications waiting for a digest whose local time is past 08:00, queue one
    digest e-mail for their local date (the key makes a second one that day impossible)."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(email_state=EmailState.DIGEST_PENDING)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    queued = 0
    for membership in Membership.objects.filter(pk__in=list(waiting), is_active=True).select_related(
        "user", "workspace"
    ):
        zone = zoneinfo.ZoneInfo(membership.user.time_zone or membership.workspace.time_zone)
        local = now.astimezone(zone)
        if local.hour < DIGEST_HOUR:
            continue
        queued += _digest_for(membership, local.date(), now)
    return queued


@transaction.atomic
def _digest_for(membership, local_date: dt.date, now) -> int:
    notes = list(
        Notification.objects.select_for_update()
        .filter(recipient=membership, email_state=EmailState.DIGEST_PENDING)
        .order_by("created_at")[:200]
    )
    if not notes:
        return 0
    key = f"digest:{membership.pk}:{local_date.isoformat()}"
    if Delivery.objects.filter(key=key).exists():
        return 0  # today's digest went out already; these wait for tomorrow's
    lines = [f"• {n.title}" + (f" — {settings.SITE_URL}{n.url}" if n.url else "") for n in notes]
    language = membership.user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Your Tradewind digest for %(date)s — %(workspace)s") % {
            "date": local_date.isoformat(),
            "workspace": membership.workspace.name,
        }
    Delivery.objects.create(
        workspace=membership.workspace,
        key=key,
        channel=DeliveryChannel.EMAIL,
        recipient=membership,
        payload={
            "title": subject,
            "text": "\n".join(lines),
            "url": "",
            "kind": "digest",
            "language": language,
        },
    )
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(email_state=EmailState.DIGESTED)
    return 1
