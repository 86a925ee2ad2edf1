"""A quotation after approval: sent (by e-mail with its PDF, or marked sent), accepted or declined by the
buyer, or expired; the rep reminded before it expires."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.trade.choices import QuotationStatus
from tradewind.trade.models import Quotation
from tradewind.trade.services.approval import approval_reasons
from tradewind.trade.services.common import QUOTATION, history, require_work, trade_settings

SENDABLE = (QuotationStatus.DRAFT, QuotationStatus.APPROVED)


def _locked(quotation) -> Quotation:
    return (
        Quotation.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "contact", "owner__user")
        .get(pk=quotation.pk)
    )


def _check_sendable(quotation: Quotation) -> None:
    if quotation.status == QuotationStatus.PENDING_APPROVAL:
        raise Conflict(_("Quotation %(number)s is awaiting approval.") % {"number": quotation.number})
    if quotation.status not in SENDABLE:
        raise Conflict(
            _("Quotation %(number)s is %(status)s and cannot be sent again; make a revision.")
            % {"number": quotation.number, "status": quotation.get_status_display().lower()}
        )
    if not quotation.lines.exists():
        raise ValidationFailed(_("Add at least one line."), field="lines")
    if quotation.valid_until < timezone.localdate():
        raise ValidationFailed(
            _("The quotation's validity has passed; change its date first."), field="valid_until"
        )
    if quotation.status == QuotationStatus.DRAFT and approval_reasons(quotation):
        raise Conflict(_("This quotation needs a manager's approval before it is sent; submit it."))


def _mark_sent(actor, quotation: Quotation, to: str) -> None:
    quotation.status = QuotationStatus.SENT
    quotation.sent_at = timezone.now()
    quotation.sent_to = to
    quotation.save()
    _tell_inquiry(actor, quotation)


def _tell_inquiry(actor, quotation) -> None:
    """The inquiry it answers is now quoted (and has had its first response)."""
    if quotation.inquiry_id is None:
        return
    from tradewind.trade.inquiries import services as inquiries

    # A won or closed inquiry stays as it is; the quotation is sent all the same.
    with contextlib.suppress(Conflict), transaction.atomic():
        inquiries.inquiry_mark_quoted(actor=actor, inquiry=quotation.inquiry)


@transaction.atomic
def quotation_mark_sent(*, actor, quotation: Quotation) -> Quotation:
    """Sent outside Tradewind (the PDF downloaded and mailed, or handed over at a fair)."""
    quotation = _locked(quotation)
    require_work(actor, quotation)
    _check_sendable(quotation)
    _mark_sent(actor, quotation, "")
    history(actor, quotation, "quotation.sent", on_timeline=True)
    return quotation


def _recipient(quotation, to: str | None) -> str:
    to = (to or "").strip()
    if not to:
        contacts = [quotation.contact] if quotation.contact else list(quotation.customer.contacts.all())
        to = next((c.emails[0] for c in contacts if c.emails), "")
    if not to:
        raise ValidationFailed(_("Give the buyer's e-mail address."), field="to")
    try:
        validate_email(to)
    except DjangoValidationError:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="to") from None
    return to


@transaction.atomic
def quotation_send(
    *, actor, quotation: Quotation, to: str | None = None, subject: str = "", message: str = ""
) -> Quotation:
    """E-mail the quotation's PDF to the buyer (the contact's first address unless another is given); the
    message is kept on the customer's timeline. Sent after the transaction commits: a refusal sends
    nothing."""
    from tradewind.trade.pdf import quotation_pdf

    quotation = _locked(quotation)
    require_work(actor, quotation)
    _check_sendable(quotation)
    to = _recipient(quotation, to)
    with override(quotation.language):
        subject = (subject or "").strip() or _("Quotation %(number)s") % {"number": quotation.number}
    message = (message or "").strip()
    if len(subject) > 200 or len(message) > 10000:
        raise ValidationFailed(_("The message is too long."), field="message")
    _mark_sent(actor, quotation, to)
    # Made once the quotation is sent, so the PDF cached for that version is the one downloaded next.
    pdf = quotation_pdf(quotation)
    history(
        actor, quotation, "quotation.sent", {"to": to, "subject": subject, "message": message[:2000]},
        on_timeline=True,
    )  # fmt: skip
    reply_to = [actor.user.email] if getattr(actor.user, "email", "") else []
    email = EmailMessage(
        subject=subject,
        body=message or subject,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=reply_to,
    )
    email.attach(f"{quotation.number}.pdf", pdf, "application/pdf")
    transaction.on_commit(lambda: email.send(fail_silently=False))
    return quotation


@transaction.atomic
def quotation_accept(*, actor, quotation: Quotation, on: dt.date | None = None) -> Quotation:
    """The buyer said yes, within the validity: an expired quotation is revised (new prices) first."""
    quotation = _locked(quotation)
    require_work(actor, quotation)
    on = on or timezone.localdate()
    if quotation.status == QuotationStatus.EXPIRED or (
        quotation.status == QuotationStatus.SENT and quotation.valid_until < on
    ):
        raise Conflict(
            _("Quotation %(number)s expired on %(day)s; make a revision with today's terms.")
            % {"number": quotation.number, "day": quotation.valid_until.isoformat()}
        )
    if quotation.status != QuotationStatus.SENT:
        raise Conflict(_("Only a sent quotation is accepted or declined."))
    quotation.status = QuotationStatus.ACCEPTED
    quotation.answered_at = timezone.now()
    quotation.save()
    history(actor, quotation, "quotation.accepted", on_timeline=True)
    return quotation


@transaction.atomic
def quotation_decline(*, actor, quotation: Quotation, reason: str = "") -> Quotation:
    quotation = _locked(quotation)
    require_work(actor, quotation)
    if quotation.status != QuotationStatus.SENT:
        raise Conflict(_("Only a sent quotation is accepted or declined."))
    reason = (reason or "").strip()[:2000]
    quotation.status = QuotationStatus.DECLINED
    quotation.answered_at = timezone.now()
    quotation.decline_reason = reason
    quotation.save()
    history(actor, quotation, "quotation.declined", {"reason": reason} if reason else None, on_timeline=True)
    return quotation


def _workspace_today(workspace) -> dt.date:
    import zoneinfo

    return timezone.now().astimezone(zoneinfo.ZoneInfo(workspace.time_zone)).date()


def quotations_expire(*, today: dt.date | None = None) -> int:
    """The worker's hourly pass: sent quotations whose last valid day has ended where their workspace is
    become expired. Answers how many."""
    horizon = today or timezone.now().date() + dt.timedelta(days=1)  # no zone is a day ahead of UTC+14
    count = 0
    candidates = Quotation.objects.filter(
        status=QuotationStatus.SENT, valid_until__lt=horizon
    ).select_related("workspace", "customer")
    for quotation in candidates[:10000]:
        if quotation.valid_until >= (today or _workspace_today(quotation.workspace)):
            continue
        with transaction.atomic():
            updated = Quotation.objects.filter(pk=quotation.pk, status=QuotationStatus.SENT).update(
                status=QuotationStatus.EXPIRED, updated_at=timezone.now()
            )
            if updated:
                history(None, quotation, "quotation.expired")
                count += 1
    return count


def quotations_remind_expiry(*, today: dt.date | None = None) -> int:
    """Tell each rep once about a sent quotation that expires within the workspace's reminder days."""
    from tradewind.notifications.services import notify

    horizon = (today or timezone.now().date()) + dt.timedelta(days=31)
    candidates = Quotation.objects.filter(
        status=QuotationStatus.SENT,
        valid_until__gte=today,
        valid_until__lte=horizon,
        expiry_reminded_at__isnull=True,
    ).select_related("workspace", "customer", "owner")
    count = 0
    for quotation in candidates[:10000]:
        days = trade_settings(quotation.workspace).expiry_reminder_days
        local_today = today or _workspace_today(quotation.workspace)
        if quotation.valid_until > local_today + dt.timedelta(days=days) or quotation.owner is None:
            continue
        claimed = Quotation.objects.filter(pk=quotation.pk, expiry_reminded_at__isnull=True).update(
            expiry_reminded_at=timezone.now()
        )
        if not claimed:  # another worker got it
            continue
        notify(
            recipients=[quotation.owner],
            kind="trade.quotation_expiring",
            title=_("Quotation %(number)s for %(customer)s expires on %(day)s")
            % {"number": quotation.number, "customer": quotation.customer.name, "day": quotation.valid_until},
            url=reverse("trade:quotation", args=[quotation.workspace.slug, quotation.public_id]),
            subject=(QUOTATION, quotation.public_id),
            dedupe_key=f"quotation-expiring-{quotation.public_id}",
        )
        count += 1
    return count
