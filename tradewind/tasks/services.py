"""Task rules: create, change, move, complete, repeat, comment, checklists, attachments, boards.

Every change writes a line of the task's history (its activity stream), tells the people concerned
through notify(), and announces itself to open pages with broadcast_on_commit — in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.labels import labels_set
from tradewind.core.realtime import broadcast_on_commit
from tradewind.core.subjects import subject_resolve
from tradewind.files.services import clean_file_name, stored_file_save
from tradewind.notifications.reminders import reminders_cancel, reminders_schedule
from tradewind.notifications.services import notify
from tradewind.tasks import dates, permissions
from tradewind.tasks.choices import (
    CLOSED_STATUSES,
    Priority,
    Recurrence,
    TaskEventKind,
    TaskStatus,
)
from tradewind.tasks.counts import task_counted
from tradewind.tasks.mentions import mentions_resolve
from tradewind.tasks.models import (
    Board,
    ChecklistItem,
    Label,
    Task,
    TaskAttachment,
    TaskComment,
    TaskLabel,
    TaskMention,
    TaskWatcher,
)
from tradewind.workspaces.models import Membership
from tradewind.workspaces.sequences import sequence_next

REMINDER_KINDS = ("tasks.due_soon", "tasks.due_now", "tasks.overdue")
UNSET = object()


def task_url(task: Task) -> str:
    return f"/w/{task.workspace.slug}/tasks/{task.public_id}/"


# --- checks -----------------------------------------------------------------------------------------


def _require_editor(actor: Membership) -> None:
    if not permissions.can_edit_tasks(actor):
        raise PermissionDenied(_("Your role can only read tasks."))


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(_("Give the task a title."), field="title")
    if len(title) > 200:
        raise ValidationFailed(_("A title has at most 200 characters."), field="title")
    return title


def _check_assignee(actor: Membership, assignee: Membership | None) -> Membership | None:
    if assignee is None:
        return None
    if assignee.workspace_id != actor.workspace_id or not assignee.is_active or not assignee.user.is_active:
        raise ValidationFailed(
            _("Tasks can only be assigned to active members of this workspace."), field="assignee"
        )
    return assignee


def _check_board(actor: Membership, board: Board | None) -> Board | None:
    if board is None:
        return None
    if board.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a board of this workspace."), field="board")
    if board.is_archived:
        raise ValidationFailed(_("This board is archived; choose another."), field="board")
    return board


def _check_due(due_date, due_time) -> None:
    if due_time is not None and due_date is None:
        raise ValidationFailed(_("A due time needs a due date."), field="due_date")
    if due_time is not None and due_time.tzinfo is not None:
        # "10:00+01:00": the zone of a due time is the assignee's, so an offset would be a second truth.
        raise ValidationFailed(
            _("Give the due time without a time-zone offset, e.g. 17:30: it is read in the assignee's zone."),
            field="due_time",
        )


def _check_recurrence(rule: str, weekdays: list[int], month_day: int | None, due_date) -> None:
    if rule not in Recurrence.values:
        raise ValidationFailed(_("Choose how the task repeats from the list."), field="recurrence")
    if not rule:
        return
    if due_date is None:
        raise ValidationFailed(_("A repeating task needs a due date to start from."), field="due_date")
    if rule == Recurrence.WEEKLY and (not weekdays or any(d not in range(7) for d in weekdays)):
        raise ValidationFailed(_("Choose the weekdays the task repeats on."), field="recurrence_weekdays")
    if rule == Recurrence.MONTHLY and not (month_day and 1 <= month_day <= 31):
        raise ValidationFailed(_("Choose a day of the month between 1 and 31."), field="recurrence_month_day")


def _check_subject(actor: Membership, subject):
    if not subject:
        return "", None
    kind, public_id = subject
    if subject_resolve(actor, kind, public_id) is None:
        raise ValidationFailed(_("The linked record does not exist or you cannot see it."), field="subject")
    return kind, public_id


def _check_assignee_sees_subject(task: Task) -> None:
    """The assignee must be able to open what the task is about: a task about a rep's private customer
    given to a colleague who only sees its name would be a task nobody can do."""
    if task.assignee is None or not task.subject_kind:
        return
    if subject_resolve(task.assignee, task.subject_kind, task.subject_id) is None:
        raise ValidationFailed(
            _("%(name)s cannot open what this task is about. Choose someone who can.")
            % {"name": task.assignee.user.display_name},
            field="assignee",
        )


# --- history, watchers, reminders, realtime ---------------------------------------------------------


def task_subject(task: Task) -> tuple[str, object]:
    return ("tasks.task", task.public_id)


def _event(task: Task, actor: Membership | None, kind: str, /, **data) -> None:
    """One line of the task's history (its activity stream; kinds registered in tasks/history.py)."""
    activity_record(
        workspace_id=task.workspace_id,
        subject=task_subject(task),
        kind=f"tasks.{kind}",
        actor=actor,
        data=data,
    )


