"""Business-hours arithmetic (core/business_time.py): the first-response clock of inquiries counts in it."""

import datetime as dt
import zoneinfo

import pytest

from tradewind.core.business_time import BusinessCalendar, business_hours_add, business_hours_between

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
H = dt.timedelta(hours=1)


def at(zone, *args):
    return dt.datetime(*args, tzinfo=zone)


@pytest.fixture
def shanghai():
    return BusinessCalendar(zone="Asia/Shanghai", country="CN")


def test_within_one_day(shanghai):
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 10, 10), 3) == at(SHANGHAI, 2026, 3, 10, 13)


def test_carries_over_to_the_next_morning(shanghai):
    # Tuesday 16:00 + 24 business hours: 2 h Tuesday, 9 Wednesday, 9 Thursday, 4 Friday -> Friday 13:00.
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 10, 16), 24) == at(SHANGHAI, 2026, 3, 13, 13)


def test_friday_evening_skips_the_weekend(shanghai):
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 13, 17), 2) == at(SHANGHAI, 2026, 3, 16, 10)


def test_an_inquiry_at_night_starts_counting_at_opening(shanghai):
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 10, 2, 30), 1) == at(SHANGHAI, 2026, 3, 10, 10)
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 10, 22), 1) == at(SHANGHAI, 2026, 3, 11, 10)


def test_an_inquiry_on_saturday_starts_on_monday(shanghai):
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 3, 14, 11), 9) == at(SHANGHAI, 2026, 3, 16, 18)


def test_a_public_holiday_is_a_day_off(shanghai):
    # 1 May 2026 (Friday) is Labour Day in China; the 4th and 5th are days off too.
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 4, 30, 17), 2) == at(SHANGHAI, 2026, 5, 6, 10)


def test_a_make_up_working_day_on_a_weekend_is_worked(shanghai):
    # Sunday 4 January 2026 was worked in China (调休) — and not where that is not the rule.
    assert business_hours_add(shanghai, at(SHANGHAI, 2026, 1, 4, 9), 1) == at(SHANGHAI, 2026, 1, 4, 10)
    plain = BusinessCalendar(zone="Asia/Shanghai")
    assert business_hours_add(plain, at(SHANGHAI, 2026, 1, 4, 9), 1) == at(SHANGHAI, 2026, 1, 5, 10)


def test_a_dst_zone_counts_elapsed_hours_across_the_change():
    berlin = BusinessCalendar(zone="Europe/Berlin", country="DE")
    # Clocks went forward on Sunday 29 March 2026: Friday 17:00 + 2 h is Monday 10:00 local (CEST).
    due = business_hours_add(berlin, at(BERLIN, 2026, 3, 27, 17), 2)
    assert due == at(BERLIN, 2026, 3, 30, 10)
    assert due.utcoffset() is None or due.astimezone(BERLIN).utcoffset() == dt.timedelta(hours=2)
    assert business_hours_between(berlin, at(BERLIN, 2026, 3, 27, 17), due) == 2 * H


def test_between_is_the_inverse_of_add(shanghai):
    start = at(SHANGHAI, 2026, 3, 13, 15, 30)
    for hours in (0.5, 3, 9, 24, 50):
        due = business_hours_add(shanghai, start, hours)
        assert business_hours_between(shanghai, start, due) == dt.timedelta(hours=hours)


def test_between_counts_only_open_hours(shanghai):
    assert (
        business_hours_between(shanghai, at(SHANGHAI, 2026, 3, 13, 17), at(SHANGHAI, 2026, 3, 16, 10))
        == 2 * H
    )
    assert (
        business_hours_between(shanghai, at(SHANGHAI, 2026, 3, 14, 9), at(SHANGHAI, 2026, 3, 15, 18)) == 0 * H
    )
    assert (
        business_hours_between(shanghai, at(SHANGHAI, 2026, 3, 16, 10), at(SHANGHAI, 2026, 3, 16, 9)) == 0 * H
    )


def test_zero_hours_and_naive_moments(shanghai):
    moment = at(SHANGHAI, 2026, 3, 14, 11)
    assert business_hours_add(shanghai, moment, 0) == moment
    with pytest.raises(ValueError):
        business_hours_add(shanghai, dt.datetime(2026, 3, 10, 10), 1)


def test_a_calendar_without_working_days_is_refused():
    with pytest.raises(ValueError):
        business_hours_add(BusinessCalendar(zone="UTC", weekdays=frozenset()), at(SHANGHAI, 2026, 3, 10), 1)
    with pytest.raises(ValueError):
        BusinessCalendar(zone="UTC", start=dt.time(18), end=dt.time(9))
