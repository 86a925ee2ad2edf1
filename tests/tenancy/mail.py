"""The mail app's URLs in the outsider matrix (tests/test_tenancy.py): the victim owner's mailbox with a
thread about the victim's customer, one message and its attachment, all carrying the marker."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from tradewind.core.sealed import seal
from tradewind.files.services import stored_file_save
from tradewind.mail.choices import Direction, Security
from tradewind.mail.models import MailAttachment, Mailbox, MailMessage, MailTemplate, MailThread, OutgoingMail

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "mail:home": "404",
    "mail:connect": "404",
    "mail:mailbox": "404",
    "mail:mailbox_pause": "404",
    "mail:mailbox_resume": "404",
    "mail:mailbox_remove": "404",
    "mail:thread": "404",
    "mail:message_body": "404",
    "mail:attachment": "404",
    "mail:compose": "404",
    "mail:mailbox_settings": "404",
    "mail:templates": "404",
    "mail:template_delete": "404",
    "mail:outbox": "404",
    "mail:outgoing_cancel": "404",
    # The API (tradewind/mail/api/).
    "api:mail_mailbox_list": "404",
    "api:mail_mailbox_check": "404",
    "api:mail_mailbox_connect": "404",
    "api:mail_mailbox_detail": "404",
    "api:mail_mailbox_update": "404",
    "api:mail_mailbox_readers": "404",
    "api:mail_mailbox_readers_set": "404",
    "api:mail_mailbox_pause": "404",
    "api:mail_mailbox_resume": "404",
    "api:mail_mailbox_remove": "404",
    "api:mail_customer_messages": "404",
    "api:mail_thread_detail": "404",
    "api:mail_attachment_download": "404",
    "api:mail_outgoing_create": "404",
    "api:mail_outgoing_list": "404",
    "api:mail_outgoing_cancel": "404",
    "api:mail_template_list": "404",
    "api:mail_template_create": "404",
    "api:mail_template_delete": "404",
    "api:mail_template_filled": "404",
}
PARAMS = {
    "mailbox_id": "mailbox_id",
    "mail_thread_id": "mail_thread_id",
    "mail_message_id": "mail_message_id",
    "mail_attachment_id": "mail_attachment_id",
    "outgoing_id": "outgoing_id",
    "mail_template_id": "mail_template_id",
}


def build(*, owner, member, customer, order, product) -> dict:
    mailbox = Mailbox.objects.create(
        workspace=owner.workspace,
        owner=owner,
        address="sales@victim.example",
        imap_host="imap.victim.example",
        imap_port=993,
        imap_security=Security.TLS,
        smtp_host="smtp.victim.example",
        smtp_port=465,
        smtp_security=Security.TLS,
        username="sales@victim.example",
        password_sealed=seal("secret"),
        sync_folders=["INBOX"],
        sync_since=dt.date(2026, 1, 1),
    )
    now = timezone.now()
    thread = MailThread.objects.create(
        workspace=owner.workspace, mailbox=mailbox, subject=MARKER, customer=customer, last_message_at=now
    )
    message = MailMessage.objects.create(
        workspace=owner.workspace,
        mailbox=mailbox,
        thread=thread,
        key=f"<{MARKER}@victim.example>",
        folder="INBOX",
        uid=1,
        direction=Direction.RECEIVED,
        from_address="buyer@buyer.example",
        subject=MARKER,
        sent_at=now,
        text=MARKER,
        customer=customer,
    )
    stored = stored_file_save(
        workspace=owner.workspace, content=ContentFile(b"%PDF-1.4\n" + MARKER.encode() + b"\n%%EOF\n"),
        name=f"{MARKER}.pdf", max_bytes=1024 * 1024,
    )  # fmt: skip
    attachment = MailAttachment.objects.create(workspace=owner.workspace, message=message, file=stored)
    outgoing = OutgoingMail.objects.create(
        workspace=owner.workspace, mailbox=mailbox, author=owner, message_id=f"<out-{MARKER}@victim.example>",
        to=[["", "buyer@buyer.example"]], subject=MARKER, body=MARKER, send_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    template = MailTemplate.objects.create(
        workspace=owner.workspace, name=MARKER, language="en", subject=MARKER, body=MARKER
    )
    return {
        "outgoing_id": outgoing.public_id,
        "mail_template_id": template.public_id,
        "mailbox_id": mailbox.public_id,
        "mail_thread_id": thread.public_id,
        "mail_message_id": message.public_id,
        "mail_attachment_id": attachment.public_id,
    }
