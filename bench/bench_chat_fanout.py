"""Fan-out of chat messages (issue 13) to 10 / 100 / 500 open websockets through a real server with the Redis
channel layer: is every message delivered, and how long from the POST to its arrival at each client?

    TRADEWIND_DATA_DIR=/tmp/bench-chat .venv/bin/python bench/bench_chat_fanout.py [--clients 10,100,500]
        [--messages 30] [--redis redis://127.0.0.1:6379/0] [--workers N] [--threads T] [--page-like 10,100]

Fill the database with bench/generate_chat.py first. The script starts `tradewind serve --no-worker` on a
free loopback port with TRADEWIND_REDIS_URL set (so channels_redis carries the events between the web
processes, as in production), on the bench's database, and stops it at the end.

Per step (a number of clients): that many websockets to /ws/w/bench-chat/ with a member's session cookie and
the server's Origin — the members of #general (all 200 take part), one socket each and then a second and a
third tab of the same members beyond 200; each socket joins the groups of every conversation its member
takes part in, as a page does. Then `--messages` messages are posted to #general one after the other
(`--interval` apart) through the page's composer (`…/send/` with `X-Tradewind-Chat: 1`, the session and CSRF
cookies, as chat.js posts), by ten members in turn (the per-member send limit is left as it is). For each
message and client: the time from the start of the POST to the `{"topic": "chat", "payload": {"event":
"message", …}}` event at that client. Reported: delivered % (events received / clients × messages), the
receipt's p50/p95 beside the POST's own p50/p95, and the time until the last client had it.
Target (issue 13): 100% delivered; at 100 clients receipt p95 ≤ the POST's own p95 + 50 ms.

`--page-like` (steps, default none): the clients also do what chat.js does on each event — ask for the
messages after the last one they hold (`…/messages/?after=`) and post their read marker (`…/read/`) — and
the time until the message's HTML is at each client is reported too. That is the real cost of a message
in a busy channel: one GET and one POST per open page, and a "read" event from each to every other.

Everything posted is deleted at the end (messages, notifications, deliveries; numbers and read markers put
back) unless `--keep`. The load average and a CPU reference are printed: the clients, the server, Redis and
the database share this machine's CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import timeit
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
from _common import database_label, p50, percentile
from bench_chat import restore, snapshot
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from generate_chat import ALL_HANDS, CHAT_SLUG, LIGHT_EMAIL
from websockets.asyncio.client import connect

from tests.processes import free_port, serving
from tradewind.chat.choices import ConversationKind
from tradewind.chat.models import Conversation, Participant
from tradewind.workspaces.choices import Role

TARGET_EXTRA_S = 0.050  # receipt p95 ≤ POST p95 + 50 ms (at 100 clients)
SEQ = re.compile(r'data-seq="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", default="10,100,500", help="websockets per step (default 10,100,500)")
    parser.add_argument("--messages", type=int, default=30, help="messages posted per step (default 30)")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between POSTs (default 0.25)")
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/0", help="TRADEWIND_REDIS_URL of the server"
    )
    parser.add_argument("--workers", type=int, default=0, help="web processes (default: the server's plan)")
    parser.add_argument("--threads", type=int, default=0, help="threads per web process (default: the plan)")
    parser.add_argument(
        "--page-like", default="", help="steps where clients also fetch and mark read, e.g. 10,100"
    )
    parser.add_argument(
        "--layer-fix",
        action="store_true",
        help="run the server with socket_timeout=None on the channel layer's Redis connections (a settings "
        "shim in a temporary directory): what the settings.py change suggested in bench/README.md gives",
    )
    parser.add_argument("--keep", action="store_true", help="keep the messages posted")
    return parser.parse_args()


# The server's settings with --layer-fix: the app's, the channel layer's Redis connections without
# redis-py 8's default 5 s socket timeout (channels_redis blocks 5 s in BZPOPMIN).
LAYER_FIX = "\n".join(
    [
        "from tradewind.settings import *  # noqa: F403",
        'CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [{"address": REDIS_URL, "socket_timeout": None}]',
        "",
    ]
)


def layer_fix_environment() -> Path:
    """A settings module for the server beside the app's, on the server's PYTHONPATH."""
    folder = Path(tempfile.mkdtemp(prefix="bench-chat-layer-fix-"))
    (folder / "bench_chat_layer_fix.py").write_text(LAYER_FIX)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_chat_layer_fix"  # the server's; this process is set up
    return folder


def cpu_reference() -> float:
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=20)) * 1000


def raise_open_files(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, needed)) if hard != resource.RLIM_INFINITY else max(soft, needed)
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))  # the server inherits it too


@dataclass
class Member:
    membership_id: int
    session: str


@dataclass
class Sender:
    http: requests.Session
    csrf: str


@dataclass
class Step:
    clients: int
    page_like: bool
    connect_s: float = 0.0
    posts: dict = field(default_factory=dict)  # seq -> (started, answered)
    received: dict = field(default_factory=dict)  # seq -> {client: time}
    shown: dict = field(default_factory=dict)  # seq -> {client: time the HTML with it arrived}
    failures: int = 0  # POSTs not answered 200
    dropped: dict = field(default_factory=dict)  # sockets the server closed during the step: close code -> n
    other_frames: int = 0  # every other event the clients heard (read markers, notifications …)
    fetches: int = 0
    retries: int = 0  # page-like requests asked again after the server closed their connection


# --- the server's side: sessions, CSRF ---------------------------------------------------------------------


def sessions(general: Conversation) -> list[Member]:
    """One signed-in session per member taking part in #general (Django's session engine, as a sign-in)."""
    members = []
    for p in (
        Participant.objects.filter(conversation=general, left_at__isnull=True)
        .select_related("membership__user")
        .order_by("membership_id")
    ):
        client = Client()
        client.force_login(p.membership.user)
        members.append(Member(p.membership_id, client.cookies[settings.SESSION_COOKIE_NAME].value))
    return members