def _watch(task: Task, *members: Membership | None) -> None:
    TaskWatcher.objects.bulk_create(
        [
            TaskWatcher(workspace_id=task.workspace_id, task=task, membership=m)
            for m in members
            if m is not None
        ],
        ignore_conflicts=True,
    )


def _watchers(task: Task) -> list[Membership]:
    return list(task.watchers.filter(is_active=True).select_related("user", "workspace"))


def _announce(task: Task) -> None:
    broadcast_on_commit(
        task.workspace,
        "tasks",
        {"task": str(task.public_id), "board": str(task.board.public_id) if task.board_id else ""},
    )


def _schedule_reminders(task: Task) -> None:
    if task.status in CLOSED_STATUSES or task.assignee_id is None or task.due_date is None:
        reminders_cancel(target_id=task.public_id, kinds=REMINDER_KINDS)
        return
    plan = dates.reminder_moments(task, lead_hours=task.workspace.task_reminder_lead_hours)
    reminders_schedule(
        workspace=task.workspace, target_id=task.public_id, plan=plan.items(), kinds=REMINDER_KINDS
    )


def _label_name(member: Membership | None) -> str:
    return member.user.display_name if member else ""


# --- tasks ------------------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    actor: Membership,
    title: str,
    description: str = "",
    board: Board | None = None,
    assignee: Membership | None = None,
    due_date: dt.date | None = None,
    due_time: dt.time | None = None,
    priority: str = Priority.NORMAL,
    status: str = TaskStatus.TODO,
    labels: list[str] = (),
    subject: tuple[str, uuid.UUID] | None = None,
    recurrence: str = "",
    recurrence_weekdays: list[int] = (),
    recurrence_month_day: int | None = None,
) -> Task:
    """Create a task. The creator and the assignee watch it; the assignee is told."""
    _require_editor(actor)
    title = _clean_title(title)
    assignee = _check_assignee(actor, assignee)
    board = _check_board(actor, board)
    _check_due(due_date, due_time)
    if priority not in Priority.values:
        raise ValidationFailed(_("Choose a priority from the list."), field="priority")
    if status not in (TaskStatus.TODO, TaskStatus.IN_PROGRESS):
        raise ValidationFailed(_("A new task starts as to do or in progress."), field="status")
    weekdays = sorted(set(recurrence_weekdays))
    _check_recurrence(recurrence, weekdays, recurrence_month_day, due_date)
    subject_kind, subject_id = _check_subject(actor, subject)
    workspace = actor.workspace
    top = Task.objects.filter(workspace=workspace, board=board, status=status).aggregate(Max("position"))
    task = Task(
        workspace=workspace,
        number=sequence_next(workspace=workspace, key="task"),
        board=board,
        title=title,
        description=description or "",
        status=status,
        priority=priority,
        assignee=assignee,
        created_by=actor,
        due_date=due_date,
        due_time=due_time,
        position=(top["position__max"] or 0) + 1024,
        subject_kind=subject_kind,
        subject_id=subject_id,
        recurrence=recurrence,
        recurrence_weekdays=",".join(map(str, weekdays)),
        recurrence_month_day=recurrence_month_day if recurrence == Recurrence.MONTHLY else None,
        series_id=uuid.uuid4() if recurrence else None,
    )
    task.due_at = dates.due_at(task)
    _check_assignee_sees_subject(task)
    task.save()
    task_counted(task, before=None)
    _event(task, actor, TaskEventKind.CREATED)
    _watch(task, actor, assignee)
    if labels:
        _set_labels(task, labels)
    if assignee is not None:
        _notify_assigned(task, actor)
    _schedule_reminders(task)
    _announce(task)
    return task


