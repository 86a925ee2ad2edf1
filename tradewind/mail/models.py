"""Mailboxes and the messages synced from them.

A message is stored once per mailbox, keyed by its Message-ID (or, lacking one, a digest of its headers):
the same e-mail in Inbox and in another synced folder, or fetched again after a crash or a UIDVALIDITY
change, is the same row. Each folder remembers its UIDVALIDITY and the last UID stored, so a sync asks the
server only for what is new.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.mail.choices import Direction, MailboxKind, OutgoingState, Security, SyncState

ADDRESS_LENGTH = 254


class Mailbox(WorkspaceOwnedModel):
    kind = models.CharField(
        _("kind"), max_length=10, choices=MailboxKind.choices, default=MailboxKind.PERSONAL
    )
    # A personal mailbox's member; a shared one's readers are MailboxReader rows (its owner is who set it up).
    owner = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="mailboxes")
    address = models.EmailField(_("e-mail address"), max_length=ADDRESS_LENGTH)
    display_name = models.CharField(_("name shown to recipients"), max_length=120, blank=True)
    provider = models.CharField(_("provider"), max_length=20, blank=True)
    imap_host = models.CharField(_("IMAP server"), max_length=200)
    imap_port = models.PositiveIntegerField(_("IMAP port"))
    imap_security = models.CharField(_("IMAP security"), max_length=10, choices=Security.choices)
    smtp_host = models.CharField(_("SMTP server"), max_length=200)
    smtp_port = models.PositiveIntegerField(_("SMTP port"))
    smtp_security = models.CharField(_("SMTP security"), max_length=10, choices=Security.choices)
    username = models.CharField(_("user name"), max_length=ADDRESS_LENGTH)
    password_sealed = models.TextField()  # core/sealed.py: never shown again, never logged
    # A server whose certificate no authority signed (an in-house server): refused unless an administrator
    # allows it for this mailbox.
    allow_self_signed = models.BooleanField(_("accept a self-signed certificate"), default=False)
    sync_folders = models.JSONField(_("folders to sync"), default=list)
    sync_since = models.DateField(_("sync mail from"))
    state = models.CharField(max_length=10, choices=SyncState.choices, default=SyncState.NEW)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    signature = models.TextField(_("signature"), blank=True)
    # An inquiry@ mailbox: e-mails that start a thread in its inbox from then on become inquiries (None: off).
    inquiries_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "owner", "address"], name="mailbox_once_per_owner"),
        ]
        ordering = ["address"]

    def __str__(self):
        return self.address

    @property
    def sent_folder(self) -> str:
        """Where sent mail is filed: the second synced folder (the connection puts the one found there)."""
        return self.sync_folders[1] if len(self.sync_folders) > 1 else ""


class MailboxReader(WorkspaceOwnedModel):
    """Who may read a shared mailbox: everyone of a role, or one member."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="readers")
    role = models.CharField(_("role"), max_length=20, blank=True)
    membership = models.ForeignKey("workspaces.Membership", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="") & models.Q(membership__isnull=False))
                | (~models.Q(role="") & models.Q(membership__isnull=True)),
                name="mailbox_reader_role_or_member",
            ),
        ]


class MailFolder(WorkspaceOwnedModel):
    """A synced folder's bookkeeping: the UIDVALIDITY it was read under and the last UID stored."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="folders")
    name = models.CharField(max_length=300)  # as the server names it (modified UTF-7 decoded)
    uidvalidity = models.BigIntegerField(null=True)
    last_uid = models.BigIntegerField(default=0)
    synced_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mailbox", "name"], name="mail_folder_unique")]

    def __str__(self):
        return self.name


class MailThread(WorkspaceOwnedModel):
    """Messages that answer one another (References / In-Reply-To), or share a subject with no link."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="threads")
    subject = models.CharField(max_length=300, blank=True)
    subject_key = models.CharField(max_length=300, blank=True)  # without Re:/Fwd:/回复:, casefolded
    customer = models.ForeignKey(
        "crm.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="mail_threads"
    )
    last_message_at = models.DateTimeField(db_index=True)
    message_count = models.PositiveIntegerField(default=0)
    inquiry = models.ForeignKey(
        "inquiries.Inquiry", null=True, blank=True, on_delete=models.SET_NULL, related_name="mail_threads"
    )

    class Meta:
        indexes = [models.Index(fields=["mailbox", "subject_key"], name="mail_thread_subject")]

    def __str__(self):
        return self.subject


class MailMessage(WorkspaceOwnedModel):
    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="messages")
    thread = models.ForeignKey(MailThread, on_delete=models.CASCADE, related_name="messages")
    key = models.CharField(max_length=300)  # the Message-ID, or a digest of the headers lacking one
    folder = models.CharField(max_length=300)  # where it was found first
    uid = models.BigIntegerField(null=True)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    from_address = models.CharField(max_length=ADDRESS_LENGTH, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    to = models.JSONField(default=list)  # [[name, address], …]
    cc = models.JSONField(default=list)
    subject = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(db_index=True)
    in_reply_to = models.CharField(max_length=300, blank=True)
    references = models.TextField(blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)  # sanitised (parsing.py); remote images only on request
    has_remote_images = models.BooleanField(default=False)
    snippet = models.CharField(max_length=300, blank=True)
    size = models.PositiveIntegerField(default=0)
    customer = models.ForeignKey(
        "crm.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="mail_messages"
    )
    # What could not be read (a malformed MIME part, an unknown charset): the message is kept, with this.
    parse_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["mailbox", "key"], name="mail_message_once")]
        indexes = [models.Index(fields=["customer", "-sent_at"], name="mail_message_customer")]

    def __str__(self):
        return self.subject


class MailAttachment(WorkspaceOwnedModel):
    message = models.ForeignKey(MailMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    content_id = models.CharField(max_length=300, blank=True)  # an image the HTML shows inline

    class Meta:
        ordering = ["id"]


class MailTemplate(WorkspaceOwnedModel):
    """A reusable e-mail with {{ variables }} (templates.py lists them), in one language."""

    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name", "language"], name="mail_template_unique")
        ]

    def __str__(self):
        return self.name


class OutgoingMail(WorkspaceOwnedModel):
    """An e-mail written in Tradewind, sent by the worker now or at a chosen moment — exactly once: its
    Message-ID is fixed when it is written, and a send interrupted after the server took it is recognised
    in the Sent folder by that id instead of being sent again (services/sending.py)."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="outgoing")
    author = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        "crm.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="outgoing_mail"
    )
    reply_to = models.ForeignKey(
        MailMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message_id = models.CharField(max_length=300, unique=True)
    to = models.JSONField(default=list)  # [[name, address], …]
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    state = models.CharField(max_length=10, choices=OutgoingState.choices, default=OutgoingState.SCHEDULED)
    send_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-send_at", "-id"]

    def __str__(self):
        return self.subject


class OutgoingAttachment(WorkspaceOwnedModel):
    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
