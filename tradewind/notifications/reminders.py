"""Reminders: rows with a due time, fired exactly once.

A batch of due rows is claimed and fired in ONE transaction: the handler's notify() (in-app notification
and outbox rows, both with unique keys) and `processed_at` commit together or not at all. A worker killed at
any point leaves either a fired reminder or an unfired one — never half, never twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradewind.notifications.models import Reminder

Handler = Callable[[Reminder], None]
_HANDLERS: dict[str, Handler] = {}


def reminder_kind_register(kind: str, handler: Handler) -> None:
    _HANDLERS[kind] = handler


@transaction.atomic
def reminders_schedule(
    *, workspace, target_id: UUID, plan: Iterable[tuple[str, dt.datetime]], kinds: Iterable[str]
):
    """Replace the unfired reminders of `kinds` for `target_id` with `plan` ((kind, fire_at) pairs).
    Moments already past are dropped: a reminder for a deadline that moved is not sent late."""
    now = timezone.now()
    Reminder.objects.filter(target_id=target_id, kind__in=list(kinds), processed_at__isnull=True).delete()
    rows = [
        Reminder(workspace=workspace, kind=kind, target_id=target_id, fire_at=fire_at)
        for kind, fire_at in plan
        if fire_at > now
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def reminders_cancel(*, target_id: UUID, kinds: Iterable[str]) -> None:
    Reminder.objects.filter(target_id=target_id, kind__in=list(kinds), processed_at__isnull=True).delete()


def reminders_fire_due(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """Fire one batch of due reminders; returns how many were processed (0 when none are due)."""
    now = now or timezone.now()
    with transaction.atomic():
        batch = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(processed_at__isnull=True, fire_at__lte=now)
            .order_by("fire_at", "id")[:limit]
        )
        for reminder in batch:
            handler = _HANDLERS.get(reminder.kind)
            if handler is not None:
                handler(reminder)
            reminder.processed_at = now
        Reminder.objects.bulk_update(batch, ["processed_at"])
    return len(batch)


def reminder_dedupe_key(reminder: Reminder) -> str:
    return f"rem{reminder.pk}"
