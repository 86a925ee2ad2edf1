from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Security(models.TextChoices):
    """How a connection to a mail server is protected."""

    TLS = "tls", _("SSL/TLS from the start")
    STARTTLS = "starttls", _("STARTTLS")
    NONE = "none", _("None (only inside a trusted network)")


class MailboxKind(models.TextChoices):
    PERSONAL = "personal", _("My mailbox")
    SHARED = "shared", _("Shared mailbox (sales@, info@)")


class SyncState(models.TextChoices):
    NEW = "new", _("Not synced yet")
    OK = "ok", _("Synced")
    FAILING = "failing", _("Failing")
    PAUSED = "paused", _("Paused")


class Direction(models.TextChoices):
    RECEIVED = "in", pgettext_lazy("e-mail direction", "Received")
    SENT = "out", pgettext_lazy("e-mail direction", "Sent")


class MailAuditAction(models.TextChoices):
    MAILBOX_CONNECTED = "mail_mailbox_connected", _("Connected a mailbox")
    MAILBOX_CHANGED = "mail_mailbox_changed", _("Changed a mailbox's settings")
    MAILBOX_REMOVED = "mail_mailbox_removed", _("Removed a mailbox")


class OutgoingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not sent")
    CANCELLED = "cancelled", _("Cancelled")
