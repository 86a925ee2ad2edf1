"""Helpers for tests that run Tradewind as separate processes (worker, server, CLI)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def database_url_for_children() -> str:
    """The URL of the database this test run uses (the test database), for a child process."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def child_env(**extra) -> dict[str, str]:
    env = os.environ.copy()
    env["TRADEWIND_DATABASE_URL"] = database_url_for_children()
    env.update({k: str(v) for k, v in extra.items()})
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PYTHON = sys.executable


def _answers_http(url: str, *, healthy: bool = False) -> bool:
    """The server answers (`healthy`: with 200, i.e. its worker has reported in too)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:  # 503 without a worker heartbeat: up, its worker not yet
        return not healthy
    except OSError:
        return False


@contextmanager
def serving(port: int, log_path: Path, *, worker: bool = False) -> Iterator[str]:
    """`tradewind serve` (uvicorn: HTTP and /ws/; its worker too if `worker`) on the test database and
    `port`, for the block; yields its base URL. Stopped as an operator would (SIGINT), killed if it
    lingers."""
    base = f"http://127.0.0.1:{port}"
    options = [] if worker else ["--no-worker"]
    with log_path.open("ab") as log:
        server = subprocess.Popen(
            [PYTHON, "-m", "tradewind", "serve", *options, "--no-migrate", "--port", str(port)],
            env=child_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # With its worker, until the worker has started too: what a test sends to it (a mention's
        # notification) would otherwise wait for a process still importing Django on a busy machine.
        deadline = time.monotonic() + (60 if worker else 30)
        while not _answers_http(base + "/healthz", healthy=worker):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"tradewind serve did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)
