"""Countries and time zones, named in the user's language (Babel's CLDR data); currencies are in money.py."""

from __future__ import annotations

import zoneinfo
from functools import cache

import pycountry
from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
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
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(babel_locale(language)).territories.get(code.upper(), code)


def country_choices(language: str | None = None) -> tuple[tuple[str, str], ...]:
    return _country_choices(babel_locale(language))


# Built once per language: every form with a country box asked for 250 names and sorted them.
@cache
def _country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    names = _locale(locale).territories
    return tuple(sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda item: item[1]))


def time_zone_choices(language: str | None = None) -> tuple[tuple[str, str], ...]:
    return _time_zone_choices(babel_locale(language))


@cache
def _time_zone_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """The current names only (not the old aliases the database keeps, such as Africa/Timbuktu or
    Asia/Calcutta, still accepted when stored), each with its city in the reader's language:
    "America/Chicago — 芝加哥"."""
    aliases = get_global("zone_aliases")
    choices = []
    for zone in sorted(time_zones()):
        if (
            zone in aliases
            or not ("/" in zone or zone == "UTC")
            or zone.startswith(("Etc/", "SystemV/", "US/"))
        ):
            continue
        label = zone.replace("_", " ")
        city = get_timezone_location(zone, locale=locale, return_city=True)
        if city and city not in label:
            label = f"{label} — {city}"
        choices.append((zone, label))
    return tuple(choices)


# The zone most of a country's business happens in, for the countries with several. CLDR's list of a
# country's zones has no meaningful order (America/Adak would come first for the US).
MAIN_ZONES = {
    "AQ": "Antarctica/McMurdo", "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo", "CA": "America/Toronto", "CD": "Africa/Kinshasa", "CL": "America/Santiago",
    "CN": "Asia/Shanghai", "CY": "Asia/Nicosia", "DE": "Europe/Berlin", "EC": "America/Guayaquil",
    "ES": "Europe/Madrid", "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa", "KZ": "Asia/Almaty", "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City", "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby", "PS": "Asia/Gaza", "PT": "Europe/Lisbon", "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv", "UM": "Pacific/Wake", "US": "America/New_York", "UZ": "Asia/Tashkent",
}  # fmt: skip


def country_time_zones(code: str) -> list[str]:
    """The zones of a country, its main business zone first."""
    zones = list(get_global("territory_zones").get(code.upper(), []))
    main = MAIN_ZONES.get(code.upper())
    if main:
        zones = [main] + [z for z in zones if z != main]
    return zones
