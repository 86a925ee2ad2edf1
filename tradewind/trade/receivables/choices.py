from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReceiptStatus(models.TextChoices):
    RECORDED = "recorded", pgettext_lazy("receipt", "Recorded")
    REVERSED = "reversed", pgettext_lazy("receipt", "Reversed")


class MilestoneState(models.TextChoices):
    """Where a payment milestone stands today."""

    PAID = "paid", pgettext_lazy("milestone", "Paid")
    DUE = "due", pgettext_lazy("milestone", "Due")  # has a due date not passed yet
    OVERDUE = "overdue", pgettext_lazy("milestone", "Overdue")
    WAITING = "waiting", _("Waiting for its trigger")  # no due date yet (no B/L, no ETD …)


class AgeingBucket(models.TextChoices):
    """How long an open amount is past its due date, in days (finance's ageing report)."""

    NOT_DUE = "not_due", _("Not due")
    DAYS_1_30 = "1_30", _("1–30 days")
    DAYS_31_60 = "31_60", _("31–60 days")
    DAYS_61_90 = "61_90", _("61–90 days")
    OVER_90 = "over_90", _("Over 90 days")


class ReceivablesAuditAction(models.TextChoices):
    RECEIPT_REVERSED = "receipt_reversed", _("Reversed a receipt")
    OVERPAYMENT_KEPT = "receipt_overpayment_kept", _("Kept an over-payment as credit")
    SETTINGS_CHANGED = "receivables_settings_changed", _("Changed the receivables settings")
