from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    PROSPECT = "prospect", _("Prospect")
    CUSTOMER = "customer", pgettext_lazy("stage", "Customer")  # 成交客户; the label "Customer" is 客户
    DORMANT = "dormant", _("Dormant")


class Source(models.TextChoices):
    ALIBABA = "alibaba", "Alibaba.com"
    MADE_IN_CHINA = "made_in_china", "Made-in-China"
    GLOBAL_SOURCES = "global_sources", "Global Sources"
    WEBSITE = "website", _("Own website")
    TRADE_FAIR = "trade_fair", _("Trade fair")
    REFERRAL = "referral", _("Referral")
    COLD_OUTREACH = "cold_outreach", _("Cold outreach")
    CUSTOMS_DATA = "customs_data", _("Customs data")
    OTHER = "other", _("Other")


class PriceSensitivity(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Channel(models.TextChoices):
    """How an interaction happened (a timeline entry's kind)."""

    NOTE = "note", _("Note")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting / video call")
    VISIT = "visit", _("Visit")
    WHATSAPP = "whatsapp", "WhatsApp"
    WECHAT = "wechat", _("WeChat")
    OWNERSHIP = "ownership", _("Ownership change")
    MERGE = "merge", _("Merge")
    SYSTEM = "system", _("System")


# Channels a person logs as a contact with the customer (they reset the follow-up clock).
CONTACT_CHANNELS = (
    Channel.CALL,
    Channel.EMAIL,
    Channel.MEETING,
    Channel.VISIT,
    Channel.WHATSAPP,
    Channel.WECHAT,
)


class DuplicatePolicy(models.TextChoices):
    WARN = "warn", _("Warn, let the rep decide")
    BLOCK = "block", _("Block exact duplicates of another rep's customer")


# Incoterms and the other words of the trade itself (payment methods, containers) are in core/trade.py.


class CrmAuditAction(models.TextChoices):
    CUSTOMER_CLAIMED = "customer_claimed", _("Claimed a customer from the pool")
    CUSTOMER_RELEASED = "customer_released", _("Released a customer to the pool")
    CUSTOMER_ASSIGNED = "customer_assigned", _("Assigned a customer")
    CUSTOMER_RETURNED = "customer_returned", _("Customer returned to the pool")
    CUSTOMERS_HANDED_OVER = "customers_handed_over", _("Handed over customers")
    CUSTOMERS_MERGED = "customers_merged", _("Merged customers")
    EXPORT = "export", _("Exported data")
    IMPORT_DISCARDED = "import_discarded", _("Discarded an import")
