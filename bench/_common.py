"""Shared by the bench scripts: Django set-up, the guard against the wrong database, small helpers.

Importing this module configures and starts Django, so it must be imported before any model.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import statistics
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradewind.settings")
os.environ.setdefault("TRADEWIND_ENV", "test")  # the fast password hasher; nothing else changes

# The database names other people's test runs use; the bench must never write there.
FORBIDDEN_DATABASES = {"tradewind", "test_tradewind"}


def _guard() -> None:
    """Refuse to run unless the database was chosen on purpose and is not a shared one."""
    if not os.environ.get("TRADEWIND_DATABASE_URL") and not os.environ.get("TRADEWIND_DATA_DIR"):
        sys.exit(
            "bench: set TRADEWIND_DATA_DIR (SQLite) or TRADEWIND_DATABASE_URL (PostgreSQL) explicitly, e.g.\n"
            "  TRADEWIND_DATA_DIR=/tmp/bench-sqlite .venv/bin/python bench/generate_tasks.py\n"
            "The default (./var) is the development database, which the bench must not fill."
        )


_guard()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

_db = settings.DATABASES["default"]
if connection.vendor == "postgresql" and _db["NAME"] in FORBIDDEN_DATABASES:
    sys.exit(f"bench: refusing to use the shared database {_db['NAME']!r}; create e.g. tradewind_bench.")
if connection.vendor == "sqlite" and Path(str(_db["NAME"])).resolve().parent == (REPO / "var").resolve():
    sys.exit(f"bench: refusing to use {_db['NAME']} (the development database); set TRADEWIND_DATA_DIR.")


def require_migrated() -> None:
    """Stop with the command to run when the bench database lacks migrations (the app moves on)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        sys.exit(
            f"bench: the database misses {len(plan)} migrations (first: {plan[0][0]}); run "
            "`.venv/bin/tradewind migrate` with the same TRADEWIND_DATA_DIR / TRADEWIND_DATABASE_URL first."
        )


require_migrated()

# The bench data: one big workspace, two small neighbours, all users under one e-mail domain.
MAIN_SLUG = "bench-co"
NEIGHBOUR_SLUGS = ("bench-neighbour-a", "bench-neighbour-b")
BENCH_SLUGS = (MAIN_SLUG, *NEIGHBOUR_SLUGS)
EMAIL_DOMAIN = "bench.invalid"
BUSY_EMAIL = f"member02@{MAIN_SLUG}.{EMAIL_DOMAIN}"  # the most loaded member: what the pages are timed as
LIGHT_EMAIL = f"member50@{MAIN_SLUG}.{EMAIL_DOMAIN}"  # joined last week: a handful of tasks and notifications

# The customers bench (issue 4, generate_crm.py): its own workspaces and users, apart from the task bench's.
CRM_SLUG = "bench-crm"
CRM_NEIGHBOUR_SLUGS = ("bench-crm-neighbour-a", "bench-crm-neighbour-b")
CRM_SLUGS = (CRM_SLUG, *CRM_NEIGHBOUR_SLUGS)
CRM_EMAIL_DOMAIN = "crm-bench.invalid"
CRM_BUSY_EMAIL = f"rep02@{CRM_SLUG}.{CRM_EMAIL_DOMAIN}"  # a sales rep with 6% of all customers
CRM_LIGHT_EMAIL = f"rep40@{CRM_SLUG}.{CRM_EMAIL_DOMAIN}"  # joined last week: five customers
CRM_MANAGER_EMAIL = f"rep04@{CRM_SLUG}.{CRM_EMAIL_DOMAIN}"


def database_label() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("select sqlite_version()")
            version = cursor.fetchone()[0]
        return f"SQLite {version} ({db['NAME']})"
    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        version = cursor.fetchone()[0]
    return f"PostgreSQL {version} ({db['NAME']} on {db.get('HOST') or 'local socket'})"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def p50(values: list[float]) -> float:
    return statistics.median(values)


def db_datetime(value):
    """A datetime as the backend stores it (SQLite: naive UTC text; PostgreSQL: the aware value)."""
    return connection.ops.adapt_datetimefield_value(value)


def db_uuid(value):
    """A UUID as the backend stores it (SQLite: 32 hex digits; PostgreSQL: the UUID)."""
    return value.hex if connection.vendor == "sqlite" else value


@contextlib.contextmanager
def serving_loop():
    """An event loop in a thread of its own, registered as the process's serving loop — as `tradewind
    serve` has one beside its request threads: realtime pushes made in this thread then hop into it
    (serving/mainloop.py) instead of starting a private loop per push (`async_to_sync`), which only a
    script without a server does."""
    from tradewind.serving.mainloop import remember_main_loop

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="bench-serving-loop", daemon=True)
    thread.start()

    async def register():
        remember_main_loop()

    asyncio.run_coroutine_threadsafe(register(), loop).result(5)
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