def sender(base: str, member: Member, page_url: str) -> Sender:
    """A browser of `member`: the session cookie, then the page (which sets the CSRF cookie and token)."""
    http = requests.Session()
    http.cookies.set(settings.SESSION_COOKIE_NAME, member.session, domain="127.0.0.1")
    response = http.get(base + page_url, timeout=30)
    response.raise_for_status()
    token = CSRF.search(response.text)
    if not token:
        raise SystemExit(f"no CSRF token on {page_url}")
    return Sender(http, token.group(1))


def post(base: str, s: Sender, url: str, data: dict) -> tuple[float, float, int, str]:
    """POST as chat.js does; a connection the server closed is opened again and the message sent again with
    the same client key (stored once), as the page's queue does."""
    started = time.perf_counter()
    for attempt in (1, 2):
        try:
            response = s.http.post(
                base + url,
                data={**data, "csrfmiddlewaretoken": s.csrf},
                headers={"X-Tradewind-Chat": "1", "Origin": base, "Referer": base + "/"},
                timeout=60,
            )
            break
        except requests.ConnectionError:
            s.http.close()
            if attempt == 2:
                raise
    return started, time.perf_counter(), response.status_code, response.text


# --- the clients -------------------------------------------------------------------------------------------


class Clients:
    """N websockets listening, each noting when each message's event (and, page-like, its HTML) arrives."""

    def __init__(self, base: str, slug: str, members: list[Member], n: int, conversation: str, step: Step,
                 messages_url: str, read_url: str):  # fmt: skip
        self.base, self.slug, self.members, self.n = base, slug, members, n
        self.conversation, self.step = conversation, step
        self.messages_url, self.read_url = messages_url, read_url
        self.sockets = []
        self.tasks = []
        self.last_seq = [0] * n
        self.http: list[requests.Session] = []
        self.csrf: list[str] = []
        self.closing = False

    async def open(self, concurrency: int = 25) -> None:
        uri = f"ws://127.0.0.1:{self.base.rsplit(':', 1)[1]}/ws/w/{self.slug}/"
        gate = asyncio.Semaphore(concurrency)
        self.sockets = [None] * self.n

        async def one(k: int) -> None:
            member = self.members[k % len(self.members)]
            async with gate:
                ws = await connect(
                    uri,
                    origin=self.base,
                    additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={member.session}"},
                    open_timeout=120,
                    max_size=2**22,
                )
                hello = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if hello.get("topic") != "hello":
                    raise SystemExit(f"socket {k}: expected hello, got {hello}")
                self.sockets[k] = ws

        started = time.perf_counter()
        await asyncio.gather(*(one(k) for k in range(self.n)))
        self.step.connect_s = time.perf_counter() - started
        self.tasks = [asyncio.create_task(self.listen(k, ws)) for k, ws in enumerate(self.sockets)]

    async def listen(self, k: int, ws) -> None:
        step = self.step
        try:
            async for raw in ws:
                now = time.perf_counter()
                if '"chat"' not in raw:
                    step.other_frames += 1
                    continue
                event = json.loads(raw)
                payload = event.get("payload") or {}
                if (event.get("topic") != "chat" or payload.get("event") != "message"
                        or payload.get("conversation") != self.conversation):  # fmt: skip
                    step.other_frames += 1
                    continue
                seq = int(payload["seq"])
                step.received.setdefault(seq, {})[k] = now
                if step.page_like:
                    asyncio.get_running_loop().run_in_executor(None, self.catch_up, k)
        except Exception:
            pass
        if not self.closing:
            code = ws.close_code
            step.dropped[code] = step.dropped.get(code, 0) + 1

    def catch_up(self, k: int) -> None:
        """What chat.js does on an event: ask for what came after the last message held, then post the
        read marker (one at a time per page, as the page's `fetching` flag makes it)."""
        lock = self._locks[k]
        if not lock.acquire(blocking=False):
            self._again[k] = True
            return
        try:
            while True:
                self._again[k] = False
                try:
                    self._fetch_and_mark(k)
                except requests.RequestException:
                    # The server closes a kept-alive connection after a request that queued (serving/gate.py);
                    # a browser opens another and asks again: so do we.
                    self.step.retries += 1
                    self.http[k].close()
                    self._again[k] = True
                if not self._again[k]:
                    return
        finally:
            lock.release()

    def _fetch_and_mark(self, k: int) -> None:
        http = self.http[k]
        response = http.get(self.base + self.messages_url, params={"after": self.last_seq[k]}, timeout=60)
        now = time.perf_counter()
        self.step.fetches += 1
        seqs = [int(s) for s in SEQ.findall(response.text)]
        for seq in seqs:
            self.step.shown.setdefault(seq, {}).setdefault(k, now)
        if seqs:
            self.last_seq[k] = max(self.last_seq[k], *seqs)
            http.post(
                self.base + self.read_url,
                data={"seq": self.last_seq[k], "csrfmiddlewaretoken": self.csrf[k]},
                headers={"X-Tradewind-Chat": "1", "Origin": self.base, "Referer": self.base + "/"},
                timeout=60,
            )

    def prepare_pages(self, page_url: str, start_seq: int) -> None:
        """Page-like clients: each with its browser session (cookie, CSRF token) and the last number."""
        self._locks = [threading.Lock() for _ in range(self.n)]
        self._again = [False] * self.n
        for k in range(self.n):
            s = sender(self.base, self.members[k % len(self.members)], page_url)
            self.http.append(s.http)
            self.csrf.append(s.csrf)
        self.last_seq = [start_seq] * self.n

    async def close(self) -> None:
        self.closing = True
        for ws in self.sockets:
            if ws is not None:
                await ws.close()
        for task in self.tasks:
            task.cancel()


