"""The board list's progress from the counts the task services keep (issue 10, load): they always agree
with counting the tasks, whatever happens to them, and heal themselves when missing."""

import datetime as dt

from django.db.models import Count

from tests.factories import workspace_today
from tradewind.tasks import selectors, services
from tradewind.tasks.choices import TaskStatus
from tradewind.tasks.counts import board_counts_rebuild
from tradewind.tasks.models import BoardTaskCount, Task


def _kept(board) -> dict:
    return {
        status: n
        for status, n in BoardTaskCount.objects.filter(board=board).values_list("status", "count")
        if n
    }


def _real(board) -> dict:
    return dict(Task.objects.filter(board=board).values_list("status").annotate(n=Count("id")).order_by())


def test_counts_follow_every_change_of_status_and_board(owner):
    a = services.board_create(actor=owner, name="Canton Fair")
    b = services.board_create(actor=owner, name="Key accounts")
    tasks = [services.task_create(actor=owner, title=f"T{i}", board=a) for i in range(4)]
    services.task_set_status(actor=owner, task=tasks[0], status=TaskStatus.DONE)
    services.task_move(actor=owner, task=tasks[1], status=TaskStatus.IN_PROGRESS)
    services.task_set_status(actor=owner, task=tasks[2], status=TaskStatus.CANCELLED)
    services.task_update(actor=owner, task=tasks[3], board=b)
    services.task_update(actor=owner, task=tasks[1], title="renamed")  # no count moves
    loose = services.task_create(actor=owner, title="no board")
    services.task_update(actor=owner, task=loose, board=b)
    weekly = services.task_create(
        actor=owner, title="weekly", board=a, due_date=workspace_today(), recurrence="weekly",
        recurrence_weekdays=[workspace_today().weekday()],
    )  # fmt: skip
    services.task_set_status(actor=owner, task=weekly, status=TaskStatus.DONE)  # its next occurrence is made
    for board in (a, b):
        assert _kept(board) == _real(board)
    assert _kept(a) == {"done": 2, "in_progress": 1, "cancelled": 1, "todo": 1}


def test_the_board_list_shows_totals_done_and_overdue(owner):
    board = services.board_create(actor=owner, name="Canton Fair")
    yesterday = workspace_today() - dt.timedelta(days=1)
    late = services.task_create(actor=owner, title="late", board=board, due_date=yesterday)
    done_late = services.task_create(actor=owner, title="done late", board=board, due_date=yesterday)
    services.task_set_status(actor=owner, task=done_late, status=TaskStatus.DONE)
    gone = services.task_create(actor=owner, title="gone", board=board)
    services.task_set_status(actor=owner, task=gone, status=TaskStatus.CANCELLED)
    [shown] = selectors.boards_with_progress(membership=owner)
    assert (shown.total, shown.done, shown.overdue) == (2, 1, 1)
    assert late.status == TaskStatus.TODO


def test_a_missing_count_is_made_from_the_tasks_and_a_rebuild_recounts(owner):
    board = services.board_create(actor=owner, name="Canton Fair")
    for i in range(3):
        services.task_create(actor=owner, title=f"T{i}", board=board)
    BoardTaskCount.objects.all().delete()  # tasks written in bulk, around the services
    services.task_create(actor=owner, title="one more", board=board)
    assert _kept(board) == {"todo": 4}
    BoardTaskCount.objects.filter(board=board).update(count=99)
    board_counts_rebuild(workspace_ids=[owner.workspace_id])
    assert _kept(board) == _real(board) == {"todo": 4}
