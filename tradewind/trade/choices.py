from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuotationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("quotation", "Draft")
    PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("quotation", "Approved")
    SENT = "sent", pgettext_lazy("quotation", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("quotation", "Accepted")
    DECLINED = "declined", pgettext_lazy("quotation", "Declined")
    EXPIRED = "expired", pgettext_lazy("quotation", "Expired")
    SUPERSEDED = "superseded", _("Replaced by a revision")


# Open: the buyer may still say yes; what a pipeline sums.
OPEN_QUOTATION = (
    QuotationStatus.DRAFT,
    QuotationStatus.PENDING_APPROVAL,
    QuotationStatus.APPROVED,
    QuotationStatus.SENT,
)
EDITABLE_QUOTATION = (QuotationStatus.DRAFT, QuotationStatus.APPROVED)


class OrderStatus(models.TextChoices):
    PROFORMA = "proforma", _("Proforma sent, awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("order", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("order", "Cancelled")


class PaymentEvent(models.TextChoices):
    """When a payment milestone falls due (the words of payment terms on a PI)."""

    DEPOSIT = "deposit", _("in advance (deposit)")
    BEFORE_SHIPMENT = "before_shipment", _("before shipment")
    AGAINST_BL_COPY = "against_bl_copy", _("against copy of B/L")
    AT_SIGHT = "at_sight", _("at sight")
    DAYS_AFTER_BL = "days_after_bl", _("days after B/L date")
    DAYS_AFTER_INVOICE = "days_after_invoice", _("days after invoice date")
    ON_DELIVERY = "on_delivery", _("on delivery")


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", "English"
    CHINESE = "zh-hans", "中文"


class TradeAuditAction(models.TextChoices):
    SETTINGS_CHANGED = "trade_settings_changed", _("Changed the sales settings")
