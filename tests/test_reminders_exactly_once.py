"""Reminders survive SIGKILL: a real `tradewind worker` process is killed several times while it fires
reminders and sends their chat messages; after a restart every reminder was fired exactly once.

What is exact and what is not (docs/decisions.md): firing a reminder — the in-app notification and the
outbox rows — commits in one transaction with the reminder, so it happens exactly once whatever the
moment of the kill. A chat message that was on the wire when the worker died cannot be known to have
arrived, so it is sent again with the same `X-Tradewind-Delivery` id: a receiver sees every delivery
at least once, and a duplicate only for a message in flight at a kill (at most one per worker thread).
"""

import datetime as dt
import random
import signal
import subprocess
import time
import zoneinfo

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from tests.processes import PYTHON, child_env
from tests.receiver import Receiver
from tradewind.notifications.choices import DeliveryStatus, EmailMode
from tradewind.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    Reminder,
    WebhookChannel,
)
from tradewind.tasks import services as task_services
from tradewind.tasks.models import Task
from tradewind.workspaces.choices import Role

TASKS = 300
KILLS = 5
WORKER_THREADS = 2


def _midday_zone(now: dt.datetime) -> str:
    """A fixed-offset zone where it is around noon now, so "now + a few seconds" never crosses midnight."""
    offset = (12 - now.hour + 12) % 24 - 12
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_reminders_are_fired_exactly_once_across_sigkills(transactional_db):
    rng = random.Random(20261127)
    workspace = WorkspaceFactory(slug="kill-co")
    manager = MembershipFactory(workspace=workspace, role=Role.MANAGER)
    zone = _midday_zone(timezone.now())
    reps = [
        MembershipFactory(workspace=workspace, role=Role.SALES, user=UserFactory(time_zone=zone))
        for _ in range(10)
    ]
    with Receiver() as receiver:
        for rep in reps:
            WebhookChannel.objects.create(
                workspace=workspace, owner=rep, platform="slack", name="me", url=receiver.url
            )
            # Only the reminders' messages travel: no e-mail, no chat message for the assignment itself.
            for kind in ("tasks.assigned", "tasks.due_soon"):
                NotificationPreference.objects.create(
                    workspace=workspace,
                    membership=rep,
                    kind=kind,
                    email=EmailMode.OFF,
                    webhook=kind == "tasks.due_soon",
                )
        later = (timezone.now() + dt.timedelta(hours=1)).astimezone(zoneinfo.ZoneInfo(zone))
        for i in range(TASKS):
            task_services.task_create(
                actor=manager,
                title=f"Task {i}",
                assignee=reps[i % len(reps)],
                due_date=later.date(),
                due_time=later.time().replace(microsecond=0),
            )
        # Creating them takes a while (longer on PostgreSQL or a busy machine); now bring every deadline to
        # two seconds from now, the tasks and their reminders alike, as a due-date edit would.
        due = (timezone.now() + dt.timedelta(seconds=2)).replace(microsecond=0)
        local_due = due.astimezone(zoneinfo.ZoneInfo(zone))
        Task.objects.filter(workspace=workspace).update(
            due_date=local_due.date(), due_time=local_due.time(), due_at=due
        )
        assert Reminder.objects.filter(kind="tasks.due_now").update(fire_at=due) == TASKS
        assert not Delivery.objects.exists()
        assert _wait(lambda: timezone.now() > due, 30)

        env = child_env(TRADEWIND_DELIVERY_LEASE_SECONDS=2, TRADEWIND_WORKER_THREADS=WORKER_THREADS)
        kills = 0
        progress = []  # (reminders fired, deliveries sent) after each kill

        def state():
            return (
                Reminder.objects.filter(kind="tasks.due_now", processed_at__isnull=False).count(),
                Delivery.objects.filter(status=DeliveryStatus.SENT).count(),
            )

        for _ in range(KILLS):
            before = state()
            worker = subprocess.Popen([PYTHON, "-m", "tradewind", "worker"], env=env)
            # Kill it while it works: once it has committed something new, at a random moment after.
            _wait(lambda before=before: state() != before or before == (TASKS, TASKS), timeout=60)
            time.sleep(rng.uniform(0, 0.3))
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            kills += 1
            progress.append(state())

        worker = subprocess.Popen([PYTHON, "-m", "tradewind", "worker"], env=env)
        try:
            finished = _wait(
                lambda: (
                    not Reminder.objects.filter(processed_at__isnull=True, kind="tasks.due_now").exists()
                    and Delivery.objects.filter(status=DeliveryStatus.SENT).count() == TASKS
                ),
                timeout=120,
            )
        finally:
            worker.send_signal(signal.SIGINT)
            worker.wait(timeout=30)
        received = receiver.delivery_ids()

    assert finished, (
        f"not done: {Reminder.objects.filter(processed_at__isnull=True).count()} reminders unfired, "
        f"{Delivery.objects.exclude(status=DeliveryStatus.SENT).count()} deliveries unsent"
    )
    # Exactly once where the database decides: one notification and one outbox row per reminder.
    assert Notification.objects.filter(kind="tasks.due_soon").count() == TASKS
    assert Notification.objects.filter(kind="tasks.due_soon").values("dedupe_key").distinct().count() == TASKS
    keys = set(Delivery.objects.values_list("key", flat=True))
    assert len(keys) == TASKS
    # Nothing lost on the wire: every delivery reached the receiver…
    assert set(received) == keys
    # …and a repeat only for a message that was in flight when its worker was killed.
    duplicates = len(received) - len(set(received))
    print(
        f"\n{kills} SIGKILLs at (fired, sent) = {progress}; {len(received)} requests, {duplicates} repeated"
    )
    assert duplicates <= kills * WORKER_THREADS
    assert sum(1 for p in progress if p != (TASKS, TASKS)) >= 2, "most kills should land mid-work"