def _notify_assigned(task: Task, actor: Membership) -> None:
    notify(
        recipients=[task.assignee],
        kind="tasks.assigned",
        title=lambda: _("%(actor)s assigned you %(task)s") % {"actor": _label_name(actor), "task": str(task)},
        message=lambda: _("Due %(due)s") % {"due": task.due_date.isoformat()} if task.due_date else "",
        url=task_url(task),
        actor=actor,
        subject=("tasks.task", task.public_id),
    )


def _set_labels(task: Task, names) -> list[str]:
    return labels_set(
        record=task,
        names=names,
        label_model=Label,
        link_model=TaskLabel,
        record_field="task",
        label_field="label",
    )


def _lock(task: Task) -> Task:
    # of=("self",): lock the task row only; PostgreSQL cannot lock the nullable side of the outer joins.
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("workspace", "assignee__user", "board")
        .get(pk=task.pk)
    )


@transaction.atomic
def task_update(
    *,
    actor: Membership,
    task: Task,
    title=UNSET,
    description=UNSET,
    board=UNSET,
    assignee=UNSET,
    due_date=UNSET,
    due_time=UNSET,
    priority=UNSET,
    labels=UNSET,
    subject=UNSET,
) -> Task:
    """Change what was given (UNSET leaves a field alone); each change is one history entry."""
    _require_editor(actor)
    task = _lock(task)
    counted = (task.board_id, task.status)
    changed_due = False
    if title is not UNSET:
        title = _clean_title(title)
        if title != task.title:
            _event(task, actor, TaskEventKind.TITLE, **{"from": task.title, "to": title})
            task.title = title
    if description is not UNSET and (description or "") != task.description:
        task.description = description or ""
        _event(task, actor, TaskEventKind.DESCRIPTION)
    if board is not UNSET:
        board = _check_board(actor, board)
        if (board.pk if board else None) != task.board_id:
            _event(
                task, actor, TaskEventKind.BOARD, **{"from": str(task.board or ""), "to": str(board or "")}
            )
            task.board = board
    if priority is not UNSET and priority != task.priority:
        if priority not in Priority.values:
            raise ValidationFailed(_("Choose a priority from the list."), field="priority")
        _event(task, actor, TaskEventKind.PRIORITY, **{"from": task.priority, "to": priority})
        task.priority = priority
    new_assignee = None
    if assignee is not UNSET and (assignee.pk if assignee else None) != task.assignee_id:
        assignee = _check_assignee(actor, assignee)
        _event(
            task,
            actor,
            TaskEventKind.ASSIGNED,
            **{"from": _label_name(task.assignee), "to": _label_name(assignee)},
        )
        task.assignee = assignee
        new_assignee = assignee
        changed_due = True  # the zone of the due date is the assignee's
    if due_date is not UNSET or due_time is not UNSET:
        new_date = task.due_date if due_date is UNSET else due_date
        new_time = task.due_time if due_time is UNSET else due_time
        if new_date is None:
            new_time = None
        _check_due(new_date, new_time)
        if (new_date, new_time) != (task.due_date, task.due_time):
            _event(
                task,
                actor,
                TaskEventKind.DUE,
                **{"from": _due_text(task.due_date, task.due_time), "to": _due_text(new_date, new_time)},
            )
            task.due_date, task.due_time = new_date, new_time
            changed_due = True
    if subject is not UNSET:
        kind, public_id = _check_subject(actor, subject)
        if (kind, public_id) != (task.subject_kind, task.subject_id):
            task.subject_kind, task.subject_id = kind, public_id
            _event(task, actor, TaskEventKind.SUBJECT, kind=kind)
    if task.recurrence and task.due_date is None:
        raise ValidationFailed(_("A repeating task needs a due date to start from."), field="due_date")
    _check_assignee_sees_subject(task)
    task.due_at = dates.due_at(task)
    task.save()
    task_counted(task, before=counted)
    if labels is not UNSET:
        before = sorted(task.labels.values_list("name", flat=True))
        after = _set_labels(task, labels)
        if before != after:
            _event(task, actor, TaskEventKind.LABELS, **{"from": before, "to": after})
    if new_assignee is not None:
        _watch(task, new_assignee)
        _notify_assigned(task, actor)
    if changed_due:
        _schedule_reminders(task)
    _announce(task)
    return task


