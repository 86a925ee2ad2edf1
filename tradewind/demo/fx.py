"""Demo exchange rates: the currencies each demo workspace trades in, and the last 400 days of believable
rates on weekdays (as the ECB publishes them): a small random walk from a fixed day and seed, so a day has
the same rates whenever the demo is made, and the two workspaces' rates agree with each other."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tradewind.fx import services
from tradewind.fx.choices import RateSource
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.fx.rules import rate_from_file

DAYS = 400
SEED = 20261207
WALK_FROM = dt.date(2025, 1, 1)
# US dollars for one unit of each on WALK_FROM.
USD_PER = {
    "USD": Decimal("1"),
    "EUR": Decimal("1.04"),
    "GBP": Decimal("1.25"),
    "JPY": Decimal("0.0064"),
    "CNY": Decimal("0.137"),
}
# A day moves a currency at most this many basis points against the dollar (the yuan is kept on a tighter
# band, as it is).
DAILY_BP = {"EUR": 45, "GBP": 50, "JPY": 60, "CNY": 12}
# What each reporting currency's workspace quotes in besides it.
TRADING = {"USD": ["CNY", "EUR", "GBP", "JPY"], "EUR": ["CNY", "GBP", "USD"]}


def _walk(first: dt.date, last: dt.date) -> dict[dt.date, dict[str, Decimal]]:
    """USD for one unit of each currency, each weekday from `first` to `last`."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not a secret
    level = dict(USD_PER)
    days = {}
    day = WALK_FROM
    while day <= last:
        if day.weekday() < 5:
            for code, bp in DAILY_BP.items():
                level[code] *= 1 + Decimal(rng.randint(-bp, bp)) / 10_000
            if day >= first:
                days[day] = dict(level)
        day += dt.timedelta(days=1)
    return days


def demo_fx(*, workspace, entered_by) -> None:
    """The workspace's trading currencies and their rates, once: nothing is added to a workspace that
    trades in other currencies already."""
    if TradingCurrency.objects.filter(workspace=workspace).exists():
        return
    reporting = workspace.currency
    codes = TRADING.get(reporting, [])
    for code in codes:
        services.trading_currency_add(actor=entered_by, code=code)
    today = timezone.localdate()
    rates = []
    for day, usd_per in _walk(today - dt.timedelta(days=DAYS), today).items():
        for code in codes:
            rates.append(
                ExchangeRate(
                    workspace=workspace,
                    reporting_currency=reporting,
                    currency=code,
                    on=day,
                    rate=rate_from_file(usd_per[code] / usd_per[reporting]),
                    source=RateSource.ECB_CSV,
                    entered_by=entered_by,
                )
            )
    ExchangeRate.objects.bulk_create(rates, batch_size=500)
