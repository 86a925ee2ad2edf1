from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from tradewind.health.services import heartbeat_record


@on_startup()
def heartbeat_on_start():
    from django.db import close_old_connections

    close_old_connections()
    heartbeat_record()


@db_periodic_task(crontab(minute="*"))
def heartbeat():
    heartbeat_record()


@db_task()
def ping(worker_label: str) -> str:
    """Round-trip probe used by tests and `tradewind check-worker`: proves a worker consumed the queue."""
    heartbeat_record(worker=worker_label)
    return worker_label
