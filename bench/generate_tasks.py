"""Fill the bench database: workspace "bench-co" (50 members, 20 boards, 200k tasks, 1M history entries,
500k notifications, labels, comments with mentions) and two small neighbour workspaces.

    TRADEWIND_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/generate_tasks.py [--scale 0.05]

Rows go in with COPY (PostgreSQL) or executemany (SQLite), not through the ORM: the big tables would take
tens of minutes one save() at a time. Re-running replaces the bench workspaces (and only them: the
workspaces named bench-*, the users under @*.bench.invalid). PostgreSQL gets VACUUM ANALYZE afterwards,
as autovacuum would do after a load this size; SQLite is left as the application leaves it (no ANALYZE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field

from _bulk import ID_RANDOM, Writer, drop_workspaces, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import (
    BENCH_SLUGS,
    BUSY_EMAIL,
    EMAIL_DOMAIN,
    LIGHT_EMAIL,
    MAIN_SLUG,
    NEIGHBOUR_SLUGS,
    database_label,
)
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from tradewind.accounts.models import User
from tradewind.activity.models import Activity
from tradewind.notifications.models import Notification
from tradewind.tasks.choices import OPEN_STATUSES, TaskEventKind, TaskStatus
from tradewind.tasks.counts import board_counts_rebuild
from tradewind.tasks.models import Board, Label, Task, TaskComment, TaskLabel, TaskMention
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Sequence, Workspace

UTC = dt.UTC
PASSWORD = "bench-password-2026"  # every bench user's; printed at the end


@dataclass
class Size:
    members: int
    boards: int
    tasks: int
    events: int
    notifications: int
    comments: int
    mentions: int
    labels: int

    def scaled(self, scale: float) -> Size:
        def s(n, low):
            return max(low, int(n * scale))

        return Size(
            members=self.members,
            boards=self.boards,
            tasks=s(self.tasks, 200),
            events=s(self.events, 400),
            notifications=s(self.notifications, 200),
            comments=s(self.comments, 50),
            mentions=s(self.mentions, 20),
            labels=self.labels,
        )


MAIN_SIZE = Size(
    members=50,
    boards=20,
    tasks=200_000,
    events=1_000_000,
    notifications=500_000,
    comments=50_000,
    mentions=12_000,
    labels=12,
)
NEIGHBOUR_SIZE = Size(
    members=8,
    boards=3,
    tasks=5_000,
    events=25_000,
    notifications=10_000,
    comments=1_000,
    mentions=200,
    labels=5,
)

FIRST_NAMES = [
    "Amy",
    "Kevin",
    "Grace",
    "Lucy",
    "Hans",
    "Sofia",
    "Omar",
    "Mei",
    "Jun",
    "Priya",
    "Ivan",
    "Lena",
]
SURNAMES = [
    "Liu 刘",
    "Zhou 周",
    "He 何",
    "Xu 徐",
    "Chen 陈",
    "Wang 王",
    "Zhang 张",
    "Li 李",
    "Zhao 赵",
    "Sun 孙",
]
ROLES = [Role.SALES] * 5 + [Role.MERCHANDISER] * 2 + [Role.DOCUMENTS, Role.LOGISTICS, Role.SERVICE]
BOARD_NAMES = [
    "广交会 Canton Fair {n}",
    "Key account: Müller GmbH {n}",
    "Shipments {n}",
    "Samples {n}",
    "Product launch {n}",
]
LABEL_NAMES = [
    "quotation",
    "samples",
    "QC",
    "documents",
    "payment",
    "follow-up",
    "marketing",
    "urgent-customer",
    "logistics",
    "certificates",
    "packaging",
    "complaint",
    "tooling",
    "pricing",
]
VERBS = ["Send", "Confirm", "Chase", "Prepare", "Check", "Book", "Review", "Update", "Quote", "Ship"]
THINGS = [
    "revised quotation",
    "pro-forma invoice",
    "samples (DHL)",
    "SGS inspection",
    "Form A certificate",
    "packing list",
    "carton marks",
    "30% deposit",
    "B/L draft",
    "booking with COSCO",
    "price list 2027",
    "tooling invoice",
]
CUSTOMERS = [
    "Müller GmbH",
    "ACME Corp",
    "Olsen A/S",
    "Dubois SARL",
    "Rossi S.p.A.",
    "Nakamura KK",
    "Silva Ltda",
]
NOTE_TITLES = {
    "tasks.assigned": "{actor} assigned T-{n} to you",
    "tasks.mentioned": "{actor} mentioned you in T-{n}",
    "tasks.comment": "{actor} commented on T-{n}",
    "tasks.status": "{actor} moved T-{n} to “Done”",
    "tasks.due_soon": "T-{n} is due soon",
    "tasks.overdue": "T-{n} is overdue",
}
NOTE_KINDS = list(NOTE_TITLES)
NOTE_KIND_WEIGHTS = [20, 8, 30, 25, 10, 7]
DIGEST_KINDS = {"tasks.comment", "tasks.status"}  # e-mailed in the daily digest by default
ACTOR_KINDS = {"tasks.assigned", "tasks.mentioned", "tasks.comment", "tasks.status"}  # someone did something


def drop_bench() -> None:
    """Delete the bench workspaces and users (@*.bench.invalid), and everything that points at them."""
    drop_workspaces(BENCH_SLUGS, email_suffix=f".{EMAIL_DOMAIN}")


@dataclass
class Built:
    workspace: Workspace
    members: list[Membership]
    counts: dict = field(default_factory=dict)


def build_workspace(
    w: Writer,
    rng: random.Random,
    *,
    slug: str,
    name: str,
    size: Size,
    now: dt.datetime,
    main: bool,
    extra_users: tuple[User, ...] = (),
) -> Built:
    started = time.monotonic()
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    ws = Workspace.objects.create(name=name, slug=slug, country="CN", time_zone=zone.key, currency="USD")
    password = make_password(PASSWORD)

    # --- people -----------------------------------------------------------------------------------------
    users = []
    for i in range(1, size.members + 1):
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], SURNAMES[(i * 7) % len(SURNAMES)]
        users.append(
            User(
                email=f"member{i:02d}@{slug}.{EMAIL_DOMAIN}",
                full_name=f"{first} {last} {i:02d}",
                password=password,
                language="en" if i % 3 else "zh-hans",
                date_joined=now - dt.timedelta(days=800 if i < size.members else 7),
            )
        )
    users = User.objects.bulk_create(users)
    roles = [Role.OWNER, Role.SALES, Role.ADMIN, *[Role.MANAGER] * 4]
    members = Membership.objects.bulk_create(
        [
            Membership(
                workspace=ws,
                user=u,
                role=roles[i] if i < len(roles) else (Role.VIEWER if i % 17 == 0 else ROLES[i % len(ROLES)]),
            )
            for i, u in enumerate(users)
        ]
        + [Membership(workspace=ws, user=u, role=Role.SALES) for u in extra_users]
    )
    User.objects.filter(id__in=[u.id for u in users]).update(last_workspace=ws)
    member_ids = [m.id for m in members[: size.members]]  # the extra users get no data here
    names = {m.id: u.full_name for m, u in zip(members, users, strict=False)}

    # --- boards and labels ------------------------------------------------------------------------------
    boards = Board.objects.bulk_create(
        [
            Board(
                workspace=ws,
                name=BOARD_NAMES[i % len(BOARD_NAMES)].format(n=f"{i + 1:02d}"),
                description="Everything for this account and season." if i % 2 else "",
                created_by_id=member_ids[i % 7],
            )
            for i in range(size.boards)
        ]
    )
    board_ids = [b.id for b in boards]
    board_weights = [1 / (i + 1) for i in range(len(boards))]  # a few big boards, a long tail
    labels = Label.objects.bulk_create(
        [Label(workspace=ws, name=LABEL_NAMES[i], color="#5f6b7a") for i in range(size.labels)]
    )
    label_ids = [lb.id for lb in labels]

    # --- tasks ------------------------------------------------------------------------------------------
    busy_id = member_ids[1] if main else None
    light_id = member_ids[-1] if main else None
    regular = [m for m in member_ids if m not in (busy_id, light_id)]
    span = dt.timedelta(days=730)
    start = now - span
    n_tasks = size.tasks - (12 if main else 0)
    first_task_id = next_id(Task)
    tasks_created: list[dt.datetime] = []
    tasks_end: list[dt.datetime] = []
    tasks_public: list[uuid.UUID] = []
    tasks_title: list[str] = []
    tasks_assignee: list[int | None] = []
    open_index: list[int] = []
    positions = dict.fromkeys(board_ids, 0.0)

    def task_row(i, created, status, assignee, due_date, due_time, board, priority):
        tid = first_task_id + i
        public = new_uuid()
        title = f"{rng.choice(VERBS)} {rng.choice(THINGS)} — {rng.choice(CUSTOMERS)}"
        completed = None
        if status == TaskStatus.DONE:
            completed = min(now, created + dt.timedelta(days=rng.uniform(0.05, 30)))
        end = completed or now
        updated = completed or created + (now - created) * rng.random()
        if due_date is not None:
            clock = due_time or dt.time(23, 59, 59)
            due_at = dt.datetime.combine(due_date, clock, tzinfo=zone).astimezone(UTC)
        else:
            due_at = None
        position = 0.0
        if board is not None:
            positions[board] += 1.0
            position = positions[board]
        tasks_created.append(created)
        tasks_end.append(end)
        tasks_public.append(public)
        tasks_title.append(title)
        tasks_assignee.append(assignee)
        if status in OPEN_STATUSES:
            open_index.append(i)
        description = (
            "The customer asked for the revised price before Friday; attach the cost sheet and copy the "
            "merchandiser. Payment terms 30% T/T deposit, balance against B/L copy."
            if rng.random() < 0.3
            else ""
        )
        return (
            tid,
            w.uuid(public),
            w.dt(created),
            w.dt(updated),
            ws.id,
            i + 1,
            board,
            title,
            description,
            status,
            "Waiting for the customer's deposit" if status == TaskStatus.BLOCKED else "",
            priority,
            assignee,
            rng.choice(member_ids),
            w.plain(due_date),
            w.plain(due_time),
            w.dt(due_at),
            position,
            w.dt(completed),
            "",
            None,
            "",
            "",
            None,
            None,
        )

    def pick_status(created):
        age = (now - created).days
        p_open = 0.7 if age < 14 else 0.45 if age < 60 else 0.25 if age < 180 else 0.1
        if rng.random() < p_open:
            return rng.choices(OPEN_STATUSES, weights=[60, 30, 10])[0]
        return TaskStatus.DONE if rng.random() < 0.92 else TaskStatus.CANCELLED

    def pick_assignee():
        r = rng.random()
        if r < 0.05:
            return None
        if busy_id is not None and r < 0.11:
            return busy_id
        return rng.choice(regular)

    def regular_tasks():
        for i in range(n_tasks):
            created = start + span * ((i + rng.random()) / n_tasks)
            due_date = due_time = None
            if rng.random() < 0.85:
                due_date = created.astimezone(zone).date() + dt.timedelta(days=rng.randint(1, 40))
                if rng.random() < 0.2:
                    due_time = dt.time(rng.randint(9, 18), rng.choice((0, 30)))
            board = rng.choices(board_ids, weights=board_weights)[0] if rng.random() < 0.9 else None
            priority = rng.choices(["low", "normal", "high", "urgent"], weights=[15, 55, 22, 8])[0]
            yield task_row(
                i, created, pick_status(created), pick_assignee(), due_date, due_time, board, priority
            )
        if main:
            # The light member (joined a week ago): one open task in each My work group, seven done.
            # bench_tasks.py moves these dates to the day it runs.
            today = now.astimezone(zone).date()
            plan = [
                today - dt.timedelta(days=1),
                today,
                today + dt.timedelta(days=3),
                today + dt.timedelta(30),
                None,
            ]
            for k in range(12):
                created = now - dt.timedelta(days=7) + dt.timedelta(hours=k)
                status = TaskStatus.TODO if k < len(plan) else TaskStatus.DONE
                due = plan[k] if k < len(plan) else today - dt.timedelta(days=2)
                yield task_row(n_tasks + k, created, status, light_id, due, None, board_ids[0], "high")

    w.insert(
        Task,
        [
            "id",
            "public_id",
            "created_at",
            "updated_at",
            "workspace_id",
            "number",
            "board_id",
            "title",
            "description",
            "status",
            "blocked_reason",
            "priority",
            "assignee_id",
            "created_by_id",
            "due_date",
            "due_time",
            "due_at",
            "position",
            "completed_at",
            "subject_kind",
            "subject_id",
            "recurrence",
            "recurrence_weekdays",
            "recurrence_month_day",
            "series_id",
        ],
        regular_tasks(),
    )
    total_tasks = len(tasks_created)
    Sequence.objects.update_or_create(workspace=ws, key="task", defaults={"last": total_tasks})

    # --- labels on tasks ----------------------------------------------------------------------------------
    def task_labels():
        for i in range(total_tasks):
            if rng.random() < 0.35:
                chosen = rng.sample(label_ids, 2 if rng.random() < 0.3 else 1)
                for label in chosen:
                    yield (ws.id, first_task_id + i, label)

    w.insert(TaskLabel, ["workspace_id", "task_id", "label_id"], task_labels())

    # --- comments and mentions ----------------------------------------------------------------------------
    first_comment_id = next_id(TaskComment)
    comment_task: list[int] = []

    def comment_row(k, i, author, body):
        created = tasks_created[i] + (tasks_end[i] - tasks_created[i]) * rng.random()
        comment_task.append(i)
        stamp = w.dt(created)
        task_id = i + first_task_id
        return (first_comment_id + k, w.uuid(new_uuid()), stamp, stamp, ws.id, task_id, author, body)

    def comments():
        for k in range(size.comments):
            i = rng.randrange(total_tasks)
            yield comment_row(k, i, rng.choice(member_ids), "Customer confirmed by e-mail, see attachment.")
        if main:  # the light member is mentioned on one open task of someone else's
            i = next(i for i in reversed(open_index) if tasks_assignee[i] not in (light_id, None))
            yield comment_row(size.comments, i, busy_id, "@member50 can you check the carton marks?")

    w.insert(
        TaskComment,
        ["id", "public_id", "created_at", "updated_at", "workspace_id", "task_id", "author_id", "body"],
        comments(),
    )
    n_comments = len(comment_task)

    def mentions():
        chosen = rng.sample(range(size.comments), min(size.mentions, size.comments))
        for k in chosen:
            who = busy_id if busy_id is not None and rng.random() < 0.1 else rng.choice(member_ids)
            yield (ws.id, first_comment_id + k, who)
        if main:
            yield (ws.id, first_comment_id + size.comments, light_id)

    w.insert(TaskMention, ["workspace_id", "comment_id", "membership_id"], mentions())

    # --- history: a "created" entry per task, then changes over its life ----------------------------------
    transitions = [
        ("todo", "in_progress"),
        ("in_progress", "done"),
        ("todo", "done"),
        ("in_progress", "todo"),
    ]
    blocked = {"from": "in_progress", "to": "blocked", "reason": "Waiting for the customer's deposit"}
    event_data = {  # the shapes tasks/services.py writes
        TaskEventKind.CREATED: [{}],
        TaskEventKind.STATUS: [{"from": a, "to": b, "reason": ""} for a, b in transitions] + [blocked],
        TaskEventKind.ASSIGNED: [
            {"from": names[a], "to": names[b]}
            for a, b in zip(member_ids, member_ids[1:] + member_ids[:1], strict=True)
        ],
        TaskEventKind.DUE: [{"from": f"2026-03-0{d}", "to": f"2026-03-1{d}"} for d in range(1, 10)],
        TaskEventKind.PRIORITY: [{"from": "normal", "to": "high"}, {"from": "high", "to": "urgent"}],
        TaskEventKind.COMMENT: [{"comment": str(new_uuid())} for _ in range(50)],
        TaskEventKind.CHECKLIST: [{"added": "Check carton marks"}, {"done": "Send packing list"}],
        TaskEventKind.LABELS: [{"from": [], "to": ["QC"]}],
        TaskEventKind.TITLE: [{"from": "Send quotation", "to": "Send revised quotation"}],
    }
    event_data = {k: [json.dumps(d, ensure_ascii=False) for d in v] for k, v in event_data.items()}
    change_kinds = [k for k in event_data if k != TaskEventKind.CREATED]
    change_weights = [35, 15, 12, 8, 15, 8, 4, 3]

    def events():  # the task's history: activity rows about the task (tasks/history.py)
        def row(i, kind, data, at):
            return (w.uuid(new_uuid()), w.dt(at), ws.id, "tasks.task", w.uuid(tasks_public[i]),
                    f"tasks.{kind}", rng.choice(member_ids), w.dt(at), data)  # fmt: skip

        for i in range(total_tasks):
            yield row(i, "created", "{}", tasks_created[i])
        for _ in range(max(0, size.events - total_tasks)):
            i = rng.randrange(total_tasks)
            kind = rng.choices(change_kinds, weights=change_weights)[0]
            at = tasks_created[i] + (tasks_end[i] - tasks_created[i]) * rng.random()
            yield row(i, kind, rng.choice(event_data[kind]), at)

    columns = [
        "public_id",
        "created_at",
        "workspace_id",
        "subject_kind",
        "subject_id",
        "kind",
        "actor_id",
        "at",
        "data",
    ]
    w.insert(Activity, columns, events())

    # --- notifications: ≈ the same number for every member, ~5% unread -------------------------------------
    def notifications():
        recipients = [m for m in member_ids if m != light_id]
        per_member = size.notifications // len(recipients)
        year = dt.timedelta(days=365)
        plan = [(m, per_member) for m in recipients]
        if main:
            plan.append((light_id, 20))
        for m, count in plan:
            window = year if m != light_id else dt.timedelta(days=7)
            for j in range(count):
                created = now - window + window * ((j + rng.random()) / count)
                i = rng.randrange(total_tasks)
                kind = rng.choices(NOTE_KINDS, weights=NOTE_KIND_WEIGHTS)[0]
                actor = rng.choice(member_ids) if kind in ACTOR_KINDS else None
                title = NOTE_TITLES[kind].format(actor=names[actor] if actor else "", n=i + 1)
                title = f"{title} {tasks_title[i]}"[:200]
                unread = rng.random() < 0.05
                read_at = None if unread else min(now, created + dt.timedelta(hours=rng.uniform(0.1, 72)))
                yield (
                    w.uuid(new_uuid()),
                    ws.id,
                    m,
                    actor,
                    kind,
                    title,
                    "Due " + created.date().isoformat() if kind.startswith("tasks.due") else "",
                    f"/w/{slug}/tasks/{tasks_public[i]}/",
                    "tasks.task",
                    w.uuid(tasks_public[i]),
                    False,
                    w.dt(created),
                    w.dt(read_at),
                    "digested" if kind in DIGEST_KINDS else "",
                    "",
                )

    w.insert(
        Notification,
        [
            "public_id",
            "workspace_id",
            "recipient_id",
            "actor_id",
            "kind",
            "title",
            "message",
            "url",
            "subject_kind",
            "subject_id",
            "urgent",
            "created_at",
            "read_at",
            "email_state",
            "dedupe_key",
        ],
        notifications(),
    )
    print(
        f"  {slug}: {len(members)} members, {len(boards)} boards, {total_tasks} tasks "
        f"({len(open_index)} open), {n_comments} comments, {len(label_ids)} labels "
        f"— {time.monotonic() - started:.1f}s"
    )
    return Built(workspace=ws, members=members)


def finish() -> None:
    """Identity sequences past the ids we chose, the boards' task counts (the services keep them; rows
    written here bypass the services), then fresh planner statistics (PostgreSQL)."""
    reset_sequences(Task, TaskComment)
    board_counts_rebuild(
        workspace_ids=list(Workspace.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    )
    vacuum_analyze(Task, TaskLabel, TaskComment, TaskMention, Activity, Notification, Membership, User, Board)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count (e.g. 0.05)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")

    rng = random.Random(args.seed)
    ID_RANDOM.seed(f"tasks-{args.seed}")  # its own ids: the CRM generator writes activity rows too
    started = time.monotonic()
    print(f"Database: {database_label()}; scale {args.scale}")
    drop_bench()
    now = timezone.now()
    w = Writer()
    main_ws = build_workspace(
        w,
        rng,
        slug=MAIN_SLUG,
        name="Bench Co 基准测试",
        size=MAIN_SIZE.scaled(args.scale),
        now=now,
        main=True,
    )
    busy_user = User.objects.get(email=BUSY_EMAIL)
    for k, slug in enumerate(NEIGHBOUR_SLUGS):
        build_workspace(
            w,
            rng,
            slug=slug,
            name=f"Bench neighbour {'AB'[k]}",
            size=NEIGHBOUR_SIZE.scaled(args.scale),
            now=now,
            main=False,
            extra_users=(busy_user,) if k == 0 else (),  # the busy member's switcher lists two workspaces
        )
    finish()
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    elapsed = time.monotonic() - started
    print(
        f"Done in {elapsed:.1f}s. Busy member: {BUSY_EMAIL}, light member: {LIGHT_EMAIL}, password {PASSWORD}"
    )
    assert main_ws.workspace.slug == MAIN_SLUG


if __name__ == "__main__":
    main()
