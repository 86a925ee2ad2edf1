"""`tradewind serve`: a supervisor, N web processes on one port, the worker, and the realtime relay.

The supervisor (this process) binds the port once and keeps N uvicorn web processes on it (uvicorn's
multiprocess supervisor restarts one that dies); the kernel hands each new connection to one of them. It
also starts the background worker and, without Redis, the realtime relay hub (relay.py). Ctrl-C or
SIGTERM stops all of them. The children learn the plan from the environment (TRADEWIND_WEB_WORKERS and
friends, set here from the command line), so each sizes its threads and connection pool the same way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings

SUPERVISOR_ENV = "TRADEWIND_SERVE_SUPERVISOR"
RELAY_ENV = "TRADEWIND_REALTIME_RELAY"
PROCESS_ENV = "TRADEWIND_PROCESS"
GRACEFUL_SHUTDOWN_SECONDS = 15


def serve(*, host: str, port: int, with_worker: bool) -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    plan = settings.SERVING
    hub = _start_relay_hub()
    os.environ[SUPERVISOR_ENV] = str(os.getpid())
    os.environ[PROCESS_ENV] = "web"
    worker = _start_worker() if with_worker else None

    def stop_worker(*_):
        if worker and worker.poll() is None:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()

    def on_term(*_):  # until uvicorn's supervisor takes the signals over
        stop_worker()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    _close_database_connections()  # the web processes open their own; the supervisor keeps none

    config = uvicorn.Config(
        "tradewind.asgi:application",
        host=host,
        port=port,
        workers=plan.web_workers,
        lifespan="on",  # start-up joins the realtime relay before the first websocket
        log_level=os.environ.get("TRADEWIND_SERVER_LOG_LEVEL", "warning"),
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    print(f"Tradewind is serving on http://{host}:{port}/  (Ctrl-C stops it)", flush=True)
    print(f"  {plan.describe()}", flush=True)
    try:
        sock = config.bind_socket()
        # Also for one web process: the same signals and the same restart of a process that died.
        Multiprocess(config, sockets=[sock]).run()
    finally:
        stop_worker()
        if hub is not None:
            hub.stop()
    return 0


def _start_relay_hub():
    if settings.REDIS_URL:
        return None  # channels-redis carries the events
    from tradewind.serving.relay import RelayHub, relay_path

    hub = RelayHub(relay_path(settings.DATA_DIR))
    hub.start()
    os.environ[RELAY_ENV] = str(hub.path)
    return hub


def _start_worker() -> subprocess.Popen:
    env = {**os.environ, PROCESS_ENV: "worker"}
    return subprocess.Popen(
        [sys.executable, "-m", "tradewind", "worker"], env=env, preexec_fn=die_with_parent
    )


def _close_database_connections() -> None:
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()


def die_with_parent() -> None:
    """In a child before it starts (Linux): end with the supervisor even when that is killed outright."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def in_serve_web_process() -> bool:
    """This process is a web process that `serve` started (not a test's, not a server run by hand)."""
    supervisor = os.environ.get(SUPERVISOR_ENV)
    return bool(supervisor) and os.environ.get(PROCESS_ENV) == "web" and str(os.getppid()) == supervisor
