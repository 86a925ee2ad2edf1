"""What a rate may be: the checks the services make on what a form, the API or a file gives them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.core.money import currency_codes
from tradewind.core.numbers import decimal_number
from tradewind.fx.models import RATE_MAX_DIGITS, RATE_PLACES

# A rate is positive and below a billion (IDR or IRR for one KWD are tens of thousands to millions).
RATE_MIN = Decimal(1).scaleb(-RATE_PLACES)
RATE_MAX = Decimal(10) ** (RATE_MAX_DIGITS - RATE_PLACES - 1) - RATE_MIN
# Rates from a file are worth about as many digits as the file gives (ECB: five or six); ten significant
# digits keep every cross rate exact enough and within what SQLite's REAL stores exactly (15).
SIGNIFICANT_DIGITS = 10
EARLIEST = dt.date(1970, 1, 1)
# A rate may be entered ahead: a company that fixes next month's rate does so in the last days of this one.
DAYS_AHEAD = 31
# A new rate this far from the nearest one within a month is asked to be confirmed: the usual slip is the
# rate the wrong way round, and for EUR/USD at 1.05 that is only 9 % off; a month rarely moves 5 %.
UNUSUAL_CHANGE = Decimal("0.05")
UNUSUAL_WINDOW_DAYS = 31


def currency_clean(code) -> str:
    code = str(code or "").strip().upper()
    if code not in currency_codes():
        raise ValidationFailed(_("Use a three-letter currency code, e.g. USD, EUR."), field="currency")
    return code


def rate_clean(value: Decimal | str | None) -> Decimal:
    errors: list = []
    rate = decimal_number(
        value,
        "rate",
        (RATE_MIN, RATE_MAX),
        RATE_PLACES,
        _("A rate is a number above 0 and below 1,000,000,000."),
        errors,
    )
    if errors:
        raise ValidationFailed.all_of(errors)
    if rate is None:
        raise ValidationFailed(_("Enter the rate."), field="rate")
    return rate


def rate_date_clean(on) -> dt.date:
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationFailed(_("Enter the date of the rate."), field="on")
    latest = timezone.localdate() + dt.timedelta(days=DAYS_AHEAD)
    if not EARLIEST <= on <= latest:
        raise ValidationFailed(
            _("A rate's date is between %(first)s and %(last)s.")
            % {"first": date_format(EARLIEST), "last": date_format(latest)},
            field="on",
        )
    return on


def rate_from_file(value: Decimal) -> Decimal | None:
    """A computed rate at SIGNIFICANT_DIGITS and at most RATE_PLACES decimals; None when out of bounds."""
    if not value.is_finite() or value <= 0:
        return None
    places = min(RATE_PLACES, SIGNIFICANT_DIGITS - 1 - value.adjusted())
    rate = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rate if RATE_MIN <= rate <= RATE_MAX else None


def rate_display(rate: Decimal) -> str:
    """The rate without trailing zeros and never in exponent notation: 1.0512, 7, 0.0066812345."""
    return f"{rate.normalize():f}"


def change_is_unusual(rate: Decimal, nearby: Decimal) -> bool:
    return abs(rate - nearby) > nearby * UNUSUAL_CHANGE
