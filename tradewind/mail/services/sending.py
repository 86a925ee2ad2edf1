"""Writing to buyers: an e-mail composed (now, or for a moment such as 09:30 in the buyer's zone), cancelled
before it goes, and sent by the worker through the mailbox's SMTP server — exactly once.

Exactly once: the e-mail's Message-ID is fixed when it is written. The worker marks it "sending" and commits
before it talks to the server, and "sent" the moment the server has taken it. A worker that died in between
leaves it "sending"; the next pass looks for that Message-ID in the Sent folder (where most providers file
what their SMTP server took, and where we append it) and marks it sent if it is there, instead of sending it
again. The one window left is the instant between the server's "250 OK" and our commit on a provider that
files nothing itself — the same window every mail client has.

After sending, a copy goes into the mailbox's Sent folder (IMAP APPEND) and onto the customer's timeline.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import imaplib
import logging
import smtplib
import time
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.crm.localtime import next_business_moment, zone_for
from tradewind.crm.selectors.settings import crm_settings
from tradewind.files.services import stored_file_open
from tradewind.mail import permissions
from tradewind.mail.choices import Direction, OutgoingState
from tradewind.mail.connection import folder_select, imap_session, quoted, smtp_session
from tradewind.mail.matching import mailbox_matcher
from tradewind.mail.models import Mailbox, MailMessage, OutgoingAttachment, OutgoingMail
from tradewind.mail.parsing import message_parse
from tradewind.mail.services.mailboxes import mailbox_password
from tradewind.mail.services.sync import message_store

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_RECIPIENTS = 50
STALE_SENDING = dt.timedelta(minutes=10)  # a "sending" older than this was left by a worker that died
MAX_ATTEMPTS = 5


def _recipients(raw, field: str) -> list[list[str]]:
    """ "Hans <hans@hausmann.de>, anna@hausmann.de" (or a list of such) as [[name, address], …]."""
    from django.core.validators import validate_email

    values = [raw] if isinstance(raw, str) else list(raw or [])
    pairs = []
    for name, address in getaddresses([v for v in values if v]):
        address = address.strip().lower()
        try:
            validate_email(address)
        except Exception:  # Django's ValidationError, said in our words
            raise ValidationFailed(
                _("“%(address)s” is not an e-mail address.") % {"address": address or name}, field=field
            ) from None
        pairs.append([name.strip(), address])
    return pairs


def _sender_allowed(actor, mailbox: Mailbox) -> None:
    if not permissions.can_read(actor, mailbox) or actor.role == "viewer":
        raise PermissionDenied(_("You may not send from this mailbox."))


def mail_compose(
    *,
    actor,
    mailbox: Mailbox,
    to,
    subject: str,
    body: str,
    cc=(),
    bcc=(),
    customer=None,
    reply_to: MailMessage | None = None,
    attachments=(),
    send_at: dt.datetime | None = None,
) -> OutgoingMail:
    """An e-mail to send now (`send_at` empty) or later; refused with a clear message: no recipient, a
    malformed address, a moment in the past, attachments over the providers' usual limit."""
    _sender_allowed(actor, mailbox)
    to, cc, bcc = _recipients(to, "to"), _recipients(cc, "cc"), _recipients(bcc, "bcc")
    errors = []
    if not to:
        errors.append(ValidationFailed(_("Write to someone: the To field is empty."), field="to"))
    if len(to) + len(cc) + len(bcc) > MAX_RECIPIENTS:
        errors.append(
            ValidationFailed(_("At most %(n)d recipients in one e-mail.") % {"n": MAX_RECIPIENTS}, field="to")
        )
    subject = " ".join((subject or "").split())[:500]
    if not subject:
        errors.append(ValidationFailed(_("Give the e-mail a subject."), field="subject"))
    now = timezone.now()
    if send_at is not None and send_at < now - dt.timedelta(minutes=1):
        errors.append(ValidationFailed(_("That moment has passed; choose a later one."), field="send_at"))
    files = list(attachments)
    total = sum(f.size for f in files)
    if total > settings.MAIL_SEND_MAX_BYTES:
        errors.append(
            ValidationFailed(
                _(
                    "The attachments come to %(size).1f MB; most providers refuse e-mails over %(limit)d MB. "
                    "Share a library link instead."
                )
                % {"size": total / MB, "limit": settings.MAIL_SEND_MAX_BYTES // MB},
                field="attachments",
            )
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    domain = mailbox.address.rpartition("@")[2] or "tradewind.local"
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            workspace_id=mailbox.workspace_id,
            mailbox=mailbox,
            author=actor,
            customer=customer if customer is not None else getattr(reply_to, "customer", None),
            reply_to=reply_to,
            message_id=make_msgid(domain=domain),
            to=to,
            cc=cc,
            bcc=bcc,
            subject=subject,
            body=body or "",
            send_at=send_at or now,
        )
        OutgoingAttachment.objects.bulk_create(
            [OutgoingAttachment(workspace_id=mailbox.workspace_id, mail=mail, file=f) for f in files]
        )
        if mail.send_at <= now + dt.timedelta(seconds=30):
            from tradewind.mail.tasks import mail_send_one

            pk = mail.pk
            transaction.on_commit(lambda: mail_send_one(pk))
    return mail


def buyer_send_moment(customer, at: dt.time) -> dt.datetime:
    """`at` o'clock in the customer's zone on their next working day there (not a public holiday)."""
    if customer is None:
        raise ValidationFailed(_("Sending at the buyer's time needs the customer."), field="buyer_time")
    return next_business_moment(
        country=customer.country,
        zone=customer.zone or zone_for(customer.country),
        settings=crm_settings(customer.workspace),
        at=at,
        after=timezone.now(),
    )


def mail_cancel(*, actor, mail: OutgoingMail) -> OutgoingMail:
    """Only what has not started to go (its author, or whoever may change the mailbox)."""
    if mail.author_id != actor.pk and not permissions.can_manage(actor, mail.mailbox):
        raise PermissionDenied(_("You may not cancel this e-mail."))
    changed = OutgoingMail.objects.filter(pk=mail.pk, state=OutgoingState.SCHEDULED).update(
        state=OutgoingState.CANCELLED, updated_at=timezone.now()
    )
    if not changed:
        raise Conflict(_("This e-mail has gone already (or is going now): it cannot be cancelled."))
    mail.state = OutgoingState.CANCELLED
    return mail


# --- the worker's side ---------------------------------------------------------------------------------


def mime_build(mail: OutgoingMail) -> EmailMessage:
    mailbox = mail.mailbox
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = formataddr((mailbox.display_name, mailbox.address))
    message["To"] = ", ".join(formataddr((n, a)) for n, a in mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(formataddr((n, a)) for n, a in mail.cc)
    if mail.bcc:
        message["Bcc"] = ", ".join(formataddr((n, a)) for n, a in mail.bcc)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = mail.message_id
    if mail.reply_to is not None:
        original = mail.reply_to
        message["In-Reply-To"] = original.key
        message["References"] = " ".join(filter(None, [original.references, original.key]))[-2000:]
    message.set_content(mail.body or "", charset="utf-8")
    for attachment in mail.attachments.select_related("file"):
        stored = attachment.file
        with stored_file_open(stored) as f:
            data = f.read()
        maintype, _slash, subtype = (stored.content_type or "application/octet-stream").partition("/")
        message.add_attachment(
            data, maintype=maintype, subtype=subtype or "octet-stream", filename=stored.original_name
        )
    return message


def _in_sent_folder(mailbox: Mailbox, message_id: str) -> bool:
    folder = mailbox.sent_folder
    if not folder:
        return False
    with imap_session(**_imap(mailbox)) as client:
        folder_select(client, folder)
        status, data = client.uid("SEARCH", None, "HEADER", "Message-ID", message_id)
        return status == "OK" and bool((data[0] or b"").split())


def _imap(mailbox: Mailbox) -> dict:
    return {
        "host": mailbox.imap_host,
        "port": mailbox.imap_port,
        "security": mailbox.imap_security,
        "username": mailbox.username,
        "password": mailbox_password(mailbox),
        "allow_self_signed": mailbox.allow_self_signed,
    }


def _claim(mail_id: int, now: dt.datetime) -> tuple[OutgoingMail | None, bool]:
    """Take the e-mail for this pass: (it, whether an earlier pass may have sent it already)."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("mailbox", "author__user", "reply_to", "customer")
            .filter(pk=mail_id)
            .first()
        )
        if mail is None:
            return None, False
        resumed = mail.state == OutgoingState.SENDING
        due = mail.state == OutgoingState.SCHEDULED and mail.send_at <= now
        stale = resumed and mail.updated_at <= now - STALE_SENDING
        if not (due or stale):
            return None, False
        mail.state, mail.attempts, mail.updated_at = OutgoingState.SENDING, mail.attempts + 1, now
        mail.save(update_fields=["state", "attempts", "updated_at"])
    return mail, resumed


def mail_send(*, mail_id: int, now: dt.datetime | None = None) -> str | None:
    """Send one due e-mail (or finish one a dead worker left "sending"); its state afterwards."""
    now = now or timezone.now()
    mail, resumed = _claim(mail_id, now)
    if mail is None:
        return None
    with translation.override(mail.author.user.language or settings.LANGUAGE_CODE):
        try:
            if resumed and _in_sent_folder(mail.mailbox, mail.message_id):
                return _sent(mail, raw=None)
            message = mime_build(mail)
            recipients = [a for _n, a in mail.to + mail.cc + mail.bcc]
            with smtp_session(
                **{
                    **_imap(mail.mailbox),
                    "host": mail.mailbox.smtp_host,
                    "port": mail.mailbox.smtp_port,
                    "security": mail.mailbox.smtp_security,
                }
            ) as client:
                client.send_message(message, from_addr=mail.mailbox.address, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            refused = ", ".join(exc.recipients)
            return _failed(
                mail, _("The server refused these recipients: %(who)s") % {"who": refused}, final=True
            )
        except smtplib.SMTPDataError as exc:
            reason = (exc.smtp_error or b"").decode(errors="replace")[:200]
            final = exc.smtp_code == 552  # too large: trying again will not help
            return _failed(
                mail, _("The server did not take the e-mail: %(reason)s") % {"reason": reason}, final=final
            )
        except ApplicationError as exc:
            return _failed(mail, str(exc.message), final=False)
        except (OSError, smtplib.SMTPException, imaplib.IMAP4.error) as exc:
            return _failed(
                mail, _("The connection was lost: %(reason)s") % {"reason": str(exc)[:200]}, final=False
            )
        return _sent(mail, raw=message.as_bytes())


def _failed(mail: OutgoingMail, reason: str, *, final: bool) -> str:
    """Not sent: back to the queue for another try (a lost connection), or failed for good."""
    give_up = final or mail.attempts >= MAX_ATTEMPTS
    state = OutgoingState.FAILED if give_up else OutgoingState.SCHEDULED
    OutgoingMail.objects.filter(pk=mail.pk).update(state=state, error=reason[:500], updated_at=timezone.now())
    return state


def _sent(mail: OutgoingMail, *, raw: bytes | None) -> str:
    now = timezone.now()
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=OutgoingState.SENT, sent_at=now, error="", updated_at=now
    )
    if raw is not None:
        _append_to_sent(mail.mailbox, raw)
        parsed = message_parse(raw, received_at=now)
        message_store(
            mailbox=mail.mailbox,
            parsed=parsed,
            folder=mail.mailbox.sent_folder or "Sent",
            uid=None,
            direction=Direction.SENT,
            matcher=mailbox_matcher(mail.mailbox),
        )
    return OutgoingState.SENT


def _append_to_sent(mailbox: Mailbox, raw: bytes) -> None:
    """A copy in the mailbox's Sent folder, as a mail client keeps one; a failure is logged, not fatal (the
    e-mail went, and Tradewind keeps its own copy)."""
    folder = mailbox.sent_folder
    if not folder:
        return
    try:
        with imap_session(**_imap(mailbox)) as client:
            client.append(quoted(folder), "(\\Seen)", imaplib.Time2Internaldate(time.time()), raw)
    except (ApplicationError, OSError, imaplib.IMAP4.error):
        log.warning("could not append a sent e-mail to %s of mailbox %s", folder, mailbox.pk, exc_info=True)


def mail_send_due(*, now: dt.datetime | None = None) -> int:
    """The worker's minute: every scheduled e-mail whose moment has come, and any a dead worker left."""
    now = now or timezone.now()
    due = OutgoingMail.objects.filter(state=OutgoingState.SCHEDULED, send_at__lte=now).values_list(
        "pk", flat=True
    )
    stale = OutgoingMail.objects.filter(
        state=OutgoingState.SENDING, updated_at__lte=now - STALE_SENDING
    ).values_list("pk", flat=True)
    count = 0
    for pk in [*due, *stale]:
        if mail_send(mail_id=pk, now=now) == OutgoingState.SENT:
            count += 1
    return count
