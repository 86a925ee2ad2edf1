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
    messages: list[MailMessageFullOut]
