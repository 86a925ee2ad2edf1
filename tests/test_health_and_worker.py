import signal
import subprocess
import time
import urllib.request
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from tests.processes import PYTHON, child_env, free_port
from tradewind.health.models import WorkerHeartbeat
from tradewind.health.services import heartbeat_record
from tradewind.health.tasks import ping


def test_healthz_reports_every_check(db):
    heartbeat_record(worker="w1")
    r = Client().get("/healthz")
    assert r.status_code == 200
    checks = r.json()["checks"]
    assert set(checks) == {"database", "migrations", "worker", "channel_layer"}
    assert all(c["ok"] for c in checks.values())
    expected = "RedisChannelLayer" if settings.REDIS_URL else "InMemoryChannelLayer"
    assert checks["channel_layer"]["backend"] == expected


def test_healthz_is_503_when_the_worker_is_silent(db):
    WorkerHeartbeat.objects.create(worker="old", beat_at=timezone.now() - timedelta(minutes=10))
    r = Client().get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"]["worker"] == {"ok": False, "age_seconds": 600}


def _wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_the_worker_process_consumes_the_queue(transactional_db):
    """`tradewind worker` as a real process picks up a task queued here (SQLite file queue, or Redis)."""
    worker = subprocess.Popen([PYTHON, "-m", "tradewind", "worker"], env=child_env())
    label = f"ping-{uuid.uuid4().hex[:8]}"
    HUEY.immediate = False
    try:
        ping(label)
        assert _wait_for(lambda: WorkerHeartbeat.objects.filter(worker=label).exists()), (
            "the worker never ran it"
        )
        assert WorkerHeartbeat.objects.exclude(worker=label).exists(), "the worker beats on start"
    finally:
        HUEY.immediate = True
        worker.send_signal(signal.SIGINT)
        assert worker.wait(timeout=20) == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop", "group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c to the terminal's process group", "SIGTERM to the server alone"],
)
def test_serve_runs_http_websockets_and_the_worker_and_stops_on_ctrl_c(transactional_db, stop, group):
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "tradewind", "serve", "--port", str(port), "--no-migrate"],
        env=child_env(),
        start_new_session=True,
    )

    def healthy():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        assert _wait_for(healthy, timeout=40), "serve never became healthy (HTTP + worker heartbeat)"
    finally:
        # Ctrl-C in a terminal signals the whole process group; a service manager may signal the server only.
        import os

        if group:
            os.killpg(server.pid, stop)
        else:
            os.kill(server.pid, stop)
        assert server.wait(timeout=30) == 0
    assert _wait_for(
        lambda: (
            subprocess.run(["pgrep", "-g", str(server.pid)], capture_output=True, text=True).stdout.split()
            == []
        ),
        timeout=20,
    ), "the worker outlived the server"
