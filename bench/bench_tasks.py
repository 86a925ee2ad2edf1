"""Time the task and notification pages against the raw SQL for the same result, measured in the same run.

    TRADEWIND_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/bench_tasks.py [--n 30] [--show-queries]

Signed in as the busiest member of bench-co (Django test Client, force_login: the whole Django stack from
middleware to template, without a network or a WSGI server), each scenario is requested `--warmup` times,
then `--n` times, alternating with its raw SQL floor:

- the SQL floor is hand-written SQL (connection.cursor()) for everything the response shows: the session
  and membership check every request needs, the app shell (bell count, workspace switcher) on HTML pages,
  the page's own extras (board header and progress, filter choices) and the rows themselves — same filters,
  order and limit, only the columns shown. "content" is the rows alone (e.g. My work's five grouped
  queries), timed inside the same floor run; its ratio is printed for information.
- target: page p50 ≤ 3 × floor p50, and the same number of queries whatever the number of rows shown
  (each page is also requested with few rows — the light member, or a narrower filter — and counted with
  CaptureQueriesContext).

The rows of every page are checked against its floor once (task numbers, notification ids, the count).
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import uuid

from _common import (
    BUSY_EMAIL,
    LIGHT_EMAIL,
    MAIN_SLUG,
    database_label,
    db_datetime,
    db_uuid,
)
from _pages import (
    Scenario,
    Who,
    fetch,
    floor_shell,
    floor_unread,
    page_bench_arguments,
    print_queries,
    print_query_counts,
    print_ratios,
    run,
    sign_in,
)
from django.db.models import Count
from django.utils import timezone

from tradewind.tasks.choices import OPEN_STATUSES
from tradewind.tasks.models import Board, Task
from tradewind.tasks.selectors import MENTIONS_SHOWN, MY_WORK_SHOWN

TARGET_RATIO = 3.0
PAGE_SIZE = 50  # tasks:list, the board list and the notification centre show 50 a page
OPEN = tuple(str(s) for s in OPEN_STATUSES)
OPEN_SQL = ", ".join(f"'{s}'" for s in OPEN)


# --- the raw SQL floors ----------------------------------------------------------------------------------


def my_work_bounds(who: Who, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    today = now.astimezone(who.zone).date()
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=who.zone)
    return tomorrow, tomorrow + dt.timedelta(days=6)


def floor_my_work(cursor, who: Who) -> list[int]:
    """My work's five groups, as the selector fetches them: the open tasks mentioning me first (one
    query), then each group as "assigned to me OR id in those" — both sides by index."""
    now = timezone.now()
    tomorrow, week_end = my_work_bounds(who, now)
    mentioned = [
        r[0]
        for r in fetch(
            cursor,
            f"""SELECT c.task_id FROM tasks_taskmention tm
                JOIN tasks_taskcomment c ON c.id = tm.comment_id JOIN tasks_task t ON t.id = c.task_id
                WHERE tm.membership_id = %s AND tm.workspace_id = %s AND t.status IN ({OPEN_SQL})
                GROUP BY c.task_id ORDER BY MAX(tm.comment_id) DESC LIMIT {MENTIONS_SHOWN}""",
            [who.mid, who.wid],
        )
    ]
    either = "t.assignee_id = %s"
    me = [who.wid, who.mid]
    if mentioned:
        either += f" OR t.id IN ({', '.join(['%s'] * len(mentioned))})"
        me += mentioned
    base = f"""SELECT t.number, t.public_id, t.title, t.status, t.priority, t.due_date, t.due_time, t.due_at,
                      t.assignee_id, b.name
               FROM tasks_task t LEFT JOIN tasks_board b ON b.id = t.board_id
               WHERE t.workspace_id = %s AND t.status IN ({OPEN_SQL}) AND ({either})"""
    n, t, w = db_datetime(now), db_datetime(tomorrow), db_datetime(week_end)
    groups = [
        ("AND t.due_at < %s ORDER BY t.due_at, t.id", [n]),
        ("AND t.due_at >= %s AND t.due_at < %s ORDER BY t.due_at, t.id", [n, t]),
        ("AND t.due_at >= %s AND t.due_at < %s ORDER BY t.due_at, t.id", [t, w]),
        ("AND t.due_at >= %s ORDER BY t.due_at, t.id", [w]),
        ("AND t.due_at IS NULL ORDER BY t.created_at DESC, t.id", []),
    ]
    numbers = []
    for condition, params in groups:
        # The page reads one more than it shows (is there more?) and shows MY_WORK_SHOWN.
        rows = fetch(cursor, f"{base} {condition} LIMIT {MY_WORK_SHOWN + 1}", me + params)
        numbers += [r[0] for r in rows[:MY_WORK_SHOWN]]
    return numbers


def floor_labels(cursor, task_ids: list[int]) -> None:
    if task_ids:
        marks = ", ".join(["%s"] * len(task_ids))
        fetch(
            cursor,
            f"""SELECT tl.task_id, l.name FROM tasks_tasklabel tl JOIN tasks_label l ON l.id = tl.label_id
                WHERE tl.task_id IN ({marks}) ORDER BY l.name""",
            task_ids,
        )


def floor_board_head(cursor, who: Who, board: Board) -> None:
    """The board page around the list: the board, its progress line, the filter form's choices."""
    fetch(
        cursor,
        "SELECT id, name, description, is_archived, created_by_id FROM tasks_board "
        "WHERE workspace_id = %s AND public_id = %s",
        [who.wid, db_uuid(board.public_id)],
    )
    fetch(
        cursor,
        f"""SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'done'),
                   COUNT(*) FILTER (WHERE status IN ({OPEN_SQL}) AND due_at < %s)
            FROM tasks_task WHERE board_id = %s AND status <> 'cancelled'""",
        [db_datetime(timezone.now()), board.pk],
    )
    fetch(
        cursor,
        """SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
           JOIN accounts_user u ON u.id = m.user_id
           WHERE m.workspace_id = %s AND m.is_active = %s ORDER BY u.full_name""",
        [who.wid, True],
    )
    fetch(cursor, "SELECT name FROM tasks_label WHERE workspace_id = %s ORDER BY name", [who.wid])


