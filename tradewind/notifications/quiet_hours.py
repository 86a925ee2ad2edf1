from __future__ import annotations

import datetime as dt
import zoneinfo


def quiet_hours_release(*, user, zone_name: str, now: dt.datetime) -> dt.datetime:
    """When a non-urgent message to `user` may go out: now, or the end of their quiet hours.

    Quiet hours are wall-clock times in the user's zone and may span midnight (22:00–07:00).
    """
    start, end = user.quiet_hours_start, user.quiet_hours_end
    if start is None or end is None or start == end:
        return now
    zone = zoneinfo.ZoneInfo(user.time_zone or zone_name)
    local = now.astimezone(zone)
    clock = local.time()
    inside = (start <= clock < end) if start < end else (clock >= start or clock < end)
    if not inside:
        return now
    release_day = local.date() if clock < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(release_day, end, tzinfo=zone).astimezone(dt.UTC)