async def run_step(base: str, members: list[Member], senders: list[Sender], general: Conversation, n: int,
                   args, page_like: bool) -> Step:  # fmt: skip
    step = Step(n, page_like)
    slug = CHAT_SLUG
    page_url = reverse("chat:conversation", args=[slug, general.public_id])
    send_url = reverse("chat:send", args=[slug, general.public_id])
    messages_url = reverse("chat:messages", args=[slug, general.public_id])
    read_url = reverse("chat:read", args=[slug, general.public_id])
    clients = Clients(base, slug, members, n, str(general.public_id), step, messages_url, read_url)
    loop = asyncio.get_running_loop()
    if page_like:
        last = await loop.run_in_executor(None, last_seq, general.pk)
        await loop.run_in_executor(None, clients.prepare_pages, page_url, last)
    await clients.open()
    await asyncio.sleep(1.0)  # let the connections settle
    for i in range(args.messages):
        s = senders[i % len(senders)]
        body = f"fan-out {n}/{i}: 报价已更新，请查收 — price list updated {uuid.uuid4().hex[:6]}"
        started, answered, status, text = await loop.run_in_executor(
            None, post, base, s, send_url, {"body": body, "client_key": str(uuid.uuid4())}
        )
        found = SEQ.search(text) if status == 200 else None
        if found is None:
            step.failures += 1
        else:
            step.posts[int(found.group(1))] = (started, answered)
        await asyncio.sleep(args.interval)
    deadline = time.perf_counter() + (30 if page_like else 10)
    while time.perf_counter() < deadline:  # the stragglers
        complete = all(len(step.received.get(seq, {})) >= n for seq in step.posts)
        shown = not page_like or all(len(step.shown.get(seq, {})) >= n for seq in step.posts)
        if complete and shown:
            break
        await asyncio.sleep(0.1)
    await clients.close()
    return step


