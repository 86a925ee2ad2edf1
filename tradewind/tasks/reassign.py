"""Tasks about records that change hands: a rep's customers handed over, a duplicate merged away.

Other apps never write the tasks tables; they call these. Each moved task gets its history line, its
reminders re-planned (the due moment is in the assignee's zone) and its live update, as a change made on
the task page would; the new assignee is told once for the lot, not once per task.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from tradewind.notifications.services import notify
from tradewind.tasks import dates
from tradewind.tasks.choices import OPEN_STATUSES, TaskEventKind
from tradewind.tasks.models import Task
from tradewind.tasks.services import (
    _announce,
    _event,
    _label_name,
    _require_editor,
    _schedule_reminders,
    _watch,
)


def _about(actor, subject_kind: str, subject_ids) -> list[Task]:
    return list(
        Task.objects.select_for_update(of=("self",))
        .select_related("workspace", "assignee__user", "board")
        .filter(workspace_id=actor.workspace_id, subject_kind=subject_kind, subject_id__in=list(subject_ids))
        .order_by("pk")
    )


@transaction.atomic
def tasks_reassign(*, actor, subject_kind: str, subject_ids, from_member, to_member=None) -> int:
    """The open tasks about these records that `from_member` holds go to `to_member` (None: unassigned).
    Returns how many moved."""
    _require_editor(actor)
    moved = []
    for task in _about(actor, subject_kind, subject_ids):
        if task.assignee_id != from_member.pk or task.status not in OPEN_STATUSES:
            continue
        _event(
            task,
            actor,
            TaskEventKind.ASSIGNED,
            **{"from": _label_name(task.assignee), "to": _label_name(to_member)},
        )
        task.assignee = to_member
        task.due_at = dates.due_at(task)
        task.save(update_fields=["assignee", "due_at", "updated_at"])
        _watch(task, to_member)
        _schedule_reminders(task)
        _announce(task)
        moved.append(task)
    if moved and to_member is not None:
        count = len(moved)
        notify(
            recipients=[to_member],
            kind="tasks.assigned",
            title=lambda: (
                ngettext(
                    "%(actor)s handed over %(count)d task to you",
                    "%(actor)s handed over %(count)d tasks to you",
                    count,
                )
                % {"actor": _label_name(actor), "count": count}
            ),
            message=lambda: ", ".join(t.code for t in moved[:10]) + (" …" if count > 10 else ""),
            url=reverse("tasks:my_work", args=[actor.workspace.slug]),
            actor=actor,
        )
    return len(moved)


@transaction.atomic
def tasks_subject_move(*, actor, subject, to) -> int:
    """Tasks about `subject` become tasks about `to` (a merge). Returns how many moved."""
    subject_kind, subject_id = subject
    to_kind, to_id = to
    now = timezone.now()
    tasks = _about(actor, subject_kind, [subject_id])
    for task in tasks:
        task.subject_kind, task.subject_id = to_kind, to_id
        task.updated_at = now
        _event(task, actor, TaskEventKind.SUBJECT, kind=to_kind, merged=str(subject_id))
        _announce(task)
    Task.objects.bulk_update(tasks, ["subject_kind", "subject_id", "updated_at"])
    return len(tasks)


__all__ = ["tasks_reassign", "tasks_subject_move"]
