"""The worker's sync of a mailbox: what is new in each synced folder, stored once, resumable at any point.

Per folder the server is asked for the UIDs above the last one stored (since the mailbox's start date),
their sizes, then the messages in batches of at most BATCH_BYTES, oldest first. Each message is stored in
its own transaction; the folder's last UID moves after each batch. So a worker killed anywhere (SIGKILL
included) leaves at worst a batch to fetch again, and what was stored already is recognised by its key
(Message-ID) and not stored twice. A folder whose UIDVALIDITY changed (the server renumbered it) is read
again from the start, by the same rule: nothing twice, nothing skipped.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError
from tradewind.crm.choices import Channel
from tradewind.crm.models import Customer
from tradewind.crm.services.timeline import interaction_record
from tradewind.files.services import stored_file_save
from tradewind.mail.choices import Direction, SyncState
from tradewind.mail.connection import MailServerRefused, folder_select, imap_session
from tradewind.mail.matching import Matcher, counterpart, mailbox_matcher
from tradewind.mail.models import MailAttachment, Mailbox, MailFolder, MailMessage, MailThread
from tradewind.mail.parsing import Parsed, message_parse
from tradewind.mail.services.inquiries import mail_inquiry_open, opens_inquiry
from tradewind.mail.services.mailboxes import mailbox_password

log = logging.getLogger(__name__)

BATCH_BYTES = 20 * 1024 * 1024
BATCH_MESSAGES = 100
SUBJECT_THREAD_DAYS = 60  # an unlinked reply joins a thread of the same subject this recent
FETCHED = re.compile(rb"UID (\d+)")
SIZE = re.compile(rb"UID (\d+) RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+) UID (\d+)")


@dataclass
class SyncReport:
    stored: int = 0
    known: int = 0  # fetched again and recognised (after a crash or a UIDVALIDITY change)
    folders: int = 0


def mailbox_sync(*, mailbox_id: int, now: dt.datetime | None = None) -> SyncReport | None:
    """Sync one mailbox; its state says how it went (the error in the member's words when it failed)."""
    mailbox = Mailbox.objects.filter(pk=mailbox_id).select_related("owner__user", "workspace").first()
    if mailbox is None or mailbox.state == SyncState.PAUSED:
        return None
    now = now or timezone.now()
    report = SyncReport()
    try:
        with imap_session(
            host=mailbox.imap_host,
            port=mailbox.imap_port,
            security=mailbox.imap_security,
            username=mailbox.username,
            password=mailbox_password(mailbox),
            allow_self_signed=mailbox.allow_self_signed,
        ) as client:
            matcher = mailbox_matcher(mailbox)
            for name in mailbox.sync_folders:
                _folder_sync(client, mailbox, name, matcher, report)
                report.folders += 1
    except ApplicationError as exc:
        _failed(mailbox, str(exc.message), now)
        return report
    except (OSError, imaplib.IMAP4.error) as exc:
        _failed(mailbox, _("The connection was lost: %(reason)s") % {"reason": str(exc)[:200]}, now)
        return report
    Mailbox.objects.filter(pk=mailbox.pk).exclude(state=SyncState.PAUSED).update(
        state=SyncState.OK, last_synced_at=now, last_error=""
    )
    return report


def _failed(mailbox: Mailbox, message: str, now: dt.datetime) -> None:
    Mailbox.objects.filter(pk=mailbox.pk).exclude(state=SyncState.PAUSED).update(
        state=SyncState.FAILING, last_error=message[:500], last_error_at=now
    )


def _folder_sync(client: imaplib.IMAP4, mailbox: Mailbox, name: str, matcher: Matcher, report: SyncReport):
    folder, _created = MailFolder.objects.get_or_create(
        mailbox=mailbox, name=name, defaults={"workspace_id": mailbox.workspace_id}
    )
    validity = folder_select(client, name)
    if folder.uidvalidity != validity:
        # Renumbered (or first seen): from the start; messages stored already are recognised by their key.
        folder.uidvalidity, folder.last_uid = validity, 0
        folder.save(update_fields=["uidvalidity", "last_uid"])
    since = mailbox.sync_since.strftime("%d-%b-%Y")
    status, data = client.uid("SEARCH", None, f"UID {folder.last_uid + 1}:*", "SINCE", since)
    if status != "OK":
        raise MailServerRefused(_("The server would not list the folder “%(folder)s”.") % {"folder": name})
    uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > folder.last_uid)
    sent_folder = name != "INBOX" and _is_sent(name, mailbox)
    for batch in _batches(client, uids):
        status, fetched = client.uid("FETCH", ",".join(map(str, batch)), "(UID INTERNALDATE BODY.PEEK[])")
        if status != "OK":
            raise MailServerRefused(
                _("The server would not send the messages of “%(folder)s”.") % {"folder": name}
            )
        # A batch is one transaction with its folder's new last UID: one commit per hundred e-mails, not
        # one each, and a sync killed half-way finds the batch either all stored or not at all.
        with transaction.atomic():
            for uid, raw, received_at in _messages(fetched):
                parsed = message_parse(raw, received_at=received_at)
                direction = (
                    Direction.SENT
                    if sent_folder or parsed.from_address == mailbox.address
                    else Direction.RECEIVED
                )
                if message_store(
                    mailbox=mailbox, parsed=parsed, folder=name, uid=uid, direction=direction, matcher=matcher
                ):
                    report.stored += 1
                else:
                    report.known += 1
            MailFolder.objects.filter(pk=folder.pk).update(last_uid=max(batch), synced_at=timezone.now())
    MailFolder.objects.filter(pk=folder.pk).update(synced_at=timezone.now())