def _due_text(date, time) -> str:
    if date is None:
        return ""
    return f"{date.isoformat()} {time:%H:%M}" if time else date.isoformat()


@transaction.atomic
def task_set_status(*, actor: Membership, task: Task, status: str, blocked_reason: str = "") -> Task:
    """Move a task through to do → in progress → blocked (with a reason) → done / cancelled.
    Completing a repeating task creates its next occurrence."""
    _require_editor(actor)
    if status not in TaskStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    blocked_reason = (blocked_reason or "").strip()
    if status == TaskStatus.BLOCKED and not blocked_reason:
        raise ValidationFailed(_("Say what the task is waiting for."), field="blocked_reason")
    task = _lock(task)
    if status == task.status and blocked_reason == task.blocked_reason:
        return task
    previous = task.status
    task.status = status
    task.blocked_reason = blocked_reason if status == TaskStatus.BLOCKED else ""
    task.completed_at = timezone.now() if status == TaskStatus.DONE else None
    task.save()
    task_counted(task, before=(task.board_id, previous))
    _event(
        task, actor, TaskEventKind.STATUS, **{"from": previous, "to": status, "reason": task.blocked_reason}
    )
    watchers = _watchers(task)
    notify(
        recipients=watchers,
        kind="tasks.status",
        title=lambda: (
            _("%(actor)s moved %(task)s to “%(status)s”")
            % {"actor": _label_name(actor), "task": str(task), "status": TaskStatus(status).label}
        ),
        message=lambda: task.blocked_reason,
        url=task_url(task),
        actor=actor,
        subject=("tasks.task", task.public_id),
    )
    if status == TaskStatus.DONE and task.recurrence:
        task_occurrence_next(task=task)
    _schedule_reminders(task)
    _announce(task)
    return task


@transaction.atomic
def task_move(
    *,
    actor: Membership,
    task: Task,
    status: str,
    before: Task | None = None,
    after: Task | None = None,
    blocked_reason: str = "",
) -> Task:
    """Drop a card in a board column, between `after` (above) and `before` (below)."""
    task = task_set_status(
        actor=actor, task=task, status=status, blocked_reason=blocked_reason or task.blocked_reason
    )
    low = after.position if after is not None else None
    high = before.position if before is not None else None
    if low is None and high is None:
        position = task.position
    elif low is None:
        position = high - 1024
    elif high is None:
        position = low + 1024
    else:
        position = (low + high) / 2
    if position != task.position:
        Task.objects.filter(pk=task.pk).update(position=position)
        task.position = position
        _announce(task)
    return task


