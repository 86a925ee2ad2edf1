"""Business-hours arithmetic: "24 business hours after Friday 17:00" and "how many business hours passed".

A calendar is a time zone, the opening hours of a working day, the weekdays that are working days and,
optionally, a country whose public holidays are closed and whose make-up working days (调休: a Saturday
or Sunday worked to bridge a holiday in China) are open. Hours are counted as time actually elapsed:
a working day of 09:00–18:00 is nine hours also on the day a DST change happens (changes happen at
night, outside any sane opening hours).

Everything is computed day by day in the calendar's zone; moments in and out are aware datetimes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

import holidays

UTC = dt.UTC
# A calendar without a single working day would never reach a due time: looking further than this is
# a calendar error, not a long wait.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class BusinessCalendar:
    zone: str
    start: dt.time = dt.time(9)
    end: dt.time = dt.time(18)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    country: str = ""  # ISO 3166-1 alpha-2: its public holidays close the day

    def __post_init__(self):
        if self.start >= self.end:
            raise ValueError("a business day ends after it starts")

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone or "UTC")

    def is_working_day(self, day: dt.date) -> bool:
        off, worked = _holidays(self.country.upper(), day.year) if self.country else ((), ())
        if day in off:
            return False
        return day in worked or day.weekday() in self.weekdays

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The day's opening hours in UTC, or None on a day off."""
        if not self.is_working_day(day):
            return None
        tz = self.tz
        opens = dt.datetime.combine(day, self.start, tzinfo=tz).astimezone(UTC)
        closes = dt.datetime.combine(day, self.end, tzinfo=tz).astimezone(UTC)
        return opens, closes


@lru_cache(maxsize=512)
def _holidays(country: str, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(public holidays, make-up working days on a weekend) of `country` in `year`."""
    try:
        found = holidays.country_holidays(country, years=year)
    except NotImplementedError:  # a country the library does not know: no holidays
        return frozenset(), frozenset()
    worked = frozenset(d for d in getattr(found, "weekend_workdays", ()) if d.year == year)
    return frozenset(found.keys()), worked


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("business time needs aware datetimes")
    return moment.astimezone(UTC)


def business_hours_add(calendar: BusinessCalendar, moment: dt.datetime, hours) -> dt.datetime:
    """The moment `hours` business hours after `moment` (in UTC). An inquiry that arrives at night or on
    a day off starts counting when the next working day opens."""
    moment = _aware(moment)
    left = dt.timedelta(hours=float(hours)) if not isinstance(hours, dt.timedelta) else hours
    if left <= dt.timedelta(0):
        return moment
    day = moment.astimezone(calendar.tz).date()
    for _ in range(MAX_DAYS):
        window = calendar.window(day)
        if window is not None:
            opens, closes = max(window[0], moment), window[1]
            if opens < closes:
                if left <= closes - opens:
                    return opens + left
                left -= closes - opens
        day += dt.timedelta(days=1)
    raise ValueError("the business calendar has no working day within three years")


def business_hours_between(calendar: BusinessCalendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Business time elapsed from `start` to `end` (zero when `end` is not after `start`)."""
    start, end = _aware(start), _aware(end)
    if end <= start:
        return dt.timedelta(0)
    total = dt.timedelta(0)
    day = start.astimezone(calendar.tz).date()
    last = end.astimezone(calendar.tz).date()
    while day <= last:
        window = calendar.window(day)
        if window is not None:
            opens, closes = max(window[0], start), min(window[1], end)
            if opens < closes:
                total += closes - opens
        day += dt.timedelta(days=1)
    return total
