"""What the mail API reads and answers."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from tradewind.api.schemas import Input, text

Security = Literal["tls", "starttls", "none"]


class MailServersIn(Input):
    address: text(254) = Field("", description="The mailbox's address: the user name when that is empty.")
    imap_host: text(200, required=True)
    imap_port: int = Field(993, ge=1, le=65535)
    imap_security: Security = "tls"
    smtp_host: text(200, required=True)
    smtp_port: int = Field(465, ge=1, le=65535)
    smtp_security: Security = "tls"
    username: text(254) = Field("", description="Empty: the address.")
    password: text(500, required=True) = Field(
        description="Write-only: sealed when received, never returned."
    )
    allow_self_signed: bool = Field(False, description="Administrators only.")


class MailboxIn(MailServersIn):
    address: text(254, required=True)
    kind: Literal["personal", "shared"] = "personal"
    display_name: text(120) = ""
    provider: text(20) = ""
    sync_folders: list[text(300, required=True)] | None = Field(
        None, max_length=20, description="Empty: INBOX and the sent folder found on the server."
    )
    sync_since: dt.date | None = Field(None, description="Empty: 90 days ago.")


class MailboxPatch(Input):
    """Only what is sent changes."""

    display_name: text(120) | None = None
    signature: text(2000) | None = None
    sync_folders: list[text(300, required=True)] | None = Field(None, max_length=20)
    password: text(500) | None = Field(None, description="Write-only; tried on the server before it is kept.")
    creates_inquiries: bool | None = Field(
        None,
        description="E-mails arriving from now on that start a thread in its inbox become inquiries "
        "(an inquiry@ mailbox).",
    )


class ReadersIn(Input):
    roles: list[text(20, required=True)] = Field(
        [], max_length=20, description="Everyone holding these roles reads it (e.g. sales, service)."
    )
    members: list[UUID] = Field([], max_length=200)


class ReadersOut(Schema):
    roles: list[str]
    members: list[UUID]


class MailboxCheckOut(Schema):
    folders: list[str]
    sent_folder: str


class MailboxOut(Schema):
    id: UUID
    kind: str
    address: str
    owner: str
    state: str = Field(description="new, ok, failing or paused.")
    last_synced_at: dt.datetime | None
    last_error: str
    imap_host: str
    smtp_host: str
    sync_folders: list[str]
    sync_since: dt.date
    creates_inquiries: bool


class MailAttachmentOut(Schema):
    id: UUID
    name: str
    size: int
    content_type: str
    download: str


class MailMessageOut(Schema):
    id: UUID
    thread: UUID
    direction: str = Field(description="in (received) or out (sent).")
    subject: str
    from_name: str
    from_address: str
    to: list[list[str]] = Field(description="[name, address] pairs.")
    cc: list[list[str]]
    sent_at: dt.datetime
    snippet: str
    customer: UUID | None


class MailMessageFullOut(MailMessageOut):
    text: str
    html: str = Field(description="Sanitised; remote images are the reader's choice to load.")
    attachments: list[MailAttachmentOut]
    parse_note: str


class MailThreadOut(Schema):
    id: UUID
    subject: str
    customer: UUID | None
    inquiry: UUID | None = Field(description="The inquiry it opened (an inquiry@ mailbox).")
    messages: list[MailMessageFullOut]


class OutgoingIn(Input):
    mailbox: UUID = Field(description="One of your mailboxes (or a shared one you read).")
    to: list[text(320, required=True)] = Field(
        min_length=1, max_length=50, description='"Name <address>" or an address.'
    )
    cc: list[text(320, required=True)] = Field([], max_length=50)
    bcc: list[text(320, required=True)] = Field([], max_length=50)
    subject: text(500, required=True)
    body: text(200_000) = ""
    customer: UUID | None = Field(
        None, description="Whose timeline it goes on (a reply's customer otherwise)."
    )
    reply_to: UUID | None = Field(None, description="The e-mail this answers: it goes into that thread.")
    documents: list[UUID] = Field(
        [], max_length=20, description="Library documents to attach (their current version)."
    )
    quotations: list[UUID] = Field(
        [], max_length=10, description="Quotations whose PDF to attach, as their page makes it now."
    )
    orders: list[UUID] = Field(
        [], max_length=10, description="Orders whose proforma invoice (PDF) to attach."
    )
    send_at: dt.datetime | None = Field(None, description="When to send; empty (and no buyer_time): now.")
    buyer_time: dt.time | None = Field(
        None,
        description="Send at this time of day in the customer's zone, on their next working day that is "
        "not a public holiday there (e.g. 09:30). Needs `customer` (or `reply_to` with one).",
    )


class OutgoingOut(Schema):
    id: UUID
    mailbox: UUID
    subject: str
    to: list[list[str]]
    state: str = Field(description="scheduled, sending, sent, failed or cancelled.")
    send_at: dt.datetime
    sent_at: dt.datetime | None
    error: str
    customer: UUID | None


class MailTemplateIn(Input):
    name: text(120, required=True)
    language: text(10, required=True) = Field(description="e.g. en, zh-hans, de.")
    subject: text(300, required=True)
    body: text(100_000) = ""


class MailTemplateOut(Schema):
    id: UUID
    name: str
    language: str
    subject: str
    body: str


class MailTemplateFilledOut(Schema):
    subject: str
    body: str
