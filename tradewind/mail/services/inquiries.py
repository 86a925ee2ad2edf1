"""An inquiry@ mailbox: an e-mail that starts a new thread in its inbox becomes an inquiry, assigned by the
workspace's rule like one from the website form, with the buyer's address, name and words.

It happens in the transaction that stores the e-mail, so a sync that dies half-way and starts again makes
each inquiry once (the e-mail is stored once). Replies in a thread that has its inquiry are not new
inquiries; e-mails that arrived before the setting was switched on — an old mailbox's first sync — never
become any. An e-mail the inquiry rules refuse is kept all the same, with why in its note."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from tradewind.core.errors import ApplicationError
from tradewind.crm.choices import Source
from tradewind.mail.choices import Direction
from tradewind.mail.models import Mailbox, MailMessage, MailThread

log = logging.getLogger(__name__)
MESSAGE_CHARACTERS = 20_000


def opens_inquiry(mailbox: Mailbox, message: MailMessage, thread: MailThread, folder: str, own) -> bool:
    """`thread` as it was before this e-mail joined it; `own`: the addresses that are ours."""
    return (
        mailbox.inquiries_since is not None
        and message.direction == Direction.RECEIVED
        and folder.upper() == "INBOX"
        and thread.message_count == 0  # it starts the thread
        and thread.inquiry_id is None
        and message.sent_at >= mailbox.inquiries_since
        and bool(message.from_address)
        and message.from_address.lower() not in own
    )


def mail_inquiry_open(*, mailbox: Mailbox, message: MailMessage, thread: MailThread):
    """The inquiry of `message`, linked from its thread; None (and a note on the e-mail) if refused."""
    from tradewind.trade.inquiries.choices import CreatedVia
    from tradewind.trade.inquiries.services.inquiries import inquiry_create

    words = "\n\n".join(part for part in (message.subject, message.text or message.snippet) if part)
    try:
        with transaction.atomic():  # a refusal undoes only this, never the stored e-mail
            inquiry = inquiry_create(
                actor=None,
                workspace=mailbox.workspace,
                customer=message.customer,
                via=CreatedVia.EMAIL,
                buyer_email=message.from_address,
                buyer_name=message.from_name[:120],
                message=words[:MESSAGE_CHARACTERS],
                received_at=min(message.sent_at, timezone.now()),
                source=Source.OTHER,
            )
    except ApplicationError as exc:
        log.info("mailbox %s: e-mail %s made no inquiry: %s", mailbox.pk, message.pk, exc.message)
        note = "; ".join(filter(None, [message.parse_note, f"No inquiry: {exc.message}"]))
        MailMessage.objects.filter(pk=message.pk).update(parse_note=note[:500])
        return None
    MailThread.objects.filter(pk=thread.pk).update(inquiry=inquiry)
    return inquiry
