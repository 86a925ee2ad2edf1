"""The `tradewind` command.

    tradewind serve  [--host H] [--port P] [--data-dir D] [--workers N] [--threads T] [--no-worker]
                                                   HTTP + websockets on every core (+ the worker)
    tradewind worker [--data-dir D]                the background worker only
    tradewind demo   [--host H] [--port P] [--data-dir D] [--workers N] [--threads T] [--no-serve]
                                                   demo workspace, then serve
    tradewind <any Django management command> …    e.g. migrate, createsuperuser, shell

`serve` runs one process tree: a supervisor, N web processes on one port (default: one per core;
TRADEWIND_WEB_WORKERS), each with T request threads (TRADEWIND_WEB_THREADS), and the worker; Ctrl-C
(SIGINT) or SIGTERM stops them all. docs/serving.md says how to size them against PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
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
    from tradewind.serving.server import serve

    return serve(host=host, port=port, with_worker=with_worker)


def _worker() -> int:
    from django.core.management import call_command

    call_command("run_huey")
    return 0


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("TRADEWIND_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("TRADEWIND_PORT", "8000")))
    parser.add_argument("--data-dir", default=None, help="where the SQLite database and uploads live (./var)")
    parser.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help="web processes (TRADEWIND_WEB_WORKERS; default: cores)",
    )
    parser.add_argument(
        "--threads",
        type=_positive,
        default=None,
        help="request threads per web process (TRADEWIND_WEB_THREADS)",
    )


def _serving_env(options: argparse.Namespace) -> None:
    """Command-line sizes go through the environment, so settings and every child process see them."""
    if getattr(options, "workers", None):
        os.environ["TRADEWIND_WEB_WORKERS"] = str(options.workers)
    if getattr(options, "threads", None):
        os.environ["TRADEWIND_WEB_THREADS"] = str(options.threads)


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
        if command == "worker":
            os.environ["TRADEWIND_PROCESS"] = "worker"  # sizes its connection pool (settings)
        _serving_env(options)
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
