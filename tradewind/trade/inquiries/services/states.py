"""An inquiry's life: answered, quoted, won, lost, closed as spam or duplicate, reopened.

new → assigned → quoted → won / lost; any open inquiry (new, assigned, quoted) may be won, lost or closed
as spam or as a duplicate of another inquiry. Lost, spam and duplicate inquiries may be reopened; a won
one may not (an order stands behind it). Each change locks the row and writes a history entry.

For the quotation and order code (tradewind.trade): call
    inquiry_mark_responded(inquiry=…, at=…)   when something reached the buyer (idempotent)
    inquiry_mark_quoted(actor=…, inquiry=…)   when a quotation for it is sent
    inquiry_mark_won(actor=…, inquiry=…)      when its order is confirmed
inside your own transaction. They check the state, not the actor's role: your service has decided that
already.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.inquiries import permissions
from tradewind.trade.inquiries.choices import OPEN_STATUSES, REOPENABLE, Closing, InquiryStatus
from tradewind.trade.inquiries.models import Competitor, Inquiry, LostReason
from tradewind.trade.inquiries.services.clock import clock_schedule, clock_stop, response_due
from tradewind.trade.inquiries.services.common import history
from tradewind.trade.inquiries.services.inquiries import lock, require_open, require_work


def _same_workspace(actor, inquiry: Inquiry) -> None:
    if actor is not None and actor.workspace_id != inquiry.workspace_id:
        raise ValueError("the actor is not a member of the inquiry's workspace")  # a programming error


def _announce(inquiry: Inquiry) -> None:
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})


@transaction.atomic
def inquiry_mark_responded(*, inquiry: Inquiry, at: dt.datetime | None = None, actor=None) -> Inquiry:
    """The buyer got a first answer at `at` (now if not given; never before the inquiry arrived). Stops
    the response clock. Only the first response counts: later calls change nothing."""
    _same_workspace(actor, inquiry)
    inquiry = lock(inquiry)
    if inquiry.first_response_at is not None:
        return inquiry
    at = max(at or timezone.now(), inquiry.received_at)
    inquiry.first_response_at = at
    inquiry.save(update_fields=["first_response_at", "updated_at"])
    clock_stop(inquiry)
    history(actor, inquiry, "inquiry.responded")
    _announce(inquiry)
    return inquiry


@transaction.atomic
def inquiry_respond(*, actor, inquiry: Inquiry, at: dt.datetime | None = None) -> Inquiry:
    """The assignee (or a manager) records that the buyer was answered (by e-mail, on the platform …)."""
    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    require_open(inquiry)
    if inquiry.assignee_id is None:
        raise Conflict(_("Claim the inquiry (or assign it) before answering it."))
    if at is not None:
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationFailed(_("A response cannot be in the future."), field="at")
        if at < inquiry.received_at:
            raise ValidationFailed(_("A response cannot come before the inquiry arrived."), field="at")
    if inquiry.first_response_at is not None:
        raise Conflict(_("The first response is recorded already."))
    return inquiry_mark_responded(inquiry=inquiry, at=at, actor=actor)


@transaction.atomic
def inquiry_mark_quoted(*, actor, inquiry: Inquiry) -> Inquiry:
    """A quotation for the inquiry was sent (called by the quotation code). The inquiry becomes quoted
    (again: nothing changes), counts as answered if it was not yet, and, if it waited in the pool, goes
    to the actor. Refused (409) for a won or closed inquiry."""
    _same_workspace(actor, inquiry)
    inquiry = lock(inquiry)
    if inquiry.status not in OPEN_STATUSES:
        raise Conflict(
            _("Inquiry %(number)s is %(status)s; reopen it before quoting.")
            % {"number": inquiry.number, "status": inquiry.get_status_display().lower()}
        )
    now = timezone.now()
    if inquiry.status == InquiryStatus.QUOTED:
        return inquiry
    if inquiry.assignee_id is None and actor is not None and permissions.can_work_inquiries(actor):
        inquiry.assignee, inquiry.assigned_at = actor, now
    inquiry.status = InquiryStatus.QUOTED
    inquiry.save(update_fields=["status", "assignee", "assigned_at", "updated_at"])
    history(actor, inquiry, "inquiry.quoted")
    inquiry_mark_responded(inquiry=inquiry, at=now, actor=actor)
    inquiry.refresh_from_db()
    _announce(inquiry)
    return inquiry


@transaction.atomic
def inquiry_mark_won(*, actor, inquiry: Inquiry) -> Inquiry:
    """The inquiry's order is confirmed (called by the order code). Any open inquiry may be won; a won one
    stays won; a lost or closed one is refused (409) — reopen it first."""
    _same_workspace(actor, inquiry)
    inquiry = lock(inquiry)
    if inquiry.status == InquiryStatus.WON:
        return inquiry
    require_open(inquiry)
    inquiry.status = InquiryStatus.WON
    inquiry.closed_at = timezone.now()
    inquiry.save(update_fields=["status", "closed_at", "updated_at"])
    clock_stop(inquiry)
    history(actor, inquiry, "inquiry.won")
    _announce(inquiry)
    return inquiry


@transaction.atomic
def inquiry_mark_lost(
    *,
    actor,
    inquiry: Inquiry,
    reason: LostReason | None,
    competitor: Competitor | None = None,
    note: str = "",
) -> Inquiry:
    """The buyer went elsewhere or nowhere: a reason from the workspace's list is required, the competitor
    who won is optional."""
    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    require_open(inquiry)
    if reason is None or reason.workspace_id != inquiry.workspace_id:
        raise ValidationFailed(_("Choose why the inquiry was lost."), field="reason")
    if competitor is not None and competitor.workspace_id != inquiry.workspace_id:
        raise ValidationFailed(_("Choose a competitor of this workspace."), field="competitor")
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="note")
    inquiry.status = InquiryStatus.LOST
    inquiry.closed_at = timezone.now()
    inquiry.lost_reason, inquiry.lost_competitor, inquiry.lost_note = reason, competitor, note
    inquiry.save()
    clock_stop(inquiry)
    history(
        actor,
        inquiry,
        "inquiry.lost",
        {"reason": reason.name, "competitor": competitor.name if competitor else "", "note": note[:300]},
    )
    _announce(inquiry)
    return inquiry


@transaction.atomic
def inquiry_close(
    *, actor, inquiry: Inquiry, closing: str, duplicate_of: Inquiry | None = None, note: str = ""
) -> Inquiry:
    """Close an open inquiry as spam, or as a duplicate of another inquiry of the workspace (required)."""
    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    require_open(inquiry)
    if closing not in Closing.values:
        raise ValidationFailed(_("Choose how to close the inquiry."), field="closing")
    if closing == Closing.DUPLICATE:
        if duplicate_of is None or duplicate_of.workspace_id != inquiry.workspace_id:
            raise ValidationFailed(_("Choose the inquiry this one repeats."), field="duplicate_of")
        if duplicate_of.pk == inquiry.pk:
            raise ValidationFailed(_("An inquiry cannot be a duplicate of itself."), field="duplicate_of")
    else:
        duplicate_of = None
    inquiry.status = InquiryStatus(closing)
    inquiry.closed_at = timezone.now()
    inquiry.duplicate_of = duplicate_of
    inquiry.lost_note = (note or "").strip()[:2000]
    inquiry.save()
    clock_stop(inquiry)
    history(
        actor,
        inquiry,
        "inquiry.closed_spam" if closing == Closing.SPAM else "inquiry.closed_duplicate",
        {"number": duplicate_of.number if duplicate_of else ""},
    )
    _announce(inquiry)
    return inquiry


@transaction.atomic
def inquiry_reopen(*, actor, inquiry: Inquiry) -> Inquiry:
    """Open a lost, spam or duplicate inquiry again: assigned if it has an assignee, else new. An
    unanswered one gets a new response target, counted from now."""
    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    if inquiry.status not in REOPENABLE:
        raise Conflict(
            _("A %(status)s inquiry cannot be reopened.") % {"status": inquiry.get_status_display().lower()}
        )
    inquiry.status = InquiryStatus.ASSIGNED if inquiry.assignee_id else InquiryStatus.NEW
    inquiry.closed_at = None
    inquiry.lost_reason = inquiry.lost_competitor = inquiry.duplicate_of = None
    inquiry.lost_note = ""
    if inquiry.first_response_at is None:
        inquiry.response_due_at = response_due(inquiry.workspace, timezone.now())
        inquiry.reminded_at = inquiry.overdue_notified_at = None
    inquiry.save()
    clock_schedule(inquiry)
    history(actor, inquiry, "inquiry.reopened")
    _announce(inquiry)
    return inquiry