@transaction.atomic
def task_occurrence_next(*, task: Task) -> Task | None:
    """Create the next occurrence of a repeating task, unless it exists already (never twice)."""
    if not task.recurrence or task.due_date is None:
        return None
    weekdays = [int(d) for d in task.recurrence_weekdays.split(",") if d]
    next_date = dates.next_occurrence(
        rule=task.recurrence, after=task.due_date, weekdays=weekdays, month_day=task.recurrence_month_day
    )
    if next_date is None:
        return None
    existing = Task.objects.filter(series_id=task.series_id, due_date=next_date).first()
    if existing:
        return existing
    clone = Task(
        workspace=task.workspace,
        number=sequence_next(workspace=task.workspace, key="task"),
        board=task.board if task.board and not task.board.is_archived else None,
        title=task.title,
        description=task.description,
        priority=task.priority,
        assignee=task.assignee if task.assignee and task.assignee.is_active else None,
        created_by=task.created_by,
        due_date=next_date,
        due_time=task.due_time,
        position=task.position,
        subject_kind=task.subject_kind,
        subject_id=task.subject_id,
        recurrence=task.recurrence,
        recurrence_weekdays=task.recurrence_weekdays,
        recurrence_month_day=task.recurrence_month_day,
        series_id=task.series_id,
    )
    clone.due_at = dates.due_at(clone)
    try:
        with transaction.atomic():
            clone.save()
    except IntegrityError:  # another worker made it a moment ago
        return Task.objects.get(series_id=task.series_id, due_date=next_date)
    task_counted(clone, before=None)
    _event(clone, None, TaskEventKind.CREATED, repeated_from=task.code)
    _watch(clone, *task.watchers.all())
    _set_labels(clone, task.labels.values_list("name", flat=True))
    _schedule_reminders(clone)
    _announce(clone)
    return clone


def tasks_repeat_due(*, today: dt.date | None = None) -> int:
    """The worker's daily pass: when an occurrence's date has come, its successor exists."""
    today = today or timezone.localdate()
    made = 0
    latest = (
        Task.objects.filter(series_id__isnull=False, due_date__lte=today)
        .values("series_id")
        .annotate(last=Max("due_date"))
    )
    for row in latest:
        task = Task.objects.select_related("workspace", "board", "assignee__user").get(
            series_id=row["series_id"], due_date=row["last"]
        )
        if task.status != TaskStatus.CANCELLED and task_occurrence_next(task=task) is not None:
            made += 1
    return made


# --- comments, checklist, attachments, watchers -----------------------------------------------------


@transaction.atomic
def task_comment_add(*, actor: Membership, task: Task, body: str) -> TaskComment:
    """Comment; @mentioned members are told, watchers hear about it, the author starts watching."""
    _require_editor(actor)
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(_("Write something first."), field="body")
    if len(body) > 10000:
        raise ValidationFailed(_("A comment has at most 10,000 characters."), field="body")
    mentioned = mentions_resolve(workspace=task.workspace, text=body)
    comment = TaskComment.objects.create(workspace_id=task.workspace_id, task=task, author=actor, body=body)
    TaskMention.objects.bulk_create(
        [TaskMention(workspace_id=task.workspace_id, comment=comment, membership=m) for m in mentioned]
    )
    _event(task, actor, TaskEventKind.COMMENT, comment=str(comment.public_id))
    url = f"{task_url(task)}#comment-{comment.public_id}"
    excerpt = body if len(body) <= 280 else body[:279] + "…"
    notify(
        recipients=mentioned,
        kind="tasks.mentioned",
        title=lambda: (
            _("%(actor)s mentioned you on %(task)s") % {"actor": _label_name(actor), "task": str(task)}
        ),
        message=excerpt,
        url=url,
        actor=actor,
        subject=("tasks.task", task.public_id),
    )
    mentioned_ids = {m.pk for m in mentioned}
    notify(
        recipients=[w for w in _watchers(task) if w.pk not in mentioned_ids],
        kind="tasks.comment",
        title=lambda: _("%(actor)s commented on %(task)s") % {"actor": _label_name(actor), "task": str(task)},
        message=excerpt,
        url=url,
        actor=actor,
        subject=("tasks.task", task.public_id),
    )
    _watch(task, actor)
    Task.objects.filter(pk=task.pk).update(updated_at=timezone.now())
    _announce(task)
    return comment


