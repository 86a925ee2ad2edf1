"""Worker jobs for notifications. The functions they call are safe to run in several workers at once."""

import time

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from tradewind.notifications.delivery import deliveries_send_due
from tradewind.notifications.digest import digests_queue
from tradewind.notifications.reminders import reminders_fire_due

TICK_SECONDS = 50  # a tick stops short of the next minute's


def notifications_drain(*, budget_seconds: float = TICK_SECONDS) -> dict:
    """Fire due reminders, queue digests, send due deliveries — until nothing is due or time is up."""
    deadline = time.monotonic() + budget_seconds
    fired = sent = 0
    while time.monotonic() < deadline:
        batch = reminders_fire_due()
        fired += batch
        if not batch:
            break
    digests_queue()
    sent += deliveries_send_due()
    return {"fired": fired, "sent": sent}


@db_periodic_task(crontab(minute="*"))
def notifications_tick():
    notifications_drain()


@db_task()
def deliveries_send():
    """Queued by notify() after its transaction commits, so immediate messages do not wait for the tick."""
    deliveries_send_due()


@on_startup()
def drain_on_start():
    # A worker that was down (or killed) catches up at once instead of at the next minute.
    # (No huey lock_task anywhere here: a SIGKILLed worker would leave the lock held for ever;
    # the claims in reminders.py and delivery.py already make concurrent runs safe.)
    notifications_tick_now()


@db_task()
def notifications_tick_now():
    notifications_drain()
