"""The `tradewind` command.

    tradewind serve  [--host H] [--port P] [--data-dir D] [--no-worker]   HTTP + websockets (+ the worker)
    tradewind worker [--data-dir D]                                       the background worker only
    tradewind demo   [--host H] [--port P] [--data-dir D] [--no-serve]    demo workspace, then serve
    tradewind <any Django management command> …                           e.g. migrate, createsuperuser, shell

`serve` runs one process tree: the ASGI server in this process and the worker as a child, both stopped
by Ctrl-C (SIGINT) or SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

DEFAULT_DEMO_PASSWORD = "tradewind-demo-2026"  # noqa: S105 - printed to the user on purpose


def _prepare(data_dir: str | None) -> None:
    if data_dir:
        os.environ["TRADEWIND_DATA_DIR"] = os.path.abspath(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradewind.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if settings.PRODUCTION:
        call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int, with_worker: bool) -> int:
    import uvicorn

    worker = None
    if with_worker:
        worker = subprocess.Popen(
            [sys.executable, "-m", "tradewind", "worker"], env=os.environ.copy(), preexec_fn=_die_with_parent
        )

    def stop_worker(*_):
        if worker and worker.poll() is None:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()

    def on_term(*_):
        # uvicorn shuts down on SIGTERM, then raises it again: without this handler the default one would
        # end the process before the `finally` below, leaving the worker running on its own.
        stop_worker()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)

    print(f"Tradewind is serving on http://{host}:{port}/  (Ctrl-C stops it)", flush=True)
    try:
        uvicorn.run(
            "tradewind.asgi:application",
            host=host,
            port=port,
            lifespan="off",
            log_level=os.environ.get("TRADEWIND_SERVER_LOG_LEVEL", "warning"),
            proxy_headers=False,
        )
    finally:
        stop_worker()
    return 0


def _die_with_parent() -> None:
    """In the worker before it starts (Linux): end with the server even when that is killed outright."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _worker() -> int:
    from django.core.management import call_command

    call_command("run_huey")
    return 0


def _server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("TRADEWIND_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("TRADEWIND_PORT", "8000")))
    parser.add_argument("--data-dir", default=None, help="where the SQLite database and uploads live (./var)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else "help"

    if command in {"serve", "demo", "worker"}:
        parser = argparse.ArgumentParser(prog=f"tradewind {command}")
        if command == "worker":
            parser.add_argument("--data-dir", default=None)
        else:
            _server_args(parser)
        if command == "serve":
            parser.add_argument("--no-worker", action="store_true", help="run the worker separately")
            parser.add_argument("--no-migrate", action="store_true")
        if command == "demo":
            parser.add_argument("--no-serve", action="store_true", help="create the demo data and exit")
        options = parser.parse_args(argv[1:])
        _prepare(options.data_dir)
        if command == "worker":
            return _worker()
        if command == "serve":
            if not options.no_migrate:
                _migrate()
            return _serve(options.host, options.port, with_worker=not options.no_worker)
        _migrate()
        from tradewind.demo.seed import demo_seed, print_credentials

        password = os.environ.get("TRADEWIND_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        result = demo_seed(password=password)
        print_credentials(result, password=password, url=f"http://{options.host}:{options.port}/")
        if options.no_serve:
            return 0
        return _serve(options.host, options.port, with_worker=True)

    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return 0

    _prepare(None)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tradewind", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
