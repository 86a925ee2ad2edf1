"""Countries, currencies and time zones, named in the user's language (Babel's CLDR data)."""

from __future__ import annotations

import zoneinfo
from decimal import Decimal
from functools import cache

import pycountry
from babel import Locale
from babel.core import get_global
from babel.numbers import format_currency, list_currencies
from django.utils import translation

# Django language code -> CLDR locale.
_BABEL_LOCALES = {"en": "en", "zh-hans": "zh_Hans"}


def babel_locale(language: str | None = None) -> str:
    language = (language or translation.get_language() or "en").lower()
    return _BABEL_LOCALES.get(language, "en")


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    # ISO 4217 codes in current use (pycountry), not historic ones Babel still knows.
    return frozenset(c.alpha_3 for c in pycountry.currencies) & frozenset(list_currencies())


@cache
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(babel_locale(language)).territories.get(code.upper(), code)


def currency_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(babel_locale(language)).currencies.get(code.upper(), code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _locale(babel_locale(language)).territories
    return sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda item: item[1])


def currency_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _locale(babel_locale(language)).currencies
    return sorted(((c, f"{c} — {names.get(c, c)}") for c in currency_codes()), key=lambda item: item[0])


def time_zone_choices() -> list[tuple[str, str]]:
    return [(tz, tz.replace("_", " ")) for tz in sorted(time_zones()) if "/" in tz or tz == "UTC"]


def country_time_zones(code: str) -> list[str]:
    """The zones of a country, main zone first (CLDR order)."""
    return list(get_global("territory_zones").get(code.upper(), []))


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    """Money in the reader's conventions, e.g. US$1,234.50 (en) / US$1,234.50 (zh)."""
    return format_currency(amount, currency, locale=babel_locale(language))
