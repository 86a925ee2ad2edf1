"""Due dates and repeating tasks: pure functions, no database."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

from tradewind.tasks.choices import Recurrence

MORNING = dt.time(9, 0)  # all-day tasks are reminded of, and reported overdue, at 09:00 local time


def task_zone(task) -> zoneinfo.ZoneInfo:
    """A task's dates are in its assignee's zone (else the workspace's)."""
    user = task.assignee.user if task.assignee_id and task.assignee else None
    return zoneinfo.ZoneInfo((user.time_zone if user and user.time_zone else "") or task.workspace.time_zone)


def due_at(task) -> dt.datetime | None:
    """The deadline in UTC: the due time, or the end of the due day."""
    if task.due_date is None:
        return None
    clock = task.due_time or dt.time(23, 59, 59)
    return dt.datetime.combine(task.due_date, clock, tzinfo=task_zone(task)).astimezone(dt.UTC)


def reminder_moments(task, *, lead_hours: int) -> dict[str, dt.datetime]:
    """When to remind the assignee: `lead_hours` before the due moment, at it, and the morning after the
    due day if the task is still open. The due moment of an all-day task is 09:00 that day."""
    if task.due_date is None:
        return {}
    zone = task_zone(task)
    moment = dt.datetime.combine(task.due_date, task.due_time or MORNING, tzinfo=zone).astimezone(dt.UTC)
    overdue = dt.datetime.combine(task.due_date + dt.timedelta(days=1), MORNING, tzinfo=zone).astimezone(
        dt.UTC
    )
    plan = {"tasks.due_now": moment, "tasks.overdue": overdue}
    if lead_hours:
        plan["tasks.due_soon"] = moment - dt.timedelta(hours=lead_hours)
    return plan


def next_occurrence(
    *, rule: str, after: dt.date, weekdays: list[int], month_day: int | None
) -> dt.date | None:
    if rule == Recurrence.DAILY:
        return after + dt.timedelta(days=1)
    if rule == Recurrence.WEEKLY and weekdays:
        for step in range(1, 8):
            candidate = after + dt.timedelta(days=step)
            if candidate.weekday() in weekdays:
                return candidate
    if rule == Recurrence.MONTHLY and month_day:
        year, month = (after.year + 1, 1) if after.month == 12 else (after.year, after.month + 1)
        return dt.date(year, month, min(month_day, calendar.monthrange(year, month)[1]))
    return None
