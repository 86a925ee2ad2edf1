"""How long the worker takes to deliver 10k due reminders: in-app notification + chat webhook each.

    TRADEWIND_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/bench_reminders.py [--count 10000]

Needs the data of generate_tasks.py. The reminders are real ones: kind tasks.due_soon / tasks.due_now /
tasks.overdue on open, assigned, overdue tasks of bench-co, with the fire time the tasks app plans for them
(tasks.dates.reminder_moments), so the registered handler (tasks/registry.py) accepts and notifies each.
Every recipient gets a personal Slack-type webhook channel pointing at a receiver on 127.0.0.1 that answers
"ok", and the preference "no e-mail" for these kinds, so each reminder makes exactly one notification and
one webhook delivery.

Then notifications_drain() (tradewind/notifications/tasks.py, what the worker's tick runs) is called until
no reminder is due and no delivery is waiting. Reported: total seconds, reminders/s (fire phase),
deliveries/s (send phase), queries per reminder and per delivery; checked: one notification per reminder,
one webhook request per notification, no delivery id received twice.

Everything the run creates (reminders, notifications, deliveries, channels, preferences) is deleted at the
end unless --keep; leftovers of an interrupted run are deleted at the start.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import MAIN_SLUG, database_label
from django.conf import settings
from django.db import connection
from django.utils import timezone

import tradewind.notifications.tasks as worker_jobs
from tradewind.notifications.choices import DeliveryStatus, EmailMode, Platform
from tradewind.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    Reminder,
    WebhookChannel,
)
from tradewind.tasks import dates
from tradewind.tasks.choices import OPEN_STATUSES
from tradewind.tasks.models import Task
from tradewind.workspaces.models import Workspace

REMINDER_KINDS = ("tasks.due_soon", "tasks.due_now", "tasks.overdue")
NOTIFICATION_KINDS = ("tasks.due_soon", "tasks.overdue")  # what those reminders notify as
HOOK_NAME = "bench receiver"


class Receiver(BaseHTTPRequestHandler):
    """A Slack incoming webhook stand-in: records the delivery id, answers "ok"."""

    lock = threading.Lock()
    delivery_ids: list[str] = []
    bad_bodies = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            ok = "blocks" in json.loads(body)
        except ValueError:
            ok = False
        with self.lock:
            self.delivery_ids.append(self.headers.get("X-Tradewind-Delivery", ""))
            if not ok:
                Receiver.bad_bodies += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Timed:
    """Wraps a worker function to add up its time and the queries it runs."""

    def __init__(self, function, counter):
        self.function, self.counter = function, counter
        self.seconds, self.sql_seconds, self.queries, self.result = 0.0, 0.0, 0, 0

    def __call__(self, *args, **kwargs):
        before, sql_before = self.counter.count, self.counter.seconds
        started = time.perf_counter()
        try:
            result = self.function(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += self.counter.count - before
            self.sql_seconds += self.counter.seconds - sql_before
        self.result += result
        return result


class QueryCounter:
    """Counts the queries and the time spent waiting for them (connection.execute_wrapper)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def cleanup(workspace) -> None:
    """Remove what a bench run adds to bench-co (the generator writes none of these)."""
    Delivery.objects.filter(workspace=workspace).delete()
    Notification.objects.filter(workspace=workspace, dedupe_key__startswith="rem").delete()
    Reminder.objects.filter(workspace=workspace).delete()
    WebhookChannel.objects.filter(workspace=workspace, name=HOOK_NAME).delete()
    NotificationPreference.objects.filter(workspace=workspace, kind__in=NOTIFICATION_KINDS).delete()


def plan_reminders(workspace, count: int, now) -> list[Reminder]:
    """Due reminders for open, assigned, overdue tasks, at the moments the tasks app would have planned."""
    reminders = []
    tasks = (
        Task.objects.filter(
            workspace=workspace,
            status__in=OPEN_STATUSES,
            assignee__isnull=False,
            assignee__is_active=True,
            due_at__lt=now,
        )
        .select_related("workspace", "assignee__user")
        .order_by("id")
    )
    for task in tasks.iterator(chunk_size=2000):
        moments = dates.reminder_moments(task, lead_hours=workspace.task_reminder_lead_hours)
        for kind in REMINDER_KINDS:
            if kind in moments and moments[kind] <= now:
                reminders.append(
                    Reminder(workspace=workspace, kind=kind, target_id=task.public_id, fire_at=moments[kind])
                )
                if len(reminders) == count:
                    return reminders
    return reminders


