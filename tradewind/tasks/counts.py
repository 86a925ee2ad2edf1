"""The board list's task counts per (board, status), kept as tasks are made and change status or board.

Every write of a task's board or status in tasks/services.py calls `task_counted` after saving, with the
(board, status) it had before. A missing row is made from a real count (a board made before the counts
existed, or tasks written in bulk by a generator), so a count heals itself on the next write;
`board_counts_rebuild` recounts everything (after bulk loads, and by the migration that added them).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from tradewind.tasks.models import BoardTaskCount, Task


def task_counted(task: Task, *, before: tuple[int | None, str] | None) -> None:
    """`task` was saved; `before` is its (board id, status) before (None: it is new)."""
    after = (task.board_id, task.status)
    if before == after:
        return
    if before is not None:
        _add(task.workspace_id, *before, -1)
    _add(task.workspace_id, *after, +1)


def _add(workspace_id: int, board_id: int | None, status: str, delta: int) -> None:
    if board_id is None:
        return
    if BoardTaskCount.objects.filter(board_id=board_id, status=status).update(count=F("count") + delta):
        return
    # No row yet: count what is there (the task just saved included) and keep it from now on.
    actual = Task.objects.filter(board_id=board_id, status=status).count()
    try:
        with transaction.atomic():
            BoardTaskCount.objects.create(
                workspace_id=workspace_id, board_id=board_id, status=status, count=actual
            )
    except IntegrityError:  # another request made the row a moment ago, counting this task or not
        BoardTaskCount.objects.filter(board_id=board_id, status=status).update(
            count=Task.objects.filter(board_id=board_id, status=status).count()
        )


@transaction.atomic
def board_counts_rebuild(*, workspace_ids=None) -> int:
    """Recount every board's tasks (of these workspaces); returns how many count rows were written."""
    tasks = Task.objects.filter(board__isnull=False)
    counts = BoardTaskCount.objects.all()
    if workspace_ids is not None:
        tasks, counts = (
            tasks.filter(workspace_id__in=workspace_ids),
            counts.filter(workspace_id__in=workspace_ids),
        )
    counts.delete()
    rows = [
        BoardTaskCount(
            workspace_id=r["workspace_id"], board_id=r["board_id"], status=r["status"], count=r["n"]
        )
        for r in tasks.values("workspace_id", "board_id", "status").annotate(n=Count("id")).order_by()
    ]
    BoardTaskCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
