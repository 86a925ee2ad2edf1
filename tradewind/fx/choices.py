from django.db import models
from django.utils.translation import gettext_lazy as _


class RateSource(models.TextChoices):
    """Where a rate came from: typed in by finance, or read from the European Central Bank's CSV."""

    MANUAL = "manual", _("Entered by hand")
    ECB_CSV = "ecb_csv", _("ECB file")


class FxAuditAction(models.TextChoices):
    """Changes to the rate table are audited: a quotation's converted total depends on them."""

    CURRENCY_ADDED = "fx_currency_added", _("Added a trading currency")
    CURRENCY_REMOVED = "fx_currency_removed", _("Removed a trading currency")
    RATE_SET = "fx_rate_set", _("Set an exchange rate")
    RATE_DELETED = "fx_rate_deleted", _("Deleted an exchange rate")
    RATES_IMPORTED = "fx_rates_imported", _("Imported exchange rates")