def _is_sent(name: str, mailbox: Mailbox) -> bool:
    from tradewind.mail.services.mailboxes import SENT_NAMES

    return name in SENT_NAMES or name == mailbox.sent_folder


def _batches(client: imaplib.IMAP4, uids: list[int]):
    """UIDs in groups of at most BATCH_MESSAGES and BATCH_BYTES (one huge message alone)."""
    for start in range(0, len(uids), 1000):
        chunk = uids[start : start + 1000]
        status, data = client.uid("FETCH", ",".join(map(str, chunk)), "(UID RFC822.SIZE)")
        sizes = {}
        for line in data if status == "OK" else []:
            line = line[0] if isinstance(line, tuple) else line
            match = SIZE.search(line or b"")
            if match:
                uid, size = (
                    (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
                )
                sizes[int(uid)] = int(size)
        batch, total = [], 0
        for uid in chunk:
            size = sizes.get(uid, 0)
            if batch and (total + size > BATCH_BYTES or len(batch) >= BATCH_MESSAGES):
                yield batch
                batch, total = [], 0
            batch.append(uid)
            total += size
        if batch:
            yield batch


def _messages(fetched):
    """(uid, raw bytes, internal date) of each message in a FETCH answer."""
    for item in fetched:
        if not isinstance(item, tuple):
            continue
        head, raw = item
        match = FETCHED.search(head)
        if not match:
            continue
        received_at = None
        internal = imaplib.Internaldate2tuple(head)
        if internal:
            received_at = dt.datetime(*internal[:6], tzinfo=dt.UTC)
        yield int(match.group(1)), raw, received_at


def _thread_for(mailbox: Mailbox, parsed: Parsed, customer_id: int | None) -> MailThread:
    linked = [parsed.in_reply_to, *parsed.references] if parsed.in_reply_to or parsed.references else []
    if linked:
        known = (
            MailMessage.objects.filter(mailbox=mailbox, key__in=linked)
            .values_list("thread_id", flat=True)
            .first()
        )
        if known:
            return MailThread.objects.select_for_update().get(pk=known)
    key = parsed.thread_subject[:300]
    if key and linked:  # a reply whose original is not here: the recent thread of its subject
        recent = parsed.sent_at - dt.timedelta(days=SUBJECT_THREAD_DAYS)
        found = (
            MailThread.objects.select_for_update()
            .filter(mailbox=mailbox, subject_key=key, last_message_at__gte=recent)
            .order_by("-last_message_at")
            .first()
        )
        if found:
            return found
    return MailThread.objects.create(
        workspace_id=mailbox.workspace_id,
        mailbox=mailbox,
        subject=parsed.subject[:300],
        subject_key=key,
        customer_id=customer_id,
        last_message_at=parsed.sent_at,
    )


def message_timeline_record(mailbox: Mailbox, message: MailMessage, thread: MailThread) -> None:
    """The e-mail on its customer's timeline, as a contact (channel e-mail) that restarts the follow-up
    clock — sent or received."""
    customer = Customer.objects.select_related("grade", "workspace").get(pk=message.customer_id)
    interaction_record(
        actor=mailbox.owner,
        customer=customer,
        at=message.sent_at,
        data={
            "channel": Channel.EMAIL,
            "summary": message.subject or message.snippet or "—",
            "mail": {
                "thread": str(thread.public_id),
                "direction": message.direction,
                "from": message.from_address,
            },
        },
        ours=message.direction == Direction.SENT,
    )


def message_store(
    *, mailbox: Mailbox, parsed: Parsed, folder: str, uid: int | None, direction: str, matcher
) -> bool:
    """Keep a parsed message (with its attachments) once; False when it is there already."""
    if MailMessage.objects.filter(mailbox=mailbox, key=parsed.key).exists():
        return False
    customer_id = matcher.customer_id(counterpart(direction, parsed.from_address, parsed.to, parsed.cc))
    notes = list(parsed.notes)
    try:
        with transaction.atomic():
            thread = _thread_for(mailbox, parsed, customer_id)
            message = MailMessage.objects.create(
                workspace_id=mailbox.workspace_id,
                mailbox=mailbox,
                thread=thread,
                key=parsed.key,
                folder=folder[:300],
                uid=uid,
                direction=direction,
                from_address=parsed.from_address,
                from_name=parsed.from_name,
                to=parsed.to,
                cc=parsed.cc,
                subject=parsed.subject,
                sent_at=parsed.sent_at,
                in_reply_to=parsed.in_reply_to,
                references=" ".join(parsed.references)[:10000],
                text=parsed.text,
                html=parsed.html,
                has_remote_images=parsed.has_remote_images,
                snippet=parsed.snippet,
                size=parsed.size,
                customer_id=customer_id,
            )
            for attachment in parsed.attachments:
                try:
                    stored = stored_file_save(
                        workspace=mailbox.workspace,
                        content=ContentFile(attachment.data, name=attachment.name),
                        name=attachment.name,
                        max_bytes=settings.LIBRARY_FILE_MAX_BYTES,
                        uploaded_by=mailbox.owner,
                    )
                except ApplicationError as exc:  # a program, over the quota: the message is kept, with why
                    notes.append(f"{attachment.name}: {exc.message}")
                    continue
                MailAttachment.objects.create(
                    workspace_id=mailbox.workspace_id,
                    message=message,
                    file=stored,
                    content_id=attachment.content_id[:300],
                )
            if notes:
                MailMessage.objects.filter(pk=message.pk).update(parse_note="; ".join(notes)[:500])
            updates = {"message_count": F("message_count") + 1}
            if parsed.sent_at > thread.last_message_at:
                updates["last_message_at"] = parsed.sent_at
            if thread.customer_id is None and customer_id:
                updates["customer_id"] = customer_id
            MailThread.objects.filter(pk=thread.pk).update(**updates)
            if customer_id:
                message_timeline_record(mailbox, message, thread)
            if opens_inquiry(mailbox, message, thread, folder, matcher.own):
                mail_inquiry_open(mailbox=mailbox, message=message, thread=thread)
    except IntegrityError:  # stored meanwhile by another pass of the same mailbox
        return False
    return True
