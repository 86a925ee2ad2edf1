"""Timing pages against their raw SQL floor, shared by the page benches (bench_tasks.py, bench_crm_pages.py).

A page is requested with the Django test Client, signed in with force_login: the whole Django stack from
middleware to template, without a network or a WSGI server, the database connection kept open between
requests. Each scenario is requested `warmup` times, then `n` times, each request followed by one run of its
floor — hand-written SQL (connection.cursor()) for everything the response shows: the session and the
membership check every request needs (`floor_auth`), the app shell on HTML pages (`floor_shell`), the page's
own extras (`Scenario.head`) and the rows (`Scenario.content`, also timed alone as "content"). The rows a page
shows are compared with the floor's once; the page is then requested once more with many rows and once with
few, with CaptureQueriesContext, for the query counts.
"""

from __future__ import annotations

import argparse
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from _common import db_datetime, p50, percentile
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tradewind.workspaces.models import Membership


@dataclass
class Who:
    """A signed-in member: what the floor needs to answer as them."""

    membership: Membership
    client: Client
    session_key: str

    @property
    def mid(self) -> int:
        return self.membership.pk

    @property
    def uid(self) -> int:
        return self.membership.user_id

    @property
    def wid(self) -> int:
        return self.membership.workspace_id

    @property
    def slug(self) -> str:
        return self.membership.workspace.slug

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.membership.user.time_zone or self.membership.workspace.time_zone)


