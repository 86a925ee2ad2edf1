"""Writing the activity stream. Apps call these inside their own transactions; nothing else writes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from tradewind.activity.kinds import activity_kind
from tradewind.activity.models import Activity
from tradewind.core.bulk import insert_rows


def _check(kind: str, subject) -> tuple[str, object]:
    if activity_kind(kind) is None:
        raise ValueError(f"activity kind {kind!r} is not registered")  # a programming error, not input
    subject_kind, subject_id = subject
    if not subject_kind or not subject_id:
        raise ValueError("an activity needs a subject")
    return subject_kind, subject_id


def _build(*, workspace_id: int, subject, kind: str, actor=None, at=None, data=None) -> Activity:
    """An unsaved, checked row."""
    subject_kind, subject_id = _check(kind, subject)
    return Activity(
        workspace_id=workspace_id,
        subject_kind=subject_kind,
        subject_id=subject_id,
        kind=kind,
        actor=actor,
        at=at or timezone.now(),
        data=data or {},
    )


def activity_record(*, workspace_id: int, subject, kind: str, actor=None, at=None, data=None) -> Activity:
    """One thing that happened about `subject` = (subject kind, public id)."""
    row = _build(workspace_id=workspace_id, subject=subject, kind=kind, actor=actor, at=at, data=data)
    row.save()
    return row


def activities_insert(rows: Iterable[dict]) -> None:
    """Many entries at once (an import's thousand "Imported from …"), as plain dicts of Activity's
    attributes (workspace_id, subject_kind, subject_id, kind, actor_id, at, data): no model instance each."""
    rows = list(rows)
    for row in rows:
        _check(row["kind"], (row["subject_kind"], row["subject_id"]))
    insert_rows(Activity, rows)


def activities_move(*, workspace_id: int, subject, to) -> int:
    """A merge: the history of `subject` becomes part of `to`'s. Returns how many rows moved."""
    subject_kind, subject_id = subject
    to_kind, to_id = to
    return Activity.objects.filter(
        workspace_id=workspace_id, subject_kind=subject_kind, subject_id=subject_id
    ).update(subject_kind=to_kind, subject_id=to_id)


def activities_rewrite(*, workspace_id: int, subject, kind: str, to_kind: str, data: dict) -> int:
    """Turn a subject's entries of one kind into another (a merged customer's "created" becomes
    "created as <name>" among the survivor's history)."""
    subject_kind, subject_id = _check(to_kind, subject)
    return Activity.objects.filter(
        workspace_id=workspace_id, subject_kind=subject_kind, subject_id=subject_id, kind=kind
    ).update(kind=to_kind, data=data)


def activities_forget(*, workspace_id: int, subject) -> int:
    """The subject itself is deleted: its history goes with it."""
    subject_kind, subject_id = subject
    deleted, _ = Activity.objects.filter(
        workspace_id=workspace_id, subject_kind=subject_kind, subject_id=subject_id
    ).delete()
    return deleted
