"""Reading a subject's activity stream as pages show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from tradewind.activity.kinds import activity_label, activity_text
from tradewind.activity.models import Activity


@dataclass(frozen=True)
class ActivityRow:
    id: UUID
    kind: str
    kind_label: str
    at: dt.datetime
    text: str
    data: dict
    actor_name: str  # "" for the system


def activity_rows(queryset) -> list[ActivityRow]:
    """Rows in one query of plain values: an entry as a model instance with its actor and user costs
    several times more to load than to show."""
    values = queryset.values_list(
        "public_id", "kind", "at", "data", "actor__user__full_name", "actor__user__email"
    )
    return [
        ActivityRow(
            id=public_id,
            kind=kind,
            kind_label=activity_label(kind),
            at=at,
            text=activity_text(kind, data),
            data=data if isinstance(data, dict) else {},
            actor_name=full_name or email or "",  # User.display_name
        )
        for public_id, kind, at, data, full_name, email in values
    ]


def activities_of(*, workspace_id: int, subject, before: dt.datetime | None = None):
    """A subject's entries, newest first (a queryset: slice it, or paginate it)."""
    subject_kind, subject_id = subject
    rows = Activity.objects.filter(
        workspace_id=workspace_id, subject_kind=subject_kind, subject_id=subject_id
    )
    if before is not None:
        rows = rows.filter(at__lt=before)
    return rows.order_by("-at", "-id")


def activity_page(*, workspace_id: int, subject, limit: int = 100, before=None) -> list[ActivityRow]:
    return activity_rows(activities_of(workspace_id=workspace_id, subject=subject, before=before)[:limit])