def page_bench_arguments(doc: str) -> argparse.Namespace:
    """The options every page bench takes."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=30, help="timed requests per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's three slowest queries"
    )
    return parser.parse_args()


def sign_in(email: str, slug: str) -> Who:
    membership = Membership.objects.select_related("user", "workspace").get(
        user__email=email, workspace__slug=slug
    )
    client = Client(raise_request_exception=True)
    client.force_login(membership.user)
    return Who(membership, client, client.cookies[settings.SESSION_COOKIE_NAME].value)


# --- the floor every page shares ---------------------------------------------------------------------------


def fetch(cursor, sql: str, params=()) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def floor_auth(cursor, who: Who) -> None:
    """What every signed-in request needs: the session row, then the member, their user and workspace."""
    fetch(
        cursor,
        "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s",
        [who.session_key, db_datetime(timezone.now())],
    )
    fetch(
        cursor,
        """SELECT m.id, m.role, w.id, w.name, w.slug, w.time_zone,
                  u.full_name, u.email, u.language, u.time_zone
           FROM workspaces_membership m
           JOIN workspaces_workspace w ON w.id = m.workspace_id
           JOIN accounts_user u ON u.id = m.user_id
           WHERE m.user_id = %s AND w.slug = %s AND m.is_active = %s AND u.is_active = %s""",
        [who.uid, who.slug, True, True],
    )


def floor_unread(cursor, who: Who) -> int:
    return fetch(
        cursor,
        "SELECT COUNT(*) FROM notifications_notification WHERE recipient_id = %s AND read_at IS NULL",
        [who.mid],
    )[0][0]


def floor_shell(cursor, who: Who) -> None:
    """The app shell of every HTML page: the bell count and the workspace switcher."""
    floor_unread(cursor, who)
    fetch(
        cursor,
        """SELECT w.slug, w.name, m.role FROM workspaces_membership m
           JOIN workspaces_workspace w ON w.id = m.workspace_id
           WHERE m.user_id = %s AND m.is_active = %s ORDER BY w.name""",
        [who.uid, True],
    )


# --- scenarios ---------------------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    who: Who
    url: str
    shown: Callable  # response -> the rows it shows (to compare with the floor)
    head: Callable  # cursor -> None: the floor for everything around the rows
    content: Callable  # cursor -> the rows
    small_who: Who  # the same page with few rows: for the query count
    small_url: str
    body: dict | None = None  # POST this JSON instead of a GET
    small_body: dict | None = None
    auth: bool = True  # the floor starts with floor_auth


@dataclass
class Result:
    name: str
    rows: int
    page: list[float]
    floor: list[float]
    content: list[float]
    queries: int
    small_rows: int
    small_queries: int
    match: bool
    captured: list[dict] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return p50(self.page) / p50(self.floor)

    @property
    def content_ratio(self) -> float:
        return p50(self.page) / p50(self.content)


def request(who: Who, url: str, body: dict | None = None):
    if body is None:
        response = who.client.get(url)
    else:
        response = who.client.post(url, body, content_type="application/json")
    if response.status_code != 200:
        raise SystemExit(f"{'POST' if body else 'GET'} {url} answered {response.status_code}")
    return response


def run(s: Scenario, *, n: int, warmup: int) -> Result:
    for _ in range(warmup):
        request(s.who, s.url, s.body)
        request(s.small_who, s.small_url, s.small_body)
        with connection.cursor() as cursor:
            s.head(cursor)
            s.content(cursor)
    # The rows shown must be the floor's rows.
    shown = s.shown(request(s.who, s.url, s.body))
    with connection.cursor() as cursor:
        expected = s.content(cursor)
    if isinstance(expected, int):
        expected = [expected]
    match = shown == list(expected)
    if not match:
        print(f"!! {s.name}: the page shows {len(shown)} rows, the floor {len(expected)} (or another order)")
    page, floor, content = [], [], []
    for _ in range(n):
        started = time.perf_counter()
        request(s.who, s.url, s.body)
        page.append(time.perf_counter() - started)
        with connection.cursor() as cursor:
            started = time.perf_counter()
            if s.auth:
                floor_auth(cursor, s.who)
            s.head(cursor)
            middle = time.perf_counter()
            s.content(cursor)
            ended = time.perf_counter()
        floor.append(ended - started)
        content.append(ended - middle)
    with CaptureQueriesContext(connection) as big:
        request(s.who, s.url, s.body)
    with CaptureQueriesContext(connection) as small:
        small_shown = s.shown(request(s.small_who, s.small_url, s.small_body))
    return Result(
        name=s.name,
        rows=len(shown),
        page=page,
        floor=floor,
        content=content,
        queries=len(big.captured_queries),
        small_rows=len(small_shown),
        small_queries=len(small.captured_queries),
        match=match,
        captured=big.captured_queries,
    )


# --- reporting ---------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def print_ratios(results: list[Result], target: float, *, width: int = 24) -> None:
    head = (
        f"{'scenario':{width}} {'rows':>5} {'page p50':>9} {'p95':>8} {'floor p50':>9} {'p95':>8} "
        f"{'ratio':>6} {'content p50':>11} {'ratio':>6}  target ≤{target:g}×"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        verdict = "OK" if r.ratio <= target else "OVER TARGET"
        print(
            f"{r.name:{width}} {r.rows:>5} {ms(p50(r.page)):>9} {ms(percentile(r.page, 95)):>8} "
            f"{ms(p50(r.floor)):>9} {ms(percentile(r.floor, 95)):>8} {r.ratio:>5.2f}× "
            f"{ms(p50(r.content)):>11} {r.content_ratio:>5.1f}×  {verdict}"
        )
    print("(ms; floor = the same response in hand-written SQL incl. session/membership check and app shell;")
    print(" content = the rows alone, timed inside the floor)")


def print_query_counts(results: list[Result], *, width: int = 24, fewer: str = "fewer") -> None:
    head = f"{'scenario':{width}} {'rows':>5} {'queries':>8} {'few rows':>9} {'queries':>8}  query count"
    print(head)
    print("-" * len(head))
    for r in results:
        if r.queries == r.small_queries:
            verdict = "same"
        elif r.queries < r.small_queries:
            verdict = fewer
        else:
            verdict = "GROWS WITH ROWS"
        counts = f"{r.rows:>5} {r.queries:>8} {r.small_rows:>9} {r.small_queries:>8}"
        print(f"{r.name:{width}} {counts}  {verdict}")


def print_queries(results: list[Result], *, explain_top: int = 0, show: bool = True) -> None:
    for r in results:
        if show:
            print(f"\n== {r.name}: {r.queries} queries")
            for q in r.captured:
                print(f"  {float(q['time']) * 1000:7.2f} ms  {q['sql'][:400]}")
        for q in sorted(r.captured, key=lambda q: -float(q["time"]))[:explain_top]:
            print(f"\n== {r.name}: {float(q['time']) * 1000:.1f} ms\n{q['sql']}")
            print(explain(q["sql"]))


def explain(sql: str) -> str:
    """The plan of a captured query (its parameters are already inlined by Django)."""
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(r[0] for r in rows)
    return "\n".join(f"  {r[-1]}" for r in rows)
