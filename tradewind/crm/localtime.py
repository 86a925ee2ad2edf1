"""A customer's local time, business hours and next public holiday (客户当地时间)."""

from __future__ import annotations

import bisect
import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

import holidays
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from django.utils import translation

from tradewind.core import geo


def zone_for(country: str, override: str = "") -> str:
    """The customer's zone: the override, else the country's main zone (CLDR order), else UTC."""
    if override:
        return override
    zones = geo.country_time_zones(country or "")
    return zones[0] if zones else "UTC"


# Holiday names in the reader's language where the holidays library has it (Chinese: for CN, HK, TW,
# RU …), else in English — not in the country's own language, which the library defaults to.
_HOLIDAY_LANGUAGES = {"zh-hans": ("zh_CN", "en_US"), "en": ("en_US",)}


@lru_cache(maxsize=256)
def _holiday_language(country: str, language: str) -> str | None:
    try:
        supported = holidays.country_holidays(country).supported_languages
    except NotImplementedError:
        return None
    wanted = _HOLIDAY_LANGUAGES.get(language, ("en_US",))
    return next((code for code in wanted if code in supported), None)


@lru_cache(maxsize=1024)
def _holidays(country: str, year: int, language: str) -> dict[dt.date, str]:
    try:
        found = holidays.country_holidays(country, years=year, language=_holiday_language(country, language))
    except NotImplementedError:  # a country the library does not know
        return {}
    return dict(found)


def _language() -> str:
    return (translation.get_language() or "en").lower()


def holiday_on(country: str, day: dt.date) -> str | None:
    return _holidays(country.upper(), day.year, _language()).get(day) if country else None


@lru_cache(maxsize=1024)
def _holidays_in_order(country: str, year: int, language: str) -> tuple[list[dt.date], list[str]]:
    ordered = sorted(_holidays(country, year, language).items())
    return [d for d, _name in ordered], [name for _d, name in ordered]


def next_holiday(country: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The next public holiday from today on (within a year), with its name."""
    if not country:
        return None
    for year in (today.year, today.year + 1):
        days, names = _holidays_in_order(country.upper(), year, _language())
        i = bisect.bisect_left(days, today)
        if i < len(days):
            return days[i], names[i]
    return None


@dataclass(frozen=True)
class LocalTime:
    now: dt.datetime
    zone: str
    business_hours: bool
    holiday_today: str | None
    next_holiday: tuple[dt.date, str] | None

    @property
    def clock(self) -> str:
        # Formatted here: a template would convert the datetime back to the reader's zone.
        return self.now.strftime("%H:%M")

    @property
    def weekday(self) -> int:
        return self.now.weekday()


@lru_cache(maxsize=512)
def weekend(country: str) -> frozenset[int]:
    """The country's weekend (Monday = 0) from CLDR: Saturday–Sunday mostly, Friday–Saturday in Saudi
    Arabia, Israel or Egypt, Friday alone in Iran, Sunday alone in India."""
    try:
        locale = Locale.parse(f"und_{country.upper()}")
    except (ValueError, TypeError, UnknownLocaleError):
        return frozenset({5, 6})
    days, day = {locale.weekend_start}, locale.weekend_start
    while day != locale.weekend_end:
        day = (day + 1) % 7
        days.add(day)
    return frozenset(days)


def business_days(country: str, settings) -> set[int]:
    """The days a customer there works: the workspace's days where the weekend is Saturday–Sunday, else
    every day but the country's weekend (a Saudi buyer works Sunday to Thursday)."""
    off = weekend(country) if country else frozenset({5, 6})
    return settings.business_weekdays if off == {5, 6} else set(range(7)) - off


def local_time(*, country: str, zone: str, settings, now: dt.datetime) -> LocalTime:
    local = now.astimezone(zoneinfo.ZoneInfo(zone or "UTC"))
    holiday = holiday_on(country, local.date())
    open_now = (
        local.weekday() in business_days(country, settings)
        and settings.business_start <= local.time() < settings.business_end
        and holiday is None
    )
    return LocalTime(
        now=local,
        zone=zone,
        business_hours=open_now,
        holiday_today=holiday,
        next_holiday=next_holiday(country, local.date()),
    )


_ZONE_COUNTRIES = get_global("zone_territories")  # Asia/Riyadh -> SA: whose weekend a zone keeps


def zones_in_business_hours(*, zones, settings, now: dt.datetime) -> set[str]:
    """Which of `zones` are inside business hours right now (holidays are checked per customer country)."""
    open_zones = set()
    for name in zones:
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        if (
            local.weekday() in business_days(_ZONE_COUNTRIES.get(name, ""), settings)
            and settings.business_start <= local.time() < settings.business_end
        ):
            open_zones.add(name)
    return open_zones


class LocalTimes:
    """local_time() for the customers of one page at one moment, computed once per (country, zone): a page
    of 400 follow-ups has a few dozen of them, and each costs a holiday look-up."""

    def __init__(self, *, settings, now: dt.datetime):
        self.settings = settings
        self.now = now
        self._known: dict[tuple[str, str], LocalTime] = {}

    def of(self, *, country: str, zone: str) -> LocalTime:
        key = (country, zone)
        if key not in self._known:
            self._known[key] = local_time(country=country, zone=zone, settings=self.settings, now=self.now)
        return self._known[key]


def next_business_moment(
    *, country: str, zone: str, settings, at: dt.time, after: dt.datetime, days: int = 30
) -> dt.datetime:
    """The first moment after `after` that is `at` o'clock in `zone` on a day the customer works — not
    their weekend, not one of their country's public holidays (an e-mail for "09:30 their time")."""
    tz = zoneinfo.ZoneInfo(zone or "UTC")
    local = after.astimezone(tz)
    working = business_days(country, settings)
    for offset in range(days + 1):
        day = local.date() + dt.timedelta(days=offset)
        moment = dt.datetime.combine(day, at, tzinfo=tz)
        if moment <= after or day.weekday() not in working or holiday_on(country, day):
            continue
        return moment
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), at, tzinfo=tz)
