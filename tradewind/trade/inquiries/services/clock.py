"""The first-response clock: when an inquiry must be answered, the reminders before and after, and the time
it took.

The target is counted in the team's business hours (core/business_time.py): the workspace's zone, days and
hours, closed on its country's public holidays. An inquiry that arrives on Saturday or at night starts
counting when the next working day opens. The reminders are rows of the notification app's reminder table,
fired by the worker's periodic job in one transaction with their notification; the inquiry's
`reminded_at` / `overdue_notified_at` are set by a conditional update in that same transaction, so each
is sent exactly once even if two rows or two workers fire for it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.business_time import business_hours_add, business_hours_between
from tradewind.notifications.reminders import reminder_dedupe_key, reminders_cancel, reminders_schedule
from tradewind.notifications.services import notify
from tradewind.trade.inquiries.models import Inquiry, InquirySettings
from tradewind.trade.inquiries.services.common import SUBJECT, business_calendar, inquiry_settings
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership
from tradewind.workspaces.permissions import ADMINS

DUE_SOON = "inquiries.response_due_soon"
OVERDUE = "inquiries.response_overdue"
REMINDER_KINDS = (DUE_SOON, OVERDUE)


def response_due(workspace, received_at: dt.datetime, settings: InquirySettings | None = None) -> dt.datetime:
    """`response_target_hours` business hours after the inquiry arrived."""
    settings = settings or inquiry_settings(workspace)
    return business_hours_add(
        business_calendar(workspace, settings), received_at, settings.response_target_hours
    )


def _plan(inquiry: Inquiry, settings: InquirySettings) -> list[tuple[str, dt.datetime]]:
    calendar = business_calendar(inquiry.workspace, settings)
    plan = []
    # The reminder `lead` business hours before the target: the target minus the lead, counted from arrival.
    lead = settings.reminder_lead_hours
    if inquiry.reminded_at is None and 0 < lead < settings.response_target_hours:
        plan.append(
            (
                DUE_SOON,
                business_hours_add(calendar, inquiry.received_at, settings.response_target_hours - lead),
            )
        )
    if inquiry.overdue_notified_at is None and inquiry.response_due_at is not None:
        plan.append((OVERDUE, inquiry.response_due_at))
    return plan


def clock_schedule(inquiry: Inquiry, settings: InquirySettings | None = None) -> None:
    """(Re)plan the inquiry's reminders; none once it is answered or closed. A moment already past is not
    planned: an inquiry entered after its target passed is shown overdue, nobody is told late."""
    if not inquiry.is_open or inquiry.first_response_at is not None or inquiry.response_due_at is None:
        reminders_cancel(target_id=inquiry.public_id, kinds=REMINDER_KINDS)
        return
    settings = settings or inquiry_settings(inquiry.workspace)
    reminders_schedule(
        workspace=inquiry.workspace,
        target_id=inquiry.public_id,
        plan=_plan(inquiry, settings),
        kinds=REMINDER_KINDS,
    )


def clock_stop(inquiry: Inquiry) -> None:
    reminders_cancel(target_id=inquiry.public_id, kinds=REMINDER_KINDS)


def inquiry_url(inquiry: Inquiry) -> str:
    return reverse("inquiries:detail", args=[inquiry.workspace.slug, inquiry.public_id])


def _waiting(reminder) -> Inquiry | None:
    """The reminder's inquiry if it still waits for its first response."""
    inquiry = (
        Inquiry.objects.select_related("workspace", "assignee__user", "assignee__workspace", "customer")
        .filter(public_id=reminder.target_id, workspace_id=reminder.workspace_id)
        .first()
    )
    if inquiry is None or not inquiry.is_open or inquiry.first_response_at is not None:
        return None
    return inquiry


def managers_of(workspace) -> list[Membership]:
    """Who hears of an overdue inquiry: the sales managers, or the admins where there is none."""
    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related(
        "user", "workspace"
    )
    managers = list(members.filter(role=Role.MANAGER))
    return managers or list(members.filter(role__in=ADMINS))


def remind_due_soon(reminder) -> None:
    inquiry = _waiting(reminder)
    if inquiry is None or inquiry.assignee is None:
        return
    now = timezone.now()
    if not Inquiry.objects.filter(pk=inquiry.pk, reminded_at__isnull=True).update(reminded_at=now):
        return  # told already
    zone = inquiry.workspace.time_zone
    due = inquiry.response_due_at.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    notify(
        recipients=[inquiry.assignee],
        kind="inquiries.due_soon",
        title=lambda: _("Answer inquiry %(inquiry)s soon") % {"inquiry": str(inquiry)},
        message=lambda: _("The first response is due %(due)s (%(zone)s).") % {"due": due, "zone": zone},
        url=inquiry_url(inquiry),
        subject=(SUBJECT, inquiry.public_id),
        dedupe_key=reminder_dedupe_key(reminder),
    )


def tell_overdue(reminder) -> None:
    inquiry = _waiting(reminder)
    if inquiry is None:
        return
    now = timezone.now()
    if not Inquiry.objects.filter(pk=inquiry.pk, overdue_notified_at__isnull=True).update(
        overdue_notified_at=now
    ):
        return
    who = inquiry.assignee.user.display_name if inquiry.assignee else None
    notify(
        recipients=managers_of(inquiry.workspace),
        kind="inquiries.overdue",
        title=lambda: _("Inquiry %(inquiry)s has no answer yet") % {"inquiry": str(inquiry)},
        message=lambda: (
            _("Assigned to %(name)s; the response target has passed.") % {"name": who}
            if who
            else _("It waits in the pool; the response target has passed.")
        ),
        url=inquiry_url(inquiry),
        subject=(SUBJECT, inquiry.public_id),
        dedupe_key=f"inq-overdue:{inquiry.public_id}",
        urgent=False,
    )


# --- what a reader sees -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    state: str  # "answered", "due", "overdue", "closed" (closed unanswered), "none"
    business: dt.timedelta  # answered in / due in / overdue by, in business time

    @property
    def hours(self) -> float:
        return self.business.total_seconds() / 3600


def inquiry_clock(inquiry: Inquiry, *, now: dt.datetime | None = None, settings=None) -> Clock:
    """Time to first response once answered; else business time left until the target, or past it."""
    calendar = business_calendar(inquiry.workspace, settings)
    if inquiry.first_response_at is not None:
        return Clock(
            "answered", business_hours_between(calendar, inquiry.received_at, inquiry.first_response_at)
        )
    if not inquiry.is_open:
        return Clock("closed", dt.timedelta(0))
    if inquiry.response_due_at is None:
        return Clock("none", dt.timedelta(0))
    now = now or timezone.now()
    if now < inquiry.response_due_at:
        return Clock("due", business_hours_between(calendar, now, inquiry.response_due_at))
    return Clock("overdue", business_hours_between(calendar, inquiry.response_due_at, now))


def time_to_first_response(inquiry: Inquiry) -> dt.timedelta | None:
    """Business time from arrival to the first response; None while unanswered."""
    if inquiry.first_response_at is None:
        return None
    return business_hours_between(
        business_calendar(inquiry.workspace), inquiry.received_at, inquiry.first_response_at
    )


def overdue_filter(now: dt.datetime | None = None) -> Q:
    """Open inquiries past their target without an answer (for lists and counts)."""
    from tradewind.trade.inquiries.choices import OPEN_STATUSES

    return Q(
        status__in=OPEN_STATUSES,
        first_response_at__isnull=True,
        response_due_at__lt=now or timezone.now(),
    )
