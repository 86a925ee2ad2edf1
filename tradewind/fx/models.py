"""Exchange rates per workspace: the currencies it trades in and a dated table of rates into its reporting
currency (`Workspace.currency`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import validate_currency
from tradewind.fx.choices import RateSource

RATE_MAX_DIGITS = 20
RATE_PLACES = 10
RATE_QUANTUM = Decimal(1).scaleb(-RATE_PLACES)


class TradingCurrency(WorkspaceOwnedModel):
    """A currency the workspace quotes and invoices in besides its reporting currency."""

    code = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    added_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "code"], name="trading_currency_unique_code"),
        ]

    def __str__(self):
        return self.code


class ExchangeRate(WorkspaceOwnedModel):
    """`rate` units of `reporting_currency` buy ONE unit of `currency` on the day `on` (1 EUR = 1.0512 USD:
    currency EUR, reporting currency USD, rate 1.0512).

    `reporting_currency` is the workspace's reporting currency when the rate was entered: the unit the rate
    is in. Should the workspace change its reporting currency, the old rates stay but are not used (they
    would convert into the wrong currency)."""

    reporting_currency = models.CharField(_("reporting currency"), max_length=3)
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    on = models.DateField(_("date"))
    rate = models.DecimalField(_("rate"), max_digits=RATE_MAX_DIGITS, decimal_places=RATE_PLACES)
    source = models.CharField(
        _("source"), max_length=10, choices=RateSource.choices, default=RateSource.MANUAL
    )
    entered_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "currency"]
        constraints = [
            # One rate a currency a day. Its index is also the look-up's: "the latest EUR rate on or before
            # 5 Dec" is a backward scan of (workspace, reporting currency, currency, on).
            models.UniqueConstraint(
                fields=["workspace", "reporting_currency", "currency", "on"], name="exchange_rate_unique_day"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]
        indexes = [
            # The history, newest first, of every currency at once (filtered by dates or not).
            models.Index(fields=["workspace", "reporting_currency", "-on"], name="exchange_rate_by_day"),
        ]

    def __str__(self):
        return f"{self.on} 1 {self.currency} = {self.rate} {self.reporting_currency}"