# --- report ------------------------------------------------------------------------------------------------


def report(steps: list[Step], args, load: tuple) -> None:
    head = (
        f"{'clients':>7} {'connect':>8} {'delivered':>10} {'receipt p50':>11} {'p95':>7} {'POST p50':>9} "
        f"{'p95':>7} {'last client p50':>15} {'p95':>7}  target (100 clients): receipt p95 ≤ POST p95 + 50"
    )
    print(head)
    print("-" * len(head))
    verdicts = []
    for s in steps:
        latencies, last, post_times = [], [], []
        for seq, (started, answered) in s.posts.items():
            post_times.append(answered - started)
            times = s.received.get(seq, {})
            latencies += [t - started for t in times.values()]
            if len(times) == s.clients:
                last.append(max(times.values()) - started)
        expected = s.clients * (len(s.posts) + s.failures)
        delivered = sum(len(s.received.get(seq, {})) for seq in s.posts) / expected if expected else 0
        r50, r95 = (p50(latencies), percentile(latencies, 95)) if latencies else (float("nan"),) * 2
        q50, q95 = p50(post_times), percentile(post_times, 95)
        l50, l95 = (p50(last), percentile(last, 95)) if last else (float("nan"),) * 2
        verdict = ""
        if s.clients == 100 and not s.page_like:
            ok = delivered == 1 and r95 <= q95 + TARGET_EXTRA_S
            verdict = "OK" if ok else "MISSED"
            verdicts.append(f"100 clients: {verdict}")
        elif delivered < 1:
            verdict = "LOST MESSAGES"
        label = f"{s.clients}{' page' if s.page_like else ''}"
        print(
            f"{label:>7} {s.connect_s:>7.1f}s {delivered:>10.2%} {r50 * 1000:>11.1f} {r95 * 1000:>7.1f} "
            f"{q50 * 1000:>9.1f} {q95 * 1000:>7.1f} {l50 * 1000:>15.1f} {l95 * 1000:>7.1f}  {verdict}"
        )
        if s.page_like:
            shown = [t - s.posts[seq][0] for seq in s.posts for t in s.shown.get(seq, {}).values()]
            complete = sum(len(s.shown.get(seq, {})) for seq in s.posts) / expected if expected else 0
            if shown:
                print(
                    f"{'':>7} page-like: the message's HTML at {complete:.1%} of the clients, p50 "
                    f"{p50(shown) * 1000:.0f} ms, p95 {percentile(shown, 95) * 1000:.0f} ms after the POST "
                    f"began; {s.fetches:,} catch-up GETs (+ as many read POSTs), {s.other_frames:,} other "
                    f"events heard; {s.retries} requests asked again on a new connection"
                )
        if s.failures:
            print(f"{'':>7} !! {s.failures} POSTs failed")
        if s.dropped:
            codes = ", ".join(f"{n} with code {code}" for code, n in sorted(s.dropped.items(), key=str))
            print(f"{'':>7} !! sockets closed by the server during the step: {codes}")
    print(
        f"(ms; {args.messages} messages a step, {args.interval:g} s apart, by ten members in turn; receipt: "
        "from the start of the POST to the event at a client; last client: until every client had it; "
        "connect: opening all the sockets, 25 at a time; load average at the end "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f})"
    )
    if verdicts:
        print("Verdict: " + "; ".join(verdicts))


