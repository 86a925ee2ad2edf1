from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InquiryStatus(models.TextChoices):
    """new → assigned → quoted → won / lost; or closed as spam or as a duplicate of another inquiry."""

    NEW = "new", pgettext_lazy("inquiry", "New")
    ASSIGNED = "assigned", pgettext_lazy("inquiry", "Assigned")
    QUOTED = "quoted", pgettext_lazy("inquiry", "Quoted")
    WON = "won", pgettext_lazy("inquiry", "Won")
    LOST = "lost", pgettext_lazy("inquiry", "Lost")
    SPAM = "spam", pgettext_lazy("inquiry", "Spam")
    DUPLICATE = "duplicate", pgettext_lazy("inquiry", "Duplicate")


OPEN_STATUSES = (InquiryStatus.NEW, InquiryStatus.ASSIGNED, InquiryStatus.QUOTED)
CLOSED_STATUSES = (InquiryStatus.WON, InquiryStatus.LOST, InquiryStatus.SPAM, InquiryStatus.DUPLICATE)
# What may be opened again: a lost or wrongly closed inquiry. A won one has an order behind it.
REOPENABLE = (InquiryStatus.LOST, InquiryStatus.SPAM, InquiryStatus.DUPLICATE)


class AssignmentMode(models.TextChoices):
    """Who gets an inquiry whose customer has no owner (routes by country or product category first)."""

    ROUND_ROBIN = "round_robin", _("The customer's owner, else round-robin among the chosen reps")
    POOL = "pool", _("The customer's owner, else the inquiry pool")


class CreatedVia(models.TextChoices):
    APP = "app", _("Entered in Tradewind")
    API = "api", _("API")
    INTAKE = "intake", _("Website form (intake)")
    EMAIL = "email", _("E-mail to an inquiry mailbox")


class Closing(models.TextChoices):
    """How an inquiry is closed without a sale decision."""

    SPAM = "spam", _("Spam")
    DUPLICATE = "duplicate", _("Duplicate of another inquiry")


DEFAULT_LOST_REASONS = (
    _("Price too high"),
    _("Lead time too long"),
    _("Chose a competitor"),
    _("Product does not fit"),
    _("No reply from buyer"),
    _("Other"),
)


class InquiryAuditAction(models.TextChoices):
    SETTINGS_CHANGED = "inquiry_settings_changed", _("Changed the inquiry rules")
    INTAKE_TOKEN_REGENERATED = "intake_token_regenerated", _("Made a new inquiry intake token")
    INTAKE_TOKEN_REVOKED = "intake_token_revoked", _("Switched the inquiry intake off")
