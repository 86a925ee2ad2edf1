"""Helpers for tests that run Tradewind as separate processes (worker, server, CLI)."""

from __future__ import annotations

import os
import socket
import sys

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