def last_seq(conversation_id: int) -> int:
    try:
        return Conversation.objects.filter(pk=conversation_id).values_list("last_seq", flat=True).get()
    finally:
        from django.db import connection

        connection.close()  # this executor thread's own connection


async def main_async(args, base: str, members: list[Member], writers: list[Member], general) -> list[Step]:
    loop = asyncio.get_running_loop()
    page_url = reverse("chat:conversation", args=[CHAT_SLUG, general.public_id])
    senders = [await loop.run_in_executor(None, sender, base, m, page_url) for m in writers]
    steps = []
    page_like = {int(x) for x in args.page_like.split(",") if x.strip()}
    for n in [int(x) for x in args.clients.split(",") if x.strip()]:
        steps.append(await run_step(base, members, senders, general, n, args, page_like=False))
        print(f"  {n} clients: {len(steps[-1].posts)} messages posted", flush=True)
        if n in page_like:
            steps.append(await run_step(base, members, senders, general, n, args, page_like=True))
            print(f"  {n} clients, page-like: done", flush=True)
    return steps


def writer_ids(general: Conversation) -> set[int]:
    return set(
        Participant.objects.filter(conversation=general, left_at__isnull=True)
        .exclude(membership__role=Role.VIEWER)
        .exclude(membership__user__email=LIGHT_EMAIL)
        .values_list("membership_id", flat=True)
    )


def main() -> None:
    args = arguments()
    # Stopped from outside (SIGTERM): leave through `finally`, which deletes what the run wrote.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    general = Conversation.objects.get(
        workspace__slug=CHAT_SLUG, kind=ConversationKind.CHANNEL, name=ALL_HANDS
    )
    clients = max(int(x) for x in args.clients.split(",") if x.strip())
    raise_open_files(2 * clients + 512)
    os.environ["TRADEWIND_REDIS_URL"] = args.redis  # the server's; this process keeps its own settings
    os.environ.setdefault("TRADEWIND_SERVER_LOG_LEVEL", "warning")
    if args.workers:
        os.environ["TRADEWIND_WEB_WORKERS"] = str(args.workers)
    if args.threads:
        os.environ["TRADEWIND_WEB_THREADS"] = str(args.threads)
    fix_folder = layer_fix_environment() if args.layer_fix else None
    load_before = os.getloadavg()
    cpu = cpu_reference()
    layer = "socket_timeout=None (--layer-fix)" if args.layer_fix else "the app's settings"
    print(f"Database: {database_label()}; server channel layer: channels_redis at {args.redis}, {layer}")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {timezone.now():%Y-%m-%d %H:%M} UTC; CPU reference "
        f"(sum(range(10**6))) {cpu:.1f} ms; load average {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f}; open files {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}"
    )
    members = sessions(general)
    groups = Participant.objects.filter(
        membership_id__in=[m.membership_id for m in members], left_at__isnull=True
    )
    print(
        f"#{ALL_HANDS}: {len(members)} members taking part, {general.last_seq:,} messages; their sockets "
        f"join {groups.count() / len(members):.0f} conversation groups each on average"
    )
    snap = snapshot([general])
    log = Path(tempfile.gettempdir()) / f"bench-chat-fanout-{os.getpid()}.log"
    port = free_port()
    try:
        with serving(port, log) as base:
            plan = next(
                (line for line in log.read_text(errors="replace").splitlines() if "web process" in line), ""
            )
            print(f"Server: {base} ({plan.strip() or 'tradewind serve --no-worker'}; log {log})", flush=True)
            writers = [m for m in members if m.membership_id in writer_ids(general)][:10]
            steps = asyncio.run(main_async(args, base, members, writers, general))
    finally:
        if not args.keep:
            restore(snap, general.workspace_id)
        if fix_folder is not None:
            shutil.rmtree(fix_folder, ignore_errors=True)
    print()
    report(steps, args, os.getloadavg())
    print(
        "Reproduce: TRADEWIND_DATABASE_URL=… TRADEWIND_DATA_DIR=… "
        f".venv/bin/python bench/bench_chat_fanout.py --clients {args.clients} --messages {args.messages} "
        f"--redis {args.redis}"
        + (f" --page-like {args.page_like}" if args.page_like else "")
        + (" --layer-fix" if args.layer_fix else "")
    )


if __name__ == "__main__":
    main()