def floor_board_list(cursor, who: Who, board: Board, priority: str) -> list[int]:
    """A board's list view filtered to open tasks of one priority, sorted by due date: one page."""
    rows = fetch(
        cursor,
        f"""SELECT t.id, t.number, t.public_id, t.title, t.status, t.priority,
                   t.due_date, t.due_time, t.due_at, u.full_name, u.email, b.public_id, b.name
            FROM tasks_task t
            LEFT JOIN workspaces_membership m ON m.id = t.assignee_id
            LEFT JOIN accounts_user u ON u.id = m.user_id
            LEFT JOIN tasks_board b ON b.id = t.board_id
            WHERE t.workspace_id = %s AND t.board_id = %s AND t.status IN ({OPEN_SQL}) AND t.priority = %s
            ORDER BY t.due_at ASC NULLS LAST, t.position, t.id LIMIT {PAGE_SIZE + 1}""",
        [who.wid, board.pk, priority],
    )[:PAGE_SIZE]
    floor_labels(cursor, [r[0] for r in rows])
    return [r[1] for r in rows]


def floor_notifications(cursor, who: Who) -> list[str]:
    rows = fetch(
        cursor,
        f"""SELECT public_id, title, message, created_at, read_at FROM notifications_notification
            WHERE recipient_id = %s ORDER BY created_at DESC, id DESC LIMIT {PAGE_SIZE + 1}""",
        [who.mid],
    )[:PAGE_SIZE]
    return [str(uuid.UUID(str(r[0]))) for r in rows]  # SQLite answers 32 hex digits, PostgreSQL a UUID


# --- what a page shows -----------------------------------------------------------------------------------

TASK_CODE_MY_WORK = re.compile(r'<span class="mono muted">T-(\d+)</span>')
TASK_CODE_ROW = re.compile(r'<td data-label="#" class="mono">T-(\d+)</td>')
NOTIFICATION_ID = re.compile(r"/notifications/([0-9a-f-]{36})/open/")


def shown_my_work(response) -> list[int]:
    return [int(n) for n in TASK_CODE_MY_WORK.findall(response.content.decode())]


def shown_task_rows(response) -> list[int]:
    return [int(n) for n in TASK_CODE_ROW.findall(response.content.decode())]


def shown_notifications(response) -> list[str]:
    return NOTIFICATION_ID.findall(response.content.decode())