@transaction.atomic
def checklist_item_add(*, actor: Membership, task: Task, text: str) -> ChecklistItem:
    _require_editor(actor)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Write the checklist item."), field="text")
    last = task.checklist.aggregate(Max("position"))["position__max"] or 0
    item = ChecklistItem.objects.create(
        workspace_id=task.workspace_id, task=task, text=text[:300], position=last + 1
    )
    _event(task, actor, TaskEventKind.CHECKLIST, added=item.text)
    _announce(task)
    return item


@transaction.atomic
def checklist_item_toggle(*, actor: Membership, item: ChecklistItem) -> ChecklistItem:
    _require_editor(actor)
    item.is_done = not item.is_done
    item.save(update_fields=["is_done", "updated_at"])
    _event(
        item.task,
        actor,
        TaskEventKind.CHECKLIST,
        **({"done": item.text} if item.is_done else {"undone": item.text}),
    )
    _announce(item.task)
    return item


@transaction.atomic
def checklist_item_delete(*, actor: Membership, item: ChecklistItem) -> None:
    _require_editor(actor)
    _event(item.task, actor, TaskEventKind.CHECKLIST, removed=item.text)
    _announce(item.task)
    item.delete()


@transaction.atomic
def task_attachment_add(*, actor: Membership, task: Task, upload) -> TaskAttachment:
    """Attach a file of an accepted type (TRADEWIND_ATTACHMENT_EXTENSIONS) within the size limit
    (TRADEWIND_ATTACHMENT_MAX_MB). A program is refused whatever its name (files.stored_file_save)."""
    _require_editor(actor)
    name = clean_file_name(upload.name)
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.ATTACHMENT_EXTENSIONS]
    if extension not in allowed:
        raise ValidationFailed(
            _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(allowed)},
            field="file",
        )
    stored = stored_file_save(
        workspace=task.workspace,
        content=upload,
        name=name,
        uploaded_by=actor,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
    )
    attachment = TaskAttachment.objects.create(workspace_id=task.workspace_id, task=task, file=stored)
    _event(task, actor, TaskEventKind.ATTACHMENT, name=name)
    _announce(task)
    return attachment


@transaction.atomic
def task_watch(*, actor: Membership, task: Task, watch: bool) -> None:
    if watch:
        _watch(task, actor)
    else:
        TaskWatcher.objects.filter(task=task, membership=actor).delete()


# --- boards -----------------------------------------------------------------------------------------


def _clean_board_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the board a name."), field="name")
    return name[:120]


@transaction.atomic
def board_create(*, actor: Membership, name: str, description: str = "") -> Board:
    _require_editor(actor)
    name = _clean_board_name(name)
    if Board.objects.filter(workspace=actor.workspace, name__iexact=name).exists():
        raise ValidationFailed(_("A board with this name exists already."), field="name")
    board = Board.objects.create(
        workspace=actor.workspace, name=name, description=description or "", created_by=actor
    )
    broadcast_on_commit(actor.workspace, "boards", {"board": str(board.public_id)})
    return board


@transaction.atomic
def board_update(
    *, actor: Membership, board: Board, name: str, description: str = "", is_archived: bool = False
) -> Board:
    if not permissions.can_manage_board(actor, board):
        raise PermissionDenied(_("Only the board's creator, managers and administrators can change it."))
    name = _clean_board_name(name)
    if Board.objects.filter(workspace=actor.workspace, name__iexact=name).exclude(pk=board.pk).exists():
        raise ValidationFailed(_("A board with this name exists already."), field="name")
    board.name, board.description, board.is_archived = name, description or "", is_archived
    board.save()
    broadcast_on_commit(actor.workspace, "boards", {"board": str(board.public_id)})
    return board
