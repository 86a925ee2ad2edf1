"""Serving many users (issue 10): processes, threads, the connection budget, overload, realtime across
processes, password hashing. The tests that start `tradewind serve` are marked slow and kept to three."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, override_settings

from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from tests.processes import PYTHON, child_env, free_port
from tradewind.accounts.hashers import Argon2idPasswordHasher
from tradewind.core.realtime import workspace_group
from tradewind.serving.gate import RETRY_AFTER_SECONDS, AdmissionGate
from tradewind.serving.layer import RelayChannelLayer
from tradewind.serving.mainloop import call_in_main_loop, remember_main_loop
from tradewind.serving.plan import pool_options, serving_plan
from tradewind.serving.relay import RelayHub, RelayPublisher, relay_path

ARGON2ID = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


# --- the plan: workers, threads, the connection budget -------------------------------------------------


def _plan(**overrides):
    values = {
        "web_workers": 2, "threads": 8, "queue": 256, "queue_timeout": 15, "worker_threads": 2,
        "pooled": True, "db_max_connections": 60,
    }  # fmt: skip
    values.update(overrides)
    return serving_plan(**values)


def test_each_web_process_gets_a_connection_per_thread_and_one_for_its_websockets():
    plan = _plan()
    assert (plan.threads, plan.web_pool_max, plan.worker_pool_max) == (8, 9, 3)
    assert plan.total_connections == 2 * 9 + 3 <= 60


def test_a_tight_budget_lowers_the_threads_instead_of_letting_them_wait_for_connections():
    plan = _plan(web_workers=4, db_max_connections=23)  # (23 - 3) // 4 = 5 per process
    assert (plan.web_pool_max, plan.threads, plan.threads_asked) == (5, 4, 8)
    assert plan.total_connections == 23
    assert "threads lowered from 8 to 4 to fit" in plan.describe()


@pytest.mark.parametrize("workers", [1, 2, 3, 5, 8, 16])
@pytest.mark.parametrize("budget", [10, 23, 60, 97])
def test_the_total_never_exceeds_the_budget(workers, budget):
    try:
        plan = _plan(web_workers=workers, db_max_connections=budget)
    except ImproperlyConfigured:
        assert (budget - 3) // workers < 2
        return
    assert plan.total_connections <= budget
    assert plan.threads >= 1


def test_a_budget_too_small_for_the_processes_is_refused_with_what_to_change():
    with pytest.raises(ImproperlyConfigured, match="TRADEWIND_DB_MAX_CONNECTIONS=10 is too small for 8 web"):
        _plan(web_workers=8, db_max_connections=10)


def test_sqlite_has_no_pool_and_keeps_the_threads_asked_for():
    plan = _plan(pooled=False, db_max_connections=2, web_workers=16)
    assert plan.threads == 8
    assert "database" not in plan.describe()


def test_pool_options_per_process():
    plan = _plan()
    assert pool_options(plan, process="web") == {
        "min_size": 2, "max_size": 9, "timeout": 15, "max_idle": 300, "name": "tradewind-web",
    }  # fmt: skip
    assert pool_options(plan, process="worker")["max_size"] == 3


def _settings_of(env: dict, expression: str) -> subprocess.CompletedProcess:
    """Evaluate `expression` on tradewind.settings imported in a fresh process with `env`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRADEWIND_")}
    base.update({"TRADEWIND_DATA_DIR": str(settings.DATA_DIR), **env})
    return subprocess.run(
        [PYTHON, "-c", f"import json, tradewind.settings as s; print(json.dumps({expression}))"],
        env=base, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_postgres_settings_build_the_pool_from_the_environment():
    result = _settings_of(
        {
            "TRADEWIND_DATABASE_URL": "postgres://tw@db.internal:5432/tw",
            "TRADEWIND_WEB_WORKERS": "3",
            "TRADEWIND_WEB_THREADS": "6",
            "TRADEWIND_DB_MAX_CONNECTIONS": "30",
        },
        "[s.DATABASES['default']['OPTIONS'], s.SERVING.total_connections, s.SERVING.threads]",
    )
    assert result.returncode == 0, result.stderr
    options, total, threads = json.loads(result.stdout)
    assert options["pool"]["max_size"] == 7 and options["application_name"] == "tradewind-web"
    assert (total, threads) == (3 * 7 + 3, 6)

    worker = _settings_of(
        {"TRADEWIND_DATABASE_URL": "postgres://tw@db.internal:5432/tw", "TRADEWIND_PROCESS": "worker"},
        "s.DATABASES['default']['OPTIONS']",
    )
    assert json.loads(worker.stdout)["pool"]["max_size"] == 3, worker.stderr


def test_persistent_connections_and_the_pool_exclude_each_other_with_a_clear_message():
    result = _settings_of(
        {"TRADEWIND_DATABASE_URL": "postgres://tw@db.internal/tw", "TRADEWIND_DB_CONN_MAX_AGE": "60"}, "1"
    )
    assert result.returncode != 0
    assert "TRADEWIND_DB_CONN_MAX_AGE must be 0 with the connection pool" in result.stderr
    without_pool = _settings_of(
        {
            "TRADEWIND_DATABASE_URL": "postgres://tw@db.internal/tw",
            "TRADEWIND_DB_CONN_MAX_AGE": "60",
            "TRADEWIND_DB_POOL": "false",
        },
        "'pool' in s.DATABASES['default'].get('OPTIONS', {})",
    )
    assert without_pool.stdout.strip() == "false", without_pool.stderr


def test_sqlite_keeps_wal_and_a_busy_timeout_for_several_processes():
    result = _settings_of({}, "[s.DATABASES['default']['OPTIONS'], s.DB_POOL]")
    options, pooled = json.loads(result.stdout)
    assert "journal_mode=WAL" in options["init_command"] and options["timeout"] >= 5
    assert options["transaction_mode"] == "IMMEDIATE" and pooled is False


def test_the_default_is_one_web_process_per_core():
    result = _settings_of({}, "[s.SERVING.web_workers, len(__import__('os').sched_getaffinity(0))]")
    workers, cores = json.loads(result.stdout)
    assert workers == cores


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_serve_refuses_a_worker_count_that_is_not_a_positive_number(bad):
    result = subprocess.run(
        [PYTHON, "-m", "tradewind", "serve", "--workers", bad, "--no-migrate"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 2
    assert "expected a whole number of at least 1" in result.stderr


def test_the_command_line_sizes_reach_settings_and_children_through_the_environment(monkeypatch):
    from tradewind import cli

    monkeypatch.delenv("TRADEWIND_WEB_WORKERS", raising=False)
    monkeypatch.delenv("TRADEWIND_WEB_THREADS", raising=False)
    cli._serving_env(type("Options", (), {"workers": 3, "threads": 5})())
    assert os.environ["TRADEWIND_WEB_WORKERS"] == "3" and os.environ["TRADEWIND_WEB_THREADS"] == "5"


# --- the admission gate ------------------------------------------------------------------------------


class _HeldApp:
    """An ASGI app whose requests finish when the test says so."""

    def __init__(self):
        self.release = asyncio.Event()
        self.started: list[str] = []

    async def __call__(self, scope, receive, send):
        self.started.append(scope["path"])
        await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


async def _request(gate, path="/w/x/", headers=()):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "path": path, "headers": list(headers), "method": "GET"}
    await gate(scope, receive, send)
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.asyncio
async def test_beyond_threads_and_queue_the_gate_answers_503_with_retry_after_at_once():
    app = _HeldApp()
    gate = AdmissionGate(app, threads=1, queue=1, timeout=30)
    running = asyncio.create_task(_request(gate, "/first/"))
    waiting = asyncio.create_task(_request(gate, "/second/"))
    await asyncio.sleep(0.05)
    assert app.started == ["/first/"] and gate.waiting == 1

    began = time.monotonic()
    status, headers, body = await _request(gate, "/third/")
    assert status == 503 and time.monotonic() - began < 0.5
    assert headers[b"retry-after"] == str(RETRY_AFTER_SECONDS).encode()
    assert b"busy" in body and headers[b"content-type"].startswith(b"text/html")

    app.release.set()
    assert (await running)[0] == 200 and (await waiting)[0] == 200
    assert app.started == ["/first/", "/second/"] and gate.running == 0 and gate.refused == 1


@pytest.mark.asyncio
async def test_a_request_that_had_to_wait_hands_its_connection_back_to_the_listening_socket():
    """Only a busy process closes the keep-alive connection: the client's next request may then reach
    another process with a free thread."""
    app = _HeldApp()
    gate = AdmissionGate(app, threads=1, queue=5, timeout=30)
    first = asyncio.create_task(_request(gate, "/first/"))
    await asyncio.sleep(0.02)
    second = asyncio.create_task(_request(gate, "/second/"))
    await asyncio.sleep(0.02)
    app.release.set()
    (_s1, first_headers, _b1), (_s2, second_headers, _b2) = await first, await second
    assert b"connection" not in first_headers  # it had a free thread: keep-alive as usual
    assert second_headers[b"connection"] == b"close"
    assert (await _request(gate, "/idle/"))[1].get(b"connection") is None


@pytest.mark.asyncio
async def test_a_request_that_waited_too_long_is_refused_and_the_api_gets_json_in_the_callers_language():
    app = _HeldApp()
    gate = AdmissionGate(app, threads=1, queue=10, timeout=0.2)
    running = asyncio.create_task(_request(gate, "/first/"))
    await asyncio.sleep(0.02)
    began = time.monotonic()
    status, _headers, body = await _request(
        gate, "/api/v1/workspaces/x/tasks", headers=[(b"accept-language", b"zh-CN,zh;q=0.9")]
    )
    assert status == 503 and 0.15 < time.monotonic() - began < 2
    error = json.loads(body)
    assert error["code"] == "overloaded" and "几秒钟后再试" in error["message"]
    app.release.set()
    await running
    assert gate.running == 0 and gate.waiting == 0


@pytest.mark.asyncio
async def test_a_client_that_leaves_the_queue_gives_its_turn_to_the_next():
    app = _HeldApp()
    gate = AdmissionGate(app, threads=1, queue=10, timeout=30)
    first = asyncio.create_task(_request(gate, "/first/"))
    leaver = asyncio.create_task(_request(gate, "/leaver/"))
    last = asyncio.create_task(_request(gate, "/last/"))
    await asyncio.sleep(0.02)
    leaver.cancel()
    await asyncio.sleep(0.02)
    app.release.set()
    await first
    await last
    assert app.started == ["/first/", "/last/"] and gate.running == 0 and gate.waiting == 0


@pytest.mark.asyncio
async def test_websockets_pass_the_gate_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    gate = AdmissionGate(app, threads=1, queue=0, timeout=1)
    gate.running = 1  # full
    await gate({"type": "websocket", "path": "/ws/w/x/"}, None, None)
    assert seen == ["websocket"]


# --- realtime between processes (relay) and from request threads (main loop) -----------------------------


@pytest.fixture
def hub(tmp_path):
    hub = RelayHub(relay_path(tmp_path))
    hub.start()
    yield hub
    hub.stop()


@pytest.mark.asyncio
async def test_a_group_message_reaches_the_other_processes_layers_once_and_its_own_once(hub):
    here, there, elsewhere = (RelayChannelLayer(relay=str(hub.path)) for _ in range(3))
    for layer in (here, there, elsewhere):
        assert await layer.start_relay()
    channels = {}
    for name, layer in (("here", here), ("there", there), ("elsewhere", elsewhere)):
        channels[name] = await layer.new_channel()
        await layer.group_add("workspace.7", channels[name])

    await here.group_send("workspace.7", {"type": "realtime.event", "topic": "tasks", "payload": {"n": 1}})
    for name, layer in (("here", here), ("there", there), ("elsewhere", elsewhere)):
        message = await asyncio.wait_for(layer.receive(channels[name]), 2)
        assert message["payload"] == {"n": 1}, name
    await asyncio.sleep(0.1)
    assert all(
        not layer.channels.get(channels[name]) or layer.channels[channels[name]][1].empty()
        for name, layer in (("here", here), ("there", there), ("elsewhere", elsewhere))
    ), "nobody hears a message twice"


@pytest.mark.asyncio
async def test_a_process_without_websockets_publishes_through_the_hub(hub):
    listener = RelayChannelLayer(relay=str(hub.path))
    assert await listener.start_relay()
    channel = await listener.new_channel()
    await listener.group_add("membership.3", channel)
    worker = RelayPublisher(str(hub.path), origin="the-worker")
    assert await asyncio.to_thread(worker.publish, "membership.3", {"type": "realtime.event", "topic": "x"})
    assert (await asyncio.wait_for(listener.receive(channel), 2))["topic"] == "x"
    worker.close()


def test_without_a_hub_publishing_fails_quietly_and_does_not_retry_at_once(tmp_path):
    publisher = RelayPublisher(str(tmp_path / "nobody.sock"), origin="x")
    began = time.monotonic()
    assert not publisher.publish("workspace.1", {"type": "realtime.event"})
    assert not publisher.publish("workspace.1", {"type": "realtime.event"})
    assert time.monotonic() - began < 1


def test_a_long_data_directory_gets_a_short_socket_path(tmp_path):
    deep = tmp_path / ("d" * 120)
    assert len(str(relay_path(deep))) < 100 and relay_path(deep) == relay_path(deep)


@pytest.mark.asyncio
async def test_a_request_thread_sends_through_the_serving_loop():
    remember_main_loop()
    loop = asyncio.get_running_loop()
    ran_in = []

    async def work():
        ran_in.append(asyncio.get_running_loop())

    assert await asyncio.to_thread(call_in_main_loop, work)
    assert ran_in == [loop]
    assert not call_in_main_loop(work), "not from the loop's own thread: the caller falls back"


# --- passwords ------------------------------------------------------------------------------------------


def test_production_settings_hash_with_argon2id_and_owasp_parameters_first():
    result = _settings_of({"TRADEWIND_ENV": "development"}, "s.PASSWORD_HASHERS")
    hashers = json.loads(result.stdout)
    assert hashers[0] == "tradewind.accounts.hashers.Argon2idPasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers  # old hashes still verify
    encoded = Argon2idPasswordHasher().encode("a long passphrase", Argon2idPasswordHasher().salt())
    assert encoded.startswith(ARGON2ID)


@override_settings(
    PASSWORD_HASHERS=[
        "tradewind.accounts.hashers.Argon2idPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_an_older_hash_is_upgraded_at_the_next_sign_in(db):
    user = UserFactory(email="li.na@haitian.example")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = Client().post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(ARGON2ID)
    assert Client().post("/accounts/sign-in/", {"email": user.email, "password": PASSWORD}).status_code == 302


# --- real processes ---------------------------------------------------------------------------------------


def _serve(tmp_path, *args, env=None):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [PYTHON, "-m", "tradewind", "serve", "--no-worker", "--no-migrate", "--port", str(port), *args],
        env=child_env(**(env or {})), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                break
        except urllib.error.HTTPError:
            break  # 503: no worker heartbeat, but it answers
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                _stop(server)
                pytest.fail("serve did not start:\n" + (tmp_path / "serve.log").read_text(errors="replace"))
            time.sleep(0.2)
    return server, port


def _stop(server):
    import signal

    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _web_processes(server_pid: int) -> list:
    import psutil

    return [
        p
        for p in psutil.Process(server_pid).children(recursive=True)
        if "spawn_main" in " ".join(p.cmdline())
    ]


def _owner(processes, local_port: int):
    """The web process holding the server side of our connection from `local_port`."""
    for process in processes:
        for conn in process.net_connections(kind="tcp"):
            if conn.raddr and conn.raddr.port == local_port:
                return process.pid
    return None


@pytest.mark.slow
def test_overload_is_answered_503_with_retry_after_quickly_by_a_real_server(transactional_db, tmp_path):
    """One process, one thread, one place in the queue: a slow upload holds the thread, the next request
    waits, the one after is refused at once, and the waiting one is refused after the queue timeout."""
    server, port = _serve(
        tmp_path,
        "--workers",
        "1",
        "--threads",
        "1",
        env={"TRADEWIND_WEB_QUEUE": 1, "TRADEWIND_WEB_QUEUE_TIMEOUT": 3},
    )
    try:
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(
            b"POST /accounts/sign-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            # A well-formed CSRF cookie, so that the CSRF check goes on to read the form (and waits for it).
            b"Cookie: csrftoken=" + b"a" * 32 + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail="
        )
        time.sleep(0.5)  # Django now reads the body in the only thread
        queued = {}

        def wait_in_queue():
            began = time.monotonic()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/accounts/sign-in/")
            queued["status"], queued["seconds"] = c.getresponse().status, time.monotonic() - began

        waiter = threading.Thread(target=wait_in_queue)
        waiter.start()
        time.sleep(0.5)
        began = time.monotonic()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/api/v1/workspaces/x/tasks", headers={"Accept-Language": "en"})
        refused = c.getresponse()
        assert refused.status == 503 and time.monotonic() - began < 1.0
        assert refused.getheader("Retry-After") == str(RETRY_AFTER_SECONDS)
        assert json.loads(refused.read())["code"] == "overloaded"
        waiter.join(15)
        assert queued["status"] == 503 and 2 <= queued["seconds"] < 8, queued

        slow.close()  # the thread is free again
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/accounts/sign-in/")
            if c.getresponse().status == 200:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the server never recovered from the overload")
    finally:
        _stop(server)


@pytest.mark.slow
def test_two_web_processes_share_realtime_events_and_keep_to_the_connection_budget(
    transactional_db, tmp_path
):
    from websockets.sync.client import connect

    from tradewind.accounts.services import api_token_create

    workspace = WorkspaceFactory(slug="relay-co")
    rep = MembershipFactory(workspace=workspace)
    _token, raw_token = api_token_create(membership=rep, name="load test", expires_at=None, ip=None)
    browser = Client()
    browser.force_login(rep.user)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    postgres = connection.vendor == "postgresql"
    env = {"TRADEWIND_DB_POOL": "true", "TRADEWIND_DB_MAX_CONNECTIONS": 9} if postgres else {}
    server, port = _serve(tmp_path, "--workers", "2", "--threads", "2", env=env)
    sockets = []
    opened = contextlib.ExitStack()
    try:
        web = _web_processes(server.pid)
        assert len(web) == 2
        holders = {}
        for _ in range(12):  # until both processes hold websockets
            ws = opened.enter_context(
                connect(
                    f"ws://127.0.0.1:{port}/ws/w/{workspace.slug}/",
                    additional_headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}"},
                    open_timeout=10,
                )
            )
            assert json.loads(ws.recv(timeout=10))["topic"] == "hello"
            sockets.append(ws)
            holders.setdefault(_owner(web, ws.socket.getsockname()[1]), []).append(ws)
            if len(holders) == 2 and len(sockets) >= 4:
                break
        assert set(holders) == {p.pid for p in web}, "the kernel never gave the second process a websocket"

        # 1. A process that holds no websocket (here: this test, as the worker would) broadcasts.
        message = {"type": "realtime.event", "topic": "tasks", "payload": {"from": "outside"}}
        if settings.REDIS_URL:
            from asgiref.sync import async_to_sync

            async_to_sync(get_channel_layer().group_send)(workspace_group(workspace.pk), message)
        else:
            assert RelayPublisher(str(relay_path(settings.DATA_DIR)), origin="test").publish(
                workspace_group(workspace.pk), message
            )
        for ws in sockets:
            assert json.loads(ws.recv(timeout=10))["payload"] == {"from": "outside"}

        # 2. A request served by one web process tells the websockets held by the other.
        for pid in holders:
            other = next(p for p in holders if p != pid)
            for _attempt in range(20):
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                c.connect()
                if _owner(web, c.sock.getsockname()[1]) == pid:
                    break
                c.close()
            else:
                pytest.fail(f"no HTTP connection reached process {pid}")
            c.request(
                "POST", f"/api/v1/workspaces/{workspace.slug}/tasks",
                body=json.dumps({"title": f"Call the buyer ({pid})"}),
                headers={"Authorization": f"Bearer {raw_token}", "Content-Type": "application/json"},
            )  # fmt: skip
            assert c.getresponse().status in (200, 201)
            for ws in holders[other]:
                while True:  # skip other topics the request may also have announced
                    event = json.loads(ws.recv(timeout=10))
                    if event["topic"] == "tasks":
                        break

        # 3. A burst of requests never takes more connections than the budget gives the web processes.
        if postgres:
            peak = []

            port_of_postgres = int(connection.settings_dict["PORT"] or 5432)

            def count():
                # Counted on the web processes' side: pg_stat_activity would also show connections this
                # test process left open in other threads (earlier tests' executor threads).
                return sum(
                    1
                    for process in web
                    for conn in process.net_connections(kind="tcp")
                    if conn.raddr and conn.raddr.port == port_of_postgres
                )

            def hit(_):
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("GET", f"/api/v1/workspaces/{workspace.slug}/tasks", headers={"Cookie": cookie})
                return c.getresponse().status

            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(24) as pool:
                results = pool.map(hit, range(120))
                for _ in range(10):
                    peak.append(count())
                    time.sleep(0.05)
                statuses = list(results)
            assert set(statuses) == {200}
            assert max(peak) <= 2 * 3, "(9 - worker's 3) // 2 processes = 3 connections each"
            assert max(peak) >= 2, "the count sees the pools' connections at all"
    finally:
        opened.close()
        _stop(server)


def test_serve_web_processes_keep_language_and_zone_per_thread():
    """In a web process of `serve` (and only there) the active language and zone are plain thread-locals:
    a language activated in one request thread is not seen by another, and override still restores."""
    script = """
import os, threading
os.environ["TRADEWIND_SERVE_SUPERVISOR"] = str(os.getppid())
os.environ["TRADEWIND_PROCESS"] = "web"
import tradewind.asgi
from django.utils import timezone, translation
from django.utils.translation import trans_real
assert type(trans_real._active) is threading.local and type(timezone._active) is threading.local
translation.activate("zh-hans")
timezone.activate("America/Sao_Paulo")
seen = {}
def other():
    seen["language"], seen["zone"] = translation.get_language(), timezone.get_current_timezone_name()
    translation.activate("en")
thread = threading.Thread(target=other)
thread.start(); thread.join()
from django.conf import settings
assert seen == {"language": "en", "zone": settings.TIME_ZONE}, seen  # the defaults: nothing leaked
assert translation.get_language() == "zh-hans" and timezone.get_current_timezone_name() == "America/Sao_Paulo"
with translation.override("en"):
    assert translation.gettext("Customers") == "Customers"
assert translation.gettext("Customers") != "Customers"
print("ok")
"""
    done = subprocess.run([PYTHON, "-c", script], env=child_env(), capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
    # Outside serve (tests, a server started by hand) Django's own asgiref Locals stay.
    from django.utils.translation import trans_real

    assert type(trans_real._active).__module__ == "asgiref.local"