def shown_count(response) -> list[int]:
    return [response.json()["unread"]]


def light_member_refresh(light: Who) -> None:
    """Give the light member exactly one open task in each My work group, as of now (the generator's dates
    were right on the day it ran)."""
    tasks = list(Task.objects.filter(assignee=light.membership, status="todo").order_by("number")[:5])
    today = timezone.now().astimezone(light.zone).date()
    for task, due in zip(
        tasks,
        [
            today - dt.timedelta(days=1),
            today,
            today + dt.timedelta(days=3),
            today + dt.timedelta(days=30),
            None,
        ],
        strict=False,
    ):
        due_at = (
            dt.datetime.combine(due, dt.time(23, 59, 59), tzinfo=light.zone).astimezone(dt.UTC)
            if due
            else None
        )
        Task.objects.filter(pk=task.pk).update(due_date=due, due_time=None, due_at=due_at)


def main() -> None:
    args = page_bench_arguments(__doc__)

    busy, light = sign_in(BUSY_EMAIL, MAIN_SLUG), sign_in(LIGHT_EMAIL, MAIN_SLUG)
    light_member_refresh(light)
    board = (
        Board.objects.filter(workspace_id=busy.wid).annotate(n=Count("tasks")).order_by("-n", "id").first()
    )
    one_task = Task.objects.filter(board=board, status__in=OPEN, priority="high").order_by("-number").first()
    w = f"/w/{MAIN_SLUG}"
    board_url = f"{w}/boards/{board.public_id}/?view=list&status=open&priority=high"
    scenarios = [
        Scenario(
            name="My work",
            who=busy,
            url=f"{w}/tasks/",
            shown=shown_my_work,
            head=lambda c: floor_shell(c, busy),
            content=lambda c: floor_my_work(c, busy),
            small_who=light,
            small_url=f"{w}/tasks/",
        ),
        Scenario(
            name="Board list, open+high",
            who=busy,
            url=board_url,
            shown=shown_task_rows,
            head=lambda c: (floor_shell(c, busy), floor_board_head(c, busy, board)),
            content=lambda c: floor_board_list(c, busy, board, "high"),
            small_who=busy,
            small_url=f"{board_url}&q=T-{one_task.number}",
        ),
        Scenario(
            name="Notification list",
            who=busy,
            url=f"{w}/notifications/",
            shown=shown_notifications,
            head=lambda c: floor_shell(c, busy),
            content=lambda c: floor_notifications(c, busy),
            small_who=light,
            small_url=f"{w}/notifications/",
        ),
        Scenario(
            name="Unread count (API)",
            who=busy,
            url=f"/api/v1/workspaces/{MAIN_SLUG}/notifications/unread-count",
            shown=shown_count,
            head=lambda c: None,
            content=lambda c: floor_unread(c, busy),
            small_who=light,
            small_url=f"/api/v1/workspaces/{MAIN_SLUG}/notifications/unread-count",
        ),
    ]

    tasks_total = Task.objects.filter(workspace_id=busy.wid).count()
    print(f"Database: {database_label()}")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}; {timezone.now():%Y-%m-%d %H:%M} UTC"
    )
    print(
        f"Data: {tasks_total:,} tasks in {MAIN_SLUG}; timed as {BUSY_EMAIL}; board “{board.name}” "
        f"({board.n:,} tasks); n={args.n} after {args.warmup} warm-ups"
    )
    results = []
    for s in scenarios:
        results.append(run(s, n=args.n, warmup=args.warmup))

    print()
    print_ratios(results, TARGET_RATIO)
    print()
    print_query_counts(results, fewer="fewer (an empty group skips its labels query)")
    mismatched = [r.name for r in results if not r.match]
    if mismatched:
        print(f"\n!! rows differ from the floor: {', '.join(mismatched)}")
    within = sum(r.ratio <= TARGET_RATIO for r in results)
    constant = all(r.queries <= r.small_queries for r in results)
    print(
        f"\nSummary: {within} of {len(results)} pages within {TARGET_RATIO:g}× their SQL floor; "
        f"query counts {'independent of the rows shown' if constant else 'GROW with the rows shown'}."
    )

    if args.show_queries or args.explain:
        print_queries(results, explain_top=3 if args.explain else 0, show=args.show_queries)


if __name__ == "__main__":
    main()
