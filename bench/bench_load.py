"""Load bench (issue 10): `tradewind serve` under a sales team's mixed load at 25, 50, 100, 200, 400 users.

    export TRADEWIND_DATA_DIR=/tmp/bench-load TRADEWIND_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tradewind_bench
    export TRADEWIND_REDIS_URL=redis://127.0.0.1:6379/11
    .venv/bin/pip install -e '.[bench]'          # Locust, psutil, profilers (not in the default install)
    .venv/bin/python bench/bench_load.py          # [--workers N] [--threads T] [--steps 25,50] [--measure 45]

On the bench data of generate_crm.py and generate_tasks.py (both workspaces in the same database). The
bench starts `tradewind serve` on a free port of 127.0.0.1 (development settings, real password hashing,
no worker unless --with-worker: the periodic jobs' first run over 100k customers would land in the first
step), waits until it answers, and runs Locust headless against it (bench/locustfile.py: who does what).
Each step adds users, waits until they have all signed in and then five seconds more (at most a minute),
and measures for --measure seconds; the whole run is bounded (about seven minutes by default) and stops
the server and Locust at the end whatever happens.

Per step it prints throughput, p50/p95/p99, failed requests (5xx apart, 503s among them), CPU (machine,
server processes, PostgreSQL, Locust — the load generator shares the two cores) and the server's database
connections (most seen in pg_stat_activity), then each target with "met" or "NOT MET". Then the p95 of
every endpoint per step. `--profile SECONDS` also records py-spy flame graphs of each web process during
the 200-user step.

Before the run it sets the bench users' passwords to Argon2id hashes of the bench password (the
generators wrote fast test hashes, which production settings do not accept); afterwards it deletes what
the load wrote ("[load]" tasks and interactions) and empties the bench's job queue.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from _common import CRM_SLUG, MAIN_SLUG, REPO, database_label, percentile
from django.conf import settings
from django.db import connection

from tradewind.accounts.hashers import Argon2idPasswordHasher
from tradewind.accounts.models import User
from tradewind.crm.models import Customer
from tradewind.tasks import permissions as task_permissions
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

PASSWORD = "bench-password-2026"
DEFAULT_STEPS = (25, 50, 100, 200, 400)
SPAWN_RATE = 25  # users started per second (each signs in)
SETTLE_SECONDS = 5
WARMUP = (10, 1, 0, 15)  # users, ramp, settle, measure: opens pools and loads templates; not reported
LEFT_ALONE = {"rep02", "rep04", "rep40", "member02", "member50"}  # timed by the page benches
LATIN_TERMS = ["müller", "trading", "global", "hamburg", "wagner", "supplies", "pacific", "lighting"]
CHINESE_TERMS = ["宁波", "义乌", "深圳", "贸易", "五金", "电子"]


# --- preparation ----------------------------------------------------------------------------------------


def _local_part(email: str) -> str:
    return email.split("@", 1)[0]


def load_plan() -> dict:
    """Who the simulated people are and what they open, from the bench data."""
    reps = []
    crm_members = Membership.objects.filter(
        workspace__slug=CRM_SLUG, role=Role.SALES, is_active=True
    ).select_related("user")
    for m in crm_members.order_by("user__email"):
        if _local_part(m.user.email) in LEFT_ALONE:
            continue
        customers = list(
            Customer.objects.filter(workspace=m.workspace, owner=m)
            .order_by("?")
            .values_list("public_id", flat=True)[:40]
        )
        if len(customers) >= 10:
            reps.append(
                {
                    "email": m.user.email,
                    "membership": str(m.public_id),
                    "customers": [str(c) for c in customers],
                }
            )
    members = [
        {"email": m.user.email, "membership": str(m.public_id)}
        for m in Membership.objects.filter(workspace__slug=MAIN_SLUG, is_active=True)
        .select_related("user", "workspace")
        .order_by("user__email")
        if _local_part(m.user.email) not in LEFT_ALONE and task_permissions.can_edit_tasks(m)
    ]
    if not reps or not members:
        sys.exit(
            "bench: the load needs both bench workspaces in this database; run first\n"
            "  .venv/bin/python bench/generate_crm.py && .venv/bin/python bench/generate_tasks.py"
        )
    countries = list(
        Customer.objects.filter(workspace__slug=CRM_SLUG)
        .values_list("country", flat=True)
        .order_by("country")
        .distinct()
    )
    return {
        "password": PASSWORD,
        "crm": {
            "slug": CRM_SLUG,
            "reps": reps,
            "countries": countries[:20] or ["DE"],
            "latin_terms": LATIN_TERMS,
            "chinese_terms": CHINESE_TERMS,
        },
        "tasks": {"slug": MAIN_SLUG, "members": members},
    }


def set_real_password_hashes(plan: dict) -> int:
    """Argon2id hashes (what a signed-up user has) for the accounts the load signs in with."""
    hasher = Argon2idPasswordHasher()
    prefix = f"argon2$argon2id$v=19$m={hasher.memory_cost},t={hasher.time_cost},p={hasher.parallelism}$"
    emails = [p["email"] for p in plan["crm"]["reps"] + plan["tasks"]["members"]]
    changed = 0
    for user in User.objects.filter(email__in=emails).exclude(password__startswith=prefix):
        User.objects.filter(pk=user.pk).update(password=hasher.encode(PASSWORD, hasher.salt()))
        changed += 1
    return changed


def clean_up() -> str:
    """Delete what the load wrote; the follow-up dates it moved stay moved (a day's work)."""
    from tradewind.activity.models import Activity
    from tradewind.tasks.models import Task

    slugs = [CRM_SLUG, MAIN_SLUG]
    tasks = Task.objects.filter(workspace__slug__in=slugs, title__startswith="[load]")
    ids = list(tasks.values_list("public_id", flat=True))
    history = Activity.objects.filter(subject_kind="tasks.task", subject_id__in=ids)
    interactions = Activity.objects.filter(workspace__slug__in=slugs, data__summary__startswith="[load]")
    done = [f"{len(ids)} tasks", f"{history.count()} task history entries"]
    done.append(f"{interactions.count()} interactions")
    history.delete()
    interactions.delete()
    tasks.delete()
    if settings.REDIS_URL:
        from huey.contrib.djhuey import HUEY

        HUEY.flush()  # the jobs the requests queued for a worker that did not run
        done.append("the job queue")
    return ", ".join(done)


# --- the server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args, port: int, log_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
    env.update(TRADEWIND_ENV="development", TRADEWIND_DEBUG="false", TRADEWIND_LOG_LEVEL="WARNING")
    command = [
        sys.executable,
        "-m",
        "tradewind",
        "serve",
        "--no-migrate",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    if not args.with_worker:
        command.append("--no-worker")
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    log = log_path.open("wb")
    return subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO
    )


class ExternalServer:
    """A server started by hand (another stack, for comparison): the process tree listening on its port."""

    def __init__(self, base: str):
        import psutil

        host, _, port = base.removeprefix("http://").partition(":")
        if host not in {"127.0.0.1", "localhost"} or not port.isdigit():
            sys.exit("bench: --url must be http://127.0.0.1:PORT (loopback only)")
        listening = {
            c.pid
            for c in psutil.net_connections(kind="tcp")
            if c.status == "LISTEN" and c.laddr.port == int(port)
        }
        if not listening:
            sys.exit(f"bench: nothing listens on {base}")
        roots = [pid for pid in listening if psutil.Process(pid).ppid() not in listening]
        self.pid = roots[0]

    def poll(self):
        return None


def wait_until_answering(base: str, server: subprocess.Popen, log_path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench: tradewind serve ended:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except urllib.error.HTTPError:  # 503 without a worker: it answers
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(
        f"bench: tradewind serve did not answer in {timeout:.0f} s:\n{log_path.read_text(errors='replace')}"
    )


def stop(process: subprocess.Popen | None, *, group: bool) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        if group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        process.wait(timeout=10)


# --- sampling CPU and connections ------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Once a second: CPU seconds of the machine, the server tree, PostgreSQL and Locust; the server's
    connections in pg_stat_activity (by application_name, set per process in settings.py)."""

    def __init__(self, server_pid: int):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.server = psutil.Process(server_pid)
        self.locust_pid: int | None = None
        self.samples: list[dict] = []
        self.halt = threading.Event()
        self.cores = psutil.cpu_count() or 1
        self.db = None
        if connection.vendor == "postgresql":
            import psycopg

            s = settings.DATABASES["default"]
            self.db = psycopg.connect(
                host=s["HOST"] or "127.0.0.1",
                port=s["PORT"] or 5432,
                user=s["USER"],
                password=s["PASSWORD"] or None,
                dbname=s["NAME"],
                autocommit=True,
                application_name="bench-load-probe",
            )

    def _tree_cpu(self, root) -> float:
        total = 0.0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    t = p.cpu_times()
                    total += t.user + t.system
                except self.psutil.Error:
                    pass
        except self.psutil.Error:
            pass
        return total

    def _postgres_cpu(self) -> float:
        total = 0.0
        for p in self.psutil.process_iter(["name", "cpu_times"]):
            if p.info["name"] == "postgres" and p.info["cpu_times"]:
                total += p.info["cpu_times"].user + p.info["cpu_times"].system
        return total

    def _connections(self) -> tuple[int, int]:
        if self.db is None:
            return 0, 0
        rows = self.db.execute(
            "select application_name, count(*) from pg_stat_activity where datname = current_database() "
            "and pid <> pg_backend_pid() group by 1"
        ).fetchall()
        server = sum(n for name, n in rows if name.startswith("tradewind-"))
        return server, sum(n for _name, n in rows)

    def run(self):
        while not self.halt.is_set():
            machine = self.psutil.cpu_times()
            locust = self._tree_cpu(self.psutil.Process(self.locust_pid)) if self.locust_pid else 0.0
            server_conns, all_conns = self._connections()
            self.samples.append(
                {
                    "t": time.time(),
                    "machine_busy": sum(machine) - machine.idle - getattr(machine, "iowait", 0),
                    "machine_all": sum(machine),
                    "server": self._tree_cpu(self.server),
                    "postgres": self._postgres_cpu(),
                    "locust": locust,
                    "server_conns": server_conns,
                    "db_conns": all_conns,
                }
            )
            self.halt.wait(1.0)

    def window(self, start: float, end: float) -> dict:
        inside = [s for s in self.samples if start <= s["t"] <= end]
        if len(inside) < 2:
            return {}
        a, b = inside[0], inside[-1]
        wall = (b["t"] - a["t"]) * self.cores

        def share(key):
            return 100 * (b[key] - a[key]) / wall

        return {
            "machine": 100
            * (b["machine_busy"] - a["machine_busy"])
            / max(1e-9, b["machine_all"] - a["machine_all"]),
            "server": share("server"),
            "postgres": share("postgres"),
            "locust": share("locust"),
            "server_conns": max(s["server_conns"] for s in inside),
            "db_conns": max(s["db_conns"] for s in inside),
        }


# --- profiling (optional) ---------------------------------------------------------------------------------


def profile_web_processes(server_pid: int, seconds: int, out_dir: Path) -> list[subprocess.Popen]:
    import psutil

    spies = []
    for child in psutil.Process(server_pid).children(recursive=True):
        if "spawn_main" in " ".join(child.cmdline()):
            out = out_dir / f"web-{child.pid}.svg"
            spies.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "py-spy"),
                        "record",
                        "--pid",
                        str(child.pid),
                        "--duration",
                        str(seconds),
                        "--rate",
                        "50",
                        "--idle",
                        "--threads",
                        "--output",
                        str(out),
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
    return spies


# --- the run -------------------------------------------------------------------------------------------


def cpu_reference() -> float:
    """Milliseconds for sum(range(10**6)), best of five: the speed of this machine's cores, for comparing
    figures taken on different machines (the same VM size varied 16–21 ms here)."""
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=20, repeat=5)) / 20 * 1000


def step_plan(users: list[int], measure: int) -> list[tuple[int, int, int, int]]:
    steps, before = [WARMUP], WARMUP[0]
    for n in users:
        ramp = max(1, math.ceil(max(0, n - before) / SPAWN_RATE))
        steps.append((n, ramp, SETTLE_SECONDS, measure))
        before = n
    return steps


def run_locust(
    base: str, plan_path: Path, results: Path, steps, log_path: Path, sampler: Sampler, args, server
):
    env = {
        **os.environ,
        "TW_LOAD_PLAN": str(plan_path),
        "TW_LOAD_RESULTS": str(results),
        "TW_LOAD_STEPS": ",".join(":".join(map(str, s)) for s in steps),
        "TW_LOAD_SPAWN_RATE": str(SPAWN_RATE),
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(REPO / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "5",
    ]
    limit = sum(r + s + m + 60 for _u, r, s, m in steps) + 60  # 60: the most a step waits for sign-ins
    with log_path.open("wb") as log:
        locust = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    sampler.locust_pid = locust.pid
    spies: list[subprocess.Popen] = []
    profile_at = None
    if args.profile:
        t = 0
        for users, ramp, settle, measure in steps:
            if users == 200:
                profile_at = time.monotonic() + t + ramp + settle
            t += ramp + settle + measure
    try:
        deadline = time.monotonic() + limit
        while locust.poll() is None:
            if time.monotonic() > deadline:
                print(f"bench: Locust ran past its {limit} s bound; stopped.", file=sys.stderr)
                break
            if server.poll() is not None:
                print("bench: the server ended during the run.", file=sys.stderr)
                break
            if profile_at and time.monotonic() >= profile_at:
                spies = profile_web_processes(server.pid, args.profile, results.parent)
                profile_at = None
            time.sleep(0.5)
    finally:
        stop(locust, group=True)
        for spy in spies:
            try:
                spy.wait(timeout=args.profile + 30)
            except subprocess.TimeoutExpired:
                spy.kill()


def report(rows: list[dict], sampler: Sampler, args, label: str) -> None:
    print()
    print(f"Load bench — {label}")
    print(
        f"{'users':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'requests':>8} {'failed':>6} "
        f"{'5xx':>4} {'(503)':>5}  {'CPU machine':>11} {'server':>6} {'pg':>4} {'locust':>6}  "
        f"{'DB conns':>8}  {'sign-in p50/p95':>15}  {'opened':>6}"
    )
    for row in rows:
        total, cpu = row["total"], sampler.window(*row["window"])
        rps = total["requests"] / row["seconds"] if row["seconds"] else 0.0
        row["rps"], row["cpu"] = rps, cpu
        signs = row["sign_ins"]
        sign = f"{percentile(signs, 50):.0f}/{percentile(signs, 95):.0f} ms" if signs else "—"
        print(
            f"{row['users']:>5} {rps:>7.1f} {total['p50']:>6.0f} {total['p95']:>6.0f} {total['p99']:>6.0f} "
            f"{total['requests']:>8} {total['failures']:>6} "
            f"{row['server_errors']:>4} {row['overloaded']:>5}  "
            f"{cpu.get('machine', 0):>10.0f}% {cpu.get('server', 0):>5.0f}% {cpu.get('postgres', 0):>3.0f}% "
            f"{cpu.get('locust', 0):>5.0f}%  {cpu.get('server_conns', 0):>8}  {sign:>15}  "
            f"{row.get('opened_after', 0):>5.0f}s"
        )
    print("(times in ms; CPU as a share of all cores over the measuring window; DB conns: most")
    print(" connections of the server processes at once, from pg_stat_activity; failed includes 5xx;")
    print(" opened: seconds from the step's start to its window — the new users all signed in, then settled)")

    print("\nTargets (2 cores):")
    by_users = {r["users"]: r for r in rows}
    verdicts = []
    bad = [r["users"] for r in rows if r["server_errors"]]
    verdicts.append(("zero 5xx at every step", not bad, f"5xx at {bad}" if bad else "none"))
    for users, limit in ((100, 500), (200, 2000)):
        if users in by_users:
            p95 = by_users[users]["total"]["p95"]
            verdicts.append((f"p95 ≤ {limit} ms at {users} users", p95 <= limit, f"{p95:.0f} ms"))
    growth = []
    for before, after in itertools.pairwise(rows):
        full = before["cpu"].get("machine", 0) >= 90
        grew = after["rps"] >= 1.05 * before["rps"]
        held = after["rps"] >= 0.9 * before["rps"]
        growth.append(
            (
                grew or (full and held),
                f"{before['users']}→{after['users']}: {before['rps']:.0f}→"
                f"{after['rps']:.0f} req/s" + (" (CPU full)" if full else ""),
            )
        )
    if growth:
        verdicts.append(
            (
                "throughput grows with users until the CPU is full",
                all(g for g, _ in growth),
                "; ".join(text for _, text in growth),
            )
        )
    for name, ok, detail in verdicts:
        print(f"  {'met    ' if ok else 'NOT MET'}  {name}: {detail}")

    names = sorted({name for r in rows for name in r["endpoints"]})
    print("\np95 per endpoint (ms), requests in the window in brackets:")
    print(f"{'endpoint':42}" + "".join(f"{r['users']:>14}" for r in rows))
    for name in names:
        cells = []
        for r in rows:
            e = r["endpoints"].get(name)
            cells.append(f"{e['p95']:>7.0f} ({e['requests']:>4})" if e else f"{'—':>14}")
        print(f"{name[:42]:42}" + "".join(f"{c:>14}" for c in cells))
    errors = {}
    for r in rows:
        for k, v in r["errors"].items():
            errors[k] = errors.get(k, 0) + v
    if errors:
        print("\nFailures (all steps):")
        for k, v in sorted(errors.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  {v:>6}  {k}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", default=",".join(map(str, DEFAULT_STEPS)), help="users per step")
    parser.add_argument("--measure", type=int, default=45, help="seconds measured per step (default 45)")
    parser.add_argument(
        "--workers", type=int, default=None, help="web processes (default: serve's, one per core)"
    )
    parser.add_argument("--threads", type=int, default=None, help="request threads per web process")
    parser.add_argument("--with-worker", action="store_true", help="run the background worker too")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="SECONDS",
        help="py-spy each web process this long during the 200-user step",
    )
    parser.add_argument("--keep", action="store_true", help="keep what the load wrote")
    parser.add_argument("--url", help="bench a server you started on 127.0.0.1 instead (to compare stacks)")
    args = parser.parse_args()
    users = [int(x) for x in args.steps.split(",") if x.strip()]
    if not users or min(users) < 1 or max(users) > 1000 or not 5 <= args.measure <= 120:
        parser.error("steps: 1–1000 users each; --measure: 5–120 s")

    started = time.monotonic()
    print(f"Database: {database_label()}; Redis: {settings.REDIS_URL or 'none (relay between processes)'}")
    print(f"CPU reference: sum(range(10**6)) takes {cpu_reference():.1f} ms here (bench/README.md compares)")
    plan = load_plan()
    print(
        f"Set Argon2id hashes for {set_real_password_hashes(plan)} bench accounts "
        f"({len(plan['crm']['reps'])} reps, {len(plan['tasks']['members'])} team members)."
    )
    connection.close()  # the bench's own connection would count as one of the server's

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    plan_path, results = work / "plan.json", work / "results.jsonl"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    server_log, locust_log = work / "serve.log", work / "locust.log"
    steps = step_plan(users, args.measure)
    sampler = None
    if args.url:
        base = args.url.rstrip("/")
        server = ExternalServer(base)
    else:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(args, port, server_log)
    try:
        if args.url:
            print(f"Server: {base} (started by you; its process tree is measured as the server)")
        else:
            wait_until_answering(base, server, server_log)
            first_line = server_log.read_text(errors="replace").strip().splitlines()
            print("Server: " + " ".join(line.strip() for line in first_line[:2]))
        sampler = Sampler(server.pid)
        sampler.start()
        print(
            f"Running {len(users)} steps ({', '.join(map(str, users))} users), {args.measure} s measured "
            f"each, after a warm-up; about {sum(r + s + m for _u, r, s, m in steps) // 60 + 1} minutes. "
            f"Logs: {work}"
        )
        run_locust(base, plan_path, results, steps, locust_log, sampler, args, server)
    finally:
        if sampler is not None:
            sampler.halt.set()
            sampler.join(5)
        if not args.url:
            stop(server, group=True)
    rows = [json.loads(line) for line in results.read_text().splitlines()] if results.exists() else []
    rows = [r for r in rows if r["step"] > 0]  # step 0 is the warm-up
    if not rows:
        sys.exit(f"bench: no step finished; see {locust_log} and {server_log}")
    cores = sampler.cores if sampler else os.cpu_count()
    label = (
        f"{database_label()}, {cores} cores, think time 1–3 s, "
        f"{'with' if args.with_worker else 'without'} the worker"
    )
    report(rows, sampler, args, label)
    if not args.keep:
        print(f"\nCleaned up: {clean_up()}.")
    if args.profile:
        print(f"Flame graphs: {work}/web-*.svg")
    print(f"Done in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
