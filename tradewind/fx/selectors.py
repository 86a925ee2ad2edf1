"""Reading the rate table: the history, filtered, and each trading currency with its latest rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery

from tradewind.fx.models import ExchangeRate, TradingCurrency


@dataclass
class RateFilters:
    currency: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def rate_list(*, membership, filters: RateFilters) -> QuerySet[ExchangeRate]:
    """The workspace's rates into its reporting currency, newest day first, then by currency."""
    workspace = membership.workspace
    rates = ExchangeRate.objects.filter(
        workspace_id=workspace.pk, reporting_currency=workspace.currency
    ).select_related("entered_by__user")
    if filters.currency:
        rates = rates.filter(currency=filters.currency)
    if filters.date_from:
        rates = rates.filter(on__gte=filters.date_from)
    if filters.date_to:
        rates = rates.filter(on__lte=filters.date_to)
    return rates.order_by("-on", "currency")


@dataclass
class CurrencyState:
    """A trading currency and its latest rate up to `today` (None when it has none); `stale`: that rate is
    too old to be used for a document dated `today`."""

    code: str
    latest_rate: Decimal | None
    latest_on: dt.date | None
    stale: bool


def currency_states(*, workspace, today: dt.date) -> list[CurrencyState]:
    """The workspace's trading currencies by code, each with the rate a document dated `today` would use
    (or the last one before, if too old) — in one query."""
    latest = ExchangeRate.objects.filter(
        workspace_id=workspace.pk,
        reporting_currency=workspace.currency,
        currency=OuterRef("code"),
        on__lte=today,
    ).order_by("-on")
    rows = (
        TradingCurrency.objects.filter(workspace_id=workspace.pk)
        .exclude(code=workspace.currency)
        .annotate(
            latest_rate=Subquery(latest.values("rate")[:1]), latest_on=Subquery(latest.values("on")[:1])
        )
        .order_by("code")
        .values_list("code", "latest_rate", "latest_on")
    )
    oldest_usable = today - dt.timedelta(days=settings.FX_RATE_MAX_AGE_DAYS)
    return [CurrencyState(code, rate, on, on is None or on < oldest_usable) for code, rate, on in rows]


def rates_of_other_reporting_currencies(*, workspace) -> int:
    """Rates kept from before the workspace changed its reporting currency (not used any more)."""
    return (
        ExchangeRate.objects.filter(workspace_id=workspace.pk)
        .exclude(reporting_currency=workspace.currency)
        .count()
    )
