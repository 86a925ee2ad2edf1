from __future__ import annotations

import os
import socket

from django.utils import timezone

from tradewind.health.models import WorkerHeartbeat


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def heartbeat_record(*, worker: str | None = None) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker=worker or worker_name(), defaults={"beat_at": timezone.now()}
    )