def huey_queue():
    from huey.contrib.djhuey import HUEY

    return HUEY


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="due reminders to deliver (default 10000)")
    parser.add_argument("--keep", action="store_true", help="keep what the run created")
    args = parser.parse_args()

    workspace = Workspace.objects.filter(slug=MAIN_SLUG).first()
    if workspace is None:
        raise SystemExit("bench: no bench-co workspace; run bench/generate_tasks.py first")
    cleanup(workspace)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    now = timezone.now()
    reminders = Reminder.objects.bulk_create(plan_reminders(workspace, args.count, now))
    n = len(reminders)
    if n < args.count:
        print(f"Only {n} due reminders can be made from this data (asked for {args.count}).")
    task_ids = {r.target_id for r in reminders}
    recipients = sorted(
        set(Task.objects.filter(public_id__in=task_ids).values_list("assignee_id", flat=True))
    )  # fmt: skip
    WebhookChannel.objects.bulk_create(
        [
            WebhookChannel(
                workspace=workspace,
                owner_id=m,
                platform=Platform.SLACK,
                name=HOOK_NAME,
                url=f"http://127.0.0.1:{port}/services/bench/{m}",
                language="en",
            )
            for m in recipients
        ]
    )
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(
                workspace=workspace, membership_id=m, kind=kind, email=EmailMode.OFF, webhook=True
            )
            for m in recipients
            for kind in NOTIFICATION_KINDS
        ]
    )

    queue = huey_queue()
    queued_before = queue.pending_count()
    counter = QueryCounter()
    fire = Timed(worker_jobs.reminders_fire_due, counter)
    send = Timed(worker_jobs.deliveries_send_due, counter)
    worker_jobs.reminders_fire_due, worker_jobs.deliveries_send_due = fire, send
    print(f"Database: {database_label()}")
    print(
        f"{n} due reminders for {len(task_ids)} tasks, {len(recipients)} recipients; receiver on port {port}"
    )

    drains, total = 0, 0.0
    with connection.execute_wrapper(counter):
        while True:
            started = time.perf_counter()
            worker_jobs.notifications_drain(budget_seconds=3600)
            total += time.perf_counter() - started
            drains += 1
            due = Reminder.objects.filter(workspace=workspace, processed_at__isnull=True).count()
            waiting = Delivery.objects.filter(
                workspace=workspace, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
            ).count()
            if (due == 0 and waiting == 0) or drains >= 20:
                break
    server.shutdown()
    queued = queue.pending_count() - queued_before

    notes = Notification.objects.filter(workspace=workspace, dedupe_key__startswith="rem")
    note_count = notes.count()
    duplicate_notes = note_count - notes.values("recipient_id", "dedupe_key").distinct().count()
    sent = Delivery.objects.filter(workspace=workspace, channel="webhook", status=DeliveryStatus.SENT).count()
    failed = Delivery.objects.filter(workspace=workspace).exclude(status=DeliveryStatus.SENT).count()
    received = list(Receiver.delivery_ids)
    checks = [
        ("reminders processed", fire.result, n),
        ("in-app notifications", note_count, n),
        ("webhook deliveries sent", sent, n),
        ("webhook requests received", len(received), n),
        ("distinct delivery ids received", len(set(received)), n),
        ("duplicate notifications", duplicate_notes, 0),
        ("deliveries not sent", failed, 0),
        ("requests with a bad body", Receiver.bad_bodies, 0),
    ]

    print(f"\nnotifications_drain() ×{drains}: {total:.1f} s for {n} reminders → {n / total:.0f} reminders/s")
    for label, phase, unit in (
        ("fire phase (reminders_fire_due)", fire, "reminder"),
        ("send phase (deliveries_send_due)", send, "delivery"),
    ):
        print(
            f"  {label}: {phase.seconds:.1f} s, {phase.result / phase.seconds:.0f}/s, "
            f"{phase.queries / max(1, phase.result):.1f} queries per {unit} ({phase.sql_seconds:.1f}s in SQL)"
        )
    print(f"  other (digests, loop): {total - fire.seconds - send.seconds:.1f} s")
    print(f"  worker jobs queued meanwhile (deliveries_send, one per notify): {queued}")
    print()
    ok = True
    for label, got, expected in checks:
        good = got == expected
        ok &= good
        print(f"  {label:32} {got:>7}  {'OK' if good else f'EXPECTED {expected}'}")

    if not args.keep:
        cleanup(workspace)
        huey = settings.HUEY
        if huey.get("huey_class") == "huey.SqliteHuey" and Path(huey["filename"]).parent == settings.DATA_DIR:
            queue.flush()  # the bench's own queue file: drop the no-op jobs the run queued
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
