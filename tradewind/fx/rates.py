"""Converting money into the workspace's reporting currency, with the rate on a document's date — what
quotations, PIs, orders and reports call. Read-only: the rate table is written by fx/services.py.

A rate is units of the reporting currency for ONE unit of the other currency (1 EUR = 1.0512 USD). The rate
used for a day is the latest one on or before it, at most `FX_RATE_MAX_AGE_DAYS` older (the ECB publishes
none on weekends and holidays); an older one is not used, and the caller is told so in the reader's
language (`RateMissing`). Amounts in different currencies are never added: `money_totals` gives one
subtotal per currency and the converted sum with the rates it used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradewind.core.errors import ValidationFailed
from tradewind.core.money import Money, currency_codes
from tradewind.fx.models import ExchangeRate, TradingCurrency

ONE = Decimal(1)


@dataclass(frozen=True)
class RateUsed:
    """The rate a conversion used: 1 `currency` = `rate` `reporting_currency`, the rate of the day `on`
    (which may be some days before the document's date). `source` is a RateSource value, or "" when the
    currency is the reporting currency itself (rate 1)."""

    currency: str
    rate: Decimal
    on: dt.date
    source: str
    reporting_currency: str = ""


class RateMissing(ValidationFailed):
    """No usable rate for a currency on a date: nothing may be converted (and nothing is changed)."""

    code = "rate_missing"

    def __init__(self, message, *, currency: str, reporting_currency: str, on: dt.date):
        super().__init__(message, field="currency")
        self.currency, self.reporting_currency, self.on = currency, reporting_currency, on


# --- the workspace's currencies ---------------------------------------------------------------------------


def trading_currencies(workspace) -> list[str]:
    """The currencies the workspace trades in besides its reporting currency, by code."""
    codes = TradingCurrency.objects.filter(workspace_id=workspace.pk).values_list("code", flat=True)
    return sorted(set(codes) - {workspace.currency})


def workspace_currencies(workspace) -> list[str]:
    """The currencies the workspace quotes and invoices in: its reporting currency first, then the trading
    currencies by code."""
    return [workspace.currency, *trading_currencies(workspace)]


def currency_require_used(workspace, code: str) -> str:
    """`code` (any case) if the workspace trades in it; else a ValidationFailed saying who can add it."""
    code = (code or "").strip().upper()
    if code == workspace.currency or (
        code in currency_codes()
        and TradingCurrency.objects.filter(workspace_id=workspace.pk, code=code).exists()
    ):
        return code
    raise ValidationFailed(
        _(
            "The workspace does not trade in %(currency)s; an admin or finance can add it under "
            "Exchange rates."
        )
        % {"currency": code or "—"},
        field="currency",
    )


# --- one rate ----------------------------------------------------------------------------------------------


def _rates(workspace, currency: str):
    return ExchangeRate.objects.filter(
        workspace_id=workspace.pk, reporting_currency=workspace.currency, currency=currency
    )


def _missing(workspace, currency: str, on: dt.date, max_age: int) -> RateMissing:
    names = {"from": currency, "to": workspace.currency, "date": date_format(on), "days": max_age}
    older = _rates(workspace, currency).filter(on__lt=on).order_by("-on").values_list("on", flat=True).first()
    if older is not None:
        message = ngettext(
            "The latest %(from)s → %(to)s exchange rate is of %(latest)s, more than %(days)d day before "
            "%(date)s. Finance can enter a newer one under Exchange rates.",
            "The latest %(from)s → %(to)s exchange rate is of %(latest)s, more than %(days)d days before "
            "%(date)s. Finance can enter a newer one under Exchange rates.",
            max_age,
        ) % {**names, "latest": date_format(older)}
    elif max_age:
        message = (
            ngettext(
                "No %(from)s → %(to)s exchange rate on or up to %(days)d day before %(date)s. Finance can "
                "enter one under Exchange rates.",
                "No %(from)s → %(to)s exchange rate on or up to %(days)d days before %(date)s. Finance can "
                "enter one under Exchange rates.",
                max_age,
            )
            % names
        )
    else:
        message = (
            _("No %(from)s → %(to)s exchange rate on %(date)s. Finance can enter one under Exchange rates.")
            % names
        )
    return RateMissing(message, currency=currency, reporting_currency=workspace.currency, on=on)


def rate_lookup(workspace, currency: str, on: dt.date) -> RateUsed:
    """The rate of `currency` into the workspace's reporting currency for the day `on`: 1 for the reporting
    currency itself; else the latest rate on or before `on`, at most FX_RATE_MAX_AGE_DAYS older. Raises
    RateMissing (a ValidationFailed with the message for the reader) when there is none."""
    currency = (currency or "").strip().upper()
    reporting = workspace.currency
    if currency == reporting:
        return RateUsed(currency, ONE, on, "", reporting)
    if currency not in currency_codes():
        raise ValidationFailed(_("Use a three-letter currency code, e.g. USD, EUR."), field="currency")
    max_age = settings.FX_RATE_MAX_AGE_DAYS
    found = (
        _rates(workspace, currency)
        .filter(on__lte=on, on__gte=on - dt.timedelta(days=max_age))
        .order_by("-on")
        .values_list("rate", "on", "source")
        .first()
    )
    if found is None:
        raise _missing(workspace, currency, on, max_age)
    rate, rate_on, source = found
    return RateUsed(currency, rate, rate_on, source, reporting)


def money_convert(money: Money, *, workspace, on: dt.date) -> tuple[Money, RateUsed]:
    """`money` in the workspace's reporting currency at the rate for `on`, rounded to that currency's minor
    units (JPY none, KWD three), and the rate used. Raises RateMissing when there is no usable rate."""
    rate = rate_lookup(workspace, money.currency, on)
    return Money(money.amount * rate.rate, workspace.currency).rounded(), rate


# --- sums --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TotalLine:
    """One currency of a sum: its subtotal and, when there is a rate, that subtotal converted."""

    subtotal: Money
    converted: Money | None
    rate: RateUsed | None


@dataclass(frozen=True)
class Totals:
    """A sum that never adds two currencies: `lines` (one a currency: the reporting currency first, then by
    code) and `converted`, the sum of the converted subtotals in the reporting currency — None when a
    currency had no usable rate (`missing` names those). `rates` are the rates used (not the reporting
    currency's own 1)."""

    reporting_currency: str
    on: dt.date
    lines: list[TotalLine] = field(default_factory=list)
    converted: Money | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def subtotals(self) -> list[Money]:
        return [line.subtotal for line in self.lines]

    @property
    def rates(self) -> list[RateUsed]:
        return [
            line.rate for line in self.lines if line.rate and line.rate.currency != self.reporting_currency
        ]

    @property
    def single_currency(self) -> bool:
        """All amounts in one currency: its subtotal is the total, no conversion to show."""
        return len(self.lines) <= 1


def money_totals(amounts: Iterable[Money], *, workspace, on: dt.date) -> Totals:
    """Subtotals per currency of `amounts`, and their sum converted into the reporting currency with the
    rates for `on`: each currency's subtotal is converted and rounded once, so the total is the sum of the
    converted lines a reader sees. A missing rate is not an error here (a list still shows its subtotals):
    the converted total is None and `missing` names the currencies without a rate."""
    reporting = workspace.currency
    by_currency: dict[str, Money] = {}
    for amount in amounts:
        by_currency[amount.currency] = by_currency.get(amount.currency, Money.zero(amount.currency)) + amount
    order = sorted(by_currency, key=lambda code: (code != reporting, code))
    lines, missing = [], []
    for code in order:
        subtotal = by_currency[code]
        try:
            converted, rate = money_convert(subtotal, workspace=workspace, on=on)
        except RateMissing:
            lines.append(TotalLine(subtotal, None, None))
            missing.append(code)
        else:
            lines.append(TotalLine(subtotal, converted, rate))
    total = None
    if not missing:
        total = sum((line.converted for line in lines), Money.zero(reporting))
    return Totals(reporting_currency=reporting, on=on, lines=lines, converted=total, missing=missing)
