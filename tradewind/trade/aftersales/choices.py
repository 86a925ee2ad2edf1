from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseType(models.TextChoices):
    """What the buyer complains about (GLOSSARY: after-sales / claim, 售后 / 索赔)."""

    QUALITY = "quality", _("Quality")
    SHORTAGE = "shortage", _("Shortage")
    DAMAGE = "damage", _("Damage")
    DELAY = "delay", _("Delay")
    WRONG_GOODS = "wrong_goods", _("Wrong goods")
    OTHER = "other", pgettext_lazy("case type", "Other")


class CaseStatus(models.TextChoices):
    """open → investigating → awaiting buyer → resolved / rejected. The three open ones may follow each
    other in any order (the buyer answers, we look again); a case is resolved or rejected only with its
    resolution recorded, and stays so."""

    OPEN = "open", pgettext_lazy("case", "Open")
    INVESTIGATING = "investigating", _("Investigating")
    AWAITING_BUYER = "awaiting_buyer", _("Awaiting the buyer")
    RESOLVED = "resolved", pgettext_lazy("case", "Resolved")
    REJECTED = "rejected", pgettext_lazy("case", "Rejected")


OPEN_STATUSES = (CaseStatus.OPEN, CaseStatus.INVESTIGATING, CaseStatus.AWAITING_BUYER)
CLOSED_STATUSES = (CaseStatus.RESOLVED, CaseStatus.REJECTED)


class Resolution(models.TextChoices):
    """How a case ends. A credit note is deducted from the buyer's next order; the claim is rejected with
    no money agreed."""

    CREDIT_NOTE = "credit_note", _("Credit note on the next order")
    REPLACEMENT = "replacement", _("Replacement")
    REFUND = "refund", _("Refund")
    REJECTED = "rejected", _("Rejected")


# Resolutions that must name the money agreed; a replacement may (the goods' value), a rejection may not.
AMOUNT_REQUIRED = (Resolution.CREDIT_NOTE, Resolution.REFUND)


class AftersalesAuditAction(models.TextChoices):
    SETTINGS_CHANGED = "aftersales_settings_changed", _("Changed the after-sales rules")
    ABOVE_CLAIM = "aftersales_above_claim", _("Agreed more than the buyer claimed on an after-sales case")
    CREDIT_APPLIED = "aftersales_credit_applied", _("Applied a credit note to an order")
