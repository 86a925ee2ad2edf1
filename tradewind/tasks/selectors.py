"""Reads with names: My work, a board's list and kanban, team workload. Shared by the UI and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from tradewind.core.sql import ids_in
from tradewind.tasks.choices import OPEN_STATUSES, TaskStatus
from tradewind.tasks.models import Board, BoardTaskCount, Label, Task, TaskMention

# Undated tasks sort after dated ones on every database (SQLite puts NULL first, PostgreSQL last).
SORTS = {
    "due": (F("due_at").asc(nulls_last=True), "position"),
    "-due": (F("due_at").desc(nulls_last=True), "position"),
    "priority": ("priority_rank", F("due_at").asc(nulls_last=True)),
    "created": ("-created_at",),
    "updated": ("-updated_at",),
    "number": ("-number",),
    "title": ("title",),
}


def _with_card_data(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """What a task row or card shows, fetched in a fixed number of queries whatever the page size."""
    return tasks.select_related("assignee__user", "board").prefetch_related(
        Prefetch("labels", queryset=Label.objects.order_by("name"))
    )


def _priority_rank():
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        When(priority="urgent", then=Value(0)),
        When(priority="high", then=Value(1)),
        When(priority="normal", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


@dataclass
class TaskFilters:
    board: Board | None = None
    assignee: str = ""  # a membership public id, "me" or "none"
    status: str = ""  # a status, "open" or ""
    priority: str = ""
    due: str = ""  # "overdue", "today", "week", "none"
    label: str = ""
    subject: str = ""  # "kind:uuid"
    q: str = ""
    sort: str = "due"
    extra: dict = field(default_factory=dict)


def task_list(*, membership, filters: TaskFilters) -> QuerySet[Task]:
    tasks = Task.objects.filter(workspace_id=membership.workspace_id)
    if filters.board is not None:
        tasks = tasks.filter(board=filters.board)
    if filters.assignee == "me":
        tasks = tasks.filter(assignee=membership)
    elif filters.assignee == "none":
        tasks = tasks.filter(assignee__isnull=True)
    elif filters.assignee:
        tasks = tasks.filter(assignee__public_id=filters.assignee)
    if filters.status == "open":
        tasks = tasks.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.priority:
        tasks = tasks.filter(priority=filters.priority)
    now = timezone.now()
    if filters.due:
        tasks = _due_filter(tasks, filters.due, now)
    if filters.label:
        tasks = tasks.filter(labels__name=filters.label)
    if filters.subject and ":" in filters.subject:
        kind, _sep, public_id = filters.subject.partition(":")
        tasks = tasks.filter(subject_kind=kind, subject_id=public_id)
    if filters.q:
        query = filters.q.strip()
        number = query.upper().removeprefix("T-")
        condition = Q(title__icontains=query) | Q(description__icontains=query)
        if number.isdigit():
            condition |= Q(number=int(number))
        tasks = tasks.filter(condition)
    order = SORTS.get(filters.sort, SORTS["due"])
    if filters.sort == "priority":
        tasks = tasks.annotate(priority_rank=_priority_rank())
    return _with_card_data(tasks.order_by(*order, "id"))


def _due_filter(tasks, due: str, now):
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    end_of_today = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    if due == "overdue":
        return tasks.filter(status__in=OPEN_STATUSES, due_at__lt=now)
    if due == "today":
        return tasks.filter(due_at__gte=now, due_at__lt=end_of_today)
    if due == "week":
        return tasks.filter(due_at__gte=now, due_at__lt=end_of_today + dt.timedelta(days=6))
    if due == "none":
        return tasks.filter(due_date__isnull=True)
    return tasks


def board_columns(*, board: Board) -> list[tuple[str, str, list[Task]]]:
    """The kanban: one column per status, cards in their order."""
    cards = list(_with_card_data(board.tasks.all()).order_by("position", "id"))
    return [
        (status.value, status.label, [c for c in cards if c.status == status.value]) for status in TaskStatus
    ]


def board_progress(*, board: Board) -> dict:
    now = timezone.now()
    counts = board.tasks.exclude(status=TaskStatus.CANCELLED).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
    )
    counts["percent"] = round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
    return counts


def boards_with_progress(*, membership, archived: bool = False) -> list[Board]:
    """The boards with `total`, `done` and `overdue` counts: the totals from the counts the task services
    keep per (board, status) (tasks/counts.py), the overdue ones counted among the open tasks only, which
    the (board, status, due_at) index finds without reading the done ones."""
    boards = list(
        Board.objects.filter(workspace_id=membership.workspace_id, is_archived=archived).order_by("name")
    )
    counts = {board.pk: {"total": 0, "done": 0, "overdue": 0} for board in boards}
    kept = BoardTaskCount.objects.filter(board_id__in=list(counts)).values_list("board_id", "status", "count")
    for board_id, status, n in kept:
        if status != TaskStatus.CANCELLED:
            counts[board_id]["total"] += n
        if status == TaskStatus.DONE:
            counts[board_id]["done"] += n
    late = (
        Task.objects.filter(board_id__in=list(counts), status__in=OPEN_STATUSES, due_at__lt=timezone.now())
        .values("board_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in late:
        counts[row["board_id"]]["overdue"] = row["n"]
    for board in boards:
        board.total, board.done, board.overdue = (counts[board.pk][k] for k in ("total", "done", "overdue"))
    return boards


MY_WORK_LIMIT = 50  # a group's tasks in the API's My work
MY_WORK_SHOWN = 20  # a group's tasks on the My work page; the rest are in the task list, filtered
MENTIONS_SHOWN = 300  # the tasks of the latest mentions; older ones are in the task list (filter by label/…)


def my_work(
    *,
    membership,
    now: dt.datetime | None = None,
    limit: int = MY_WORK_LIMIT,
    fields: tuple[str, ...] = (),
) -> dict[str, list[Task]]:
    """Open tasks assigned to me or mentioning me, grouped overdue / today / next 7 days / later / no date.

    The open tasks mentioning me are looked up first, so each group is "(assigned to me) OR (id in that
    set)": both sides use an index (task_my_work, the primary key) instead of probing every open task of
    the workspace. Each group holds its first `limit` tasks; the rest are one click away (All tasks,
    filtered). `fields`: only these columns (a page that shows a few of them)."""
    now = now or timezone.now()
    mentioned = list(
        TaskMention.objects.filter(
            membership=membership,
            workspace_id=membership.workspace_id,
            comment__task__status__in=OPEN_STATUSES,
        )
        .order_by("-comment_id")
        .values_list("comment__task_id", flat=True)
        .distinct()[:MENTIONS_SHOWN]
    )
    mine = Q(workspace_id=membership.workspace_id, assignee=membership, status__in=OPEN_STATUSES)
    if mentioned:
        mine |= ids_in("pk", mentioned) & Q(status__in=OPEN_STATUSES)
    base = Task.objects.filter(mine).select_related("board")
    if fields:
        base = base.only(*fields)
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    week_end = tomorrow + dt.timedelta(days=6)
    groups = {
        "overdue": base.filter(due_at__lt=now).order_by("due_at", "id"),
        "today": base.filter(due_at__gte=now, due_at__lt=tomorrow).order_by("due_at", "id"),
        "week": base.filter(due_at__gte=tomorrow, due_at__lt=week_end).order_by("due_at", "id"),
        "later": base.filter(due_at__gte=week_end).order_by("due_at", "id"),
        "no_date": base.filter(due_at__isnull=True).order_by("-created_at", "id"),
    }
    return {name: list(qs[:limit]) for name, qs in groups.items()}


def team_workload(*, membership) -> list[dict]:
    """Open and overdue tasks per active member, most loaded first."""
    from tradewind.workspaces.models import Membership

    now = timezone.now()
    return list(
        Membership.objects.filter(workspace_id=membership.workspace_id, is_active=True)
        .select_related("user")
        .annotate(
            open_tasks=Count("assigned_tasks", filter=Q(assigned_tasks__status__in=OPEN_STATUSES)),
            overdue_tasks=Count(
                "assigned_tasks",
                filter=Q(assigned_tasks__status__in=OPEN_STATUSES, assigned_tasks__due_at__lt=now),
            ),
            blocked_tasks=Count("assigned_tasks", filter=Q(assigned_tasks__status=TaskStatus.BLOCKED)),
        )
        .order_by("-overdue_tasks", "-open_tasks", "user__full_name")
    )
