"""How many web processes, threads and database connections Tradewind uses (docs/serving.md).

Pure arithmetic on TRADEWIND_* values: settings.py sizes this process's connection pool from it and the
CLI prints it and starts the processes by it. The rule: the database budget bounds everything. A web
process holds at most one connection per request thread plus one for its websocket consumers (Channels
runs their database calls in a single thread per process), so its pool never needs more than
`threads + 1`; when the budget cannot give every process that much, the process gets fewer threads
rather than threads that wait on the pool (requests then wait in the admission queue, which is cheap and
bounded, instead of holding a thread).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

# Connections of one web process beside its request threads: the websocket consumers' database thread.
WEBSOCKET_CONNECTIONS = 1


def cpu_count() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServingPlan:
    web_workers: int  # web processes
    threads: int  # requests in flight per web process
    queue: int  # requests waiting for a thread per web process; more are answered 503 at once
    queue_timeout: int  # seconds a request may wait for a thread before it is answered 503
    pooled: bool  # PostgreSQL connection pool (False: SQLite, or TRADEWIND_DB_POOL=false)
    db_max_connections: int  # the budget: TRADEWIND_DB_MAX_CONNECTIONS
    web_pool_max: int  # connections per web process
    worker_pool_max: int  # connections of the background worker process
    threads_asked: int  # TRADEWIND_WEB_THREADS before the budget was applied

    @property
    def total_connections(self) -> int:
        """The most connections `tradewind serve` (web processes and its worker) opens at once."""
        return self.web_workers * self.web_pool_max + self.worker_pool_max

    def describe(self) -> str:
        line = (
            f"{self.web_workers} web process{'es' if self.web_workers != 1 else ''} × {self.threads} "
            f"thread{'s' if self.threads != 1 else ''}, up to {self.queue} waiting each "
            f"({self.queue_timeout} s at most)"
        )
        if not self.pooled:
            return line
        line += (
            f"; database: {self.web_workers} × {self.web_pool_max} + worker {self.worker_pool_max} = "
            f"{self.total_connections} connections at most (TRADEWIND_DB_MAX_CONNECTIONS="
            f"{self.db_max_connections})"
        )
        if self.threads < self.threads_asked:
            line += (
                f"; threads lowered from {self.threads_asked} to {self.threads} to fit the connection budget"
            )
        return line


def serving_plan(
    *,
    web_workers: int,
    threads: int,
    queue: int,
    queue_timeout: int,
    worker_threads: int,
    pooled: bool,
    db_max_connections: int,
) -> ServingPlan:
    """The plan for these settings; ImproperlyConfigured when the budget cannot serve them at all."""
    worker_pool_max = worker_threads + 1  # its job threads and the consumer's own start-up work
    web_pool_max = threads + WEBSOCKET_CONNECTIONS
    effective_threads = threads
    if pooled:
        per_process = (db_max_connections - worker_pool_max) // web_workers
        if per_process < 1 + WEBSOCKET_CONNECTIONS:
            raise ImproperlyConfigured(
                f"TRADEWIND_DB_MAX_CONNECTIONS={db_max_connections} is too small for {web_workers} web "
                f"processes and a worker with {worker_threads} threads: each web process needs at least "
                f"{1 + WEBSOCKET_CONNECTIONS} connections and the worker {worker_pool_max}. Raise it "
                "(within PostgreSQL's max_connections) or lower TRADEWIND_WEB_WORKERS."
            )
        web_pool_max = min(web_pool_max, per_process)
        effective_threads = web_pool_max - WEBSOCKET_CONNECTIONS
    return ServingPlan(
        web_workers=web_workers,
        threads=effective_threads,
        queue=queue,
        queue_timeout=queue_timeout,
        pooled=pooled,
        db_max_connections=db_max_connections,
        web_pool_max=web_pool_max,
        worker_pool_max=worker_pool_max,
        threads_asked=threads,
    )


def pool_options(plan: ServingPlan, *, process: str) -> dict:
    """psycopg_pool.ConnectionPool arguments for this process (Django's OPTIONS["pool"])."""
    max_size = plan.worker_pool_max if process == "worker" else plan.web_pool_max
    return {
        "min_size": min(2, max_size),
        "max_size": max_size,
        # A thread never waits long: there is a connection for every thread (see the module docstring).
        "timeout": plan.queue_timeout,
        "max_idle": 300,
        "name": f"tradewind-{process}",
    }
