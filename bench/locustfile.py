"""The sales team's load, for Locust (started by bench_load.py; read that file's docstring first).

Two kinds of simulated people, as many of each, each one account signed in once with its password and
then clicking with 1–3 s between clicks (a busy person; a real rep reads a page for longer):

- a sales rep of bench-crm (rep05…rep39): the customer list filtered by country and follow-up, searches
  in Latin and in Chinese script, a customer's profile, logging an interaction, My work, the unread count;
- a team member of bench-co (member03…member49): My work, the board list, the notification list, the
  unread count, creating a task.

The timed reps and members of the page benches (rep02, rep04, rep40, member02, member50) are left alone,
so this bench's writes do not move their figures. Everything written carries "[load]" and is deleted by
bench_load.py afterwards.

The steps come from TW_LOAD_STEPS ("users:ramp:settle:measure,…", seconds); statistics are reset when a
step's measuring window opens, and each step's figures are appended as one JSON line to TW_LOAD_RESULTS
when it closes. Sign-ins happen while users are added, before the window: they are kept apart.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time

from locust import LoadTestShape, between, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(open(os.environ["TW_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
RESULTS = os.environ["TW_LOAD_RESULTS"]
STEPS = [tuple(int(x) for x in part.split(":")) for part in os.environ["TW_LOAD_STEPS"].split(",")]
SPAWN_RATE = float(os.environ.get("TW_LOAD_SPAWN_RATE", "25"))

_reps = itertools.cycle(PLAN["crm"]["reps"])
_members = itertools.cycle(PLAN["tasks"]["members"])
_serial = itertools.count(1)


class _Step:
    """What the request listener counts for the step being measured."""

    index = -1
    measuring = False
    server_errors = 0  # 5xx, 503 included
    overloaded = 0  # 503 answers (part of server_errors)
    other_errors = 0  # 4xx, wrong page, connection errors
    sign_ins: list[float] = []
    sign_in_failures = 0


@events.request.add_listener
def _count(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if name == "sign-in":
        _Step.sign_ins.append(response_time)
        if exception:
            _Step.sign_in_failures += 1
    if not _Step.measuring:
        return
    if status >= 500:
        _Step.server_errors += 1
        _Step.overloaded += status == 503
    elif exception:
        _Step.other_errors += 1


class _Person(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    slug = ""

    def on_start(self):
        self.account = self.pick()
        with self.client.get("/accounts/sign-in/", name="sign-in form", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"sign-in form answered {page.status_code}")
                return
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "email": self.account["email"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.csrf,
            },
            headers={"Referer": self.host + "/accounts/sign-in/"},
            name="sign-in",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/accounts/sign-in/" in (response.url or ""):
                response.failure(f"sign-in failed ({response.status_code})")

    @property
    def csrf(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def page(self, path: str, name: str, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        url = f"/w/{self.slug}/{path}" + (f"?{query}" if query else "")
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def post(self, path: str, name: str, data: dict):
        with self.client.post(
            f"/w/{self.slug}/{path}",
            data={**data, "csrfmiddlewaretoken": self.csrf},
            headers={"Referer": f"{self.host}/w/{self.slug}/{path}"},
            name=name,
            catch_response=True,
        ) as response:  # redirects are followed: the time includes the page shown after saving
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def unread_count(self):
        with self.client.get(
            f"/api/v1/workspaces/{self.slug}/notifications/unread-count",
            name="unread count",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")


class SalesRep(_Person):
    slug = PLAN["crm"]["slug"]

    def pick(self):
        return next(_reps)

    @task(3)
    def customer_list_filtered(self):
        country = random.choice(PLAN["crm"]["countries"])
        self.page("customers/", "customers: country + follow-up filter", country=country, follow_up="overdue")

    @task(2)
    def search_latin(self):
        self.page("customers/", "customers: search Latin", q=random.choice(PLAN["crm"]["latin_terms"]))

    @task(1)
    def search_chinese(self):
        self.page("customers/", "customers: search Chinese", q=random.choice(PLAN["crm"]["chinese_terms"]))

    @task(3)
    def profile(self):
        self.page(f"customers/{random.choice(self.account['customers'])}/", "customer profile")

    @task(1)
    def log_interaction(self):
        customer = random.choice(self.account["customers"])
        self.post(
            f"customers/{customer}/log/",
            "log an interaction",
            {"channel": "call", "summary": f"[load] call about the samples #{next(_serial)}", "outcome": ""},
        )

    @task(1)
    def my_work(self):
        self.page("tasks/", "My work")

    @task(2)
    def unread(self):
        self.unread_count()


class TeamMember(_Person):
    slug = PLAN["tasks"]["slug"]

    def pick(self):
        return next(_members)

    @task(3)
    def my_work(self):
        self.page("tasks/", "My work")

    @task(2)
    def board_list(self):
        self.page("boards/", "board list")

    @task(2)
    def notifications(self):
        self.page("notifications/", "notifications")

    @task(2)
    def unread(self):
        self.unread_count()

    @task(1)
    def create_task(self):
        self.post(
            "tasks/new/",
            "create a task",
            {
                "title": f"[load] send the revised PI #{next(_serial)}",
                "priority": "normal",
                "assignee": self.account["membership"],
            },
        )


class Steps(LoadTestShape):
    """25, 50, 100, 200, 400 users (TW_LOAD_STEPS): add users, let them settle, then measure.

    The window opens once the step's new users have all signed in and the queue their sign-ins built has
    had the settle time to drain (at least ramp + settle after the step began, at most SIGN_IN_WAIT more):
    what is measured is the team at work, not a hundred people signing in at the same second. How long
    the step waited is reported with it."""

    SIGN_IN_WAIT = 60

    def __init__(self):
        super().__init__()
        self.index = -1
        self.previous_users = 0

    def tick(self):
        now = self.get_run_time()
        if self.index == -1:
            self._next(now)
        users, ramp, settle, measure = STEPS[self.index]
        if not _Step.measuring:
            added = users - self.previous_users
            if self.all_signed_in_at is None and len(_Step.sign_ins) >= added:
                self.all_signed_in_at = now
            earliest = self.began + ramp + settle
            ready = self.all_signed_in_at is not None and now >= max(earliest, self.all_signed_in_at + settle)
            if ready or now >= earliest + self.SIGN_IN_WAIT:
                self._open(users, now - self.began)
        elif now >= self.opened + measure:
            self._close(self.index, users, measure)
            self.previous_users = users
            if self.index + 1 == len(STEPS):
                return None
            self._next(now)
        return STEPS[self.index][0], SPAWN_RATE

    def _next(self, now):
        self.index += 1
        self.began = now
        self.all_signed_in_at = None
        self._begin(self.index)

    def _begin(self, index):
        _Step.index = index
        _Step.measuring = False
        _Step.sign_ins = []
        _Step.sign_in_failures = 0

    def _open(self, users, waited):
        self.runner.stats.reset_all()
        _Step.server_errors = _Step.overloaded = _Step.other_errors = 0
        _Step.measuring = True
        self.opened = self.get_run_time()
        self.waited = waited
        self.window_opened = time.time()
        self.users_at_open = self.runner.user_count

    def _close(self, index, users, seconds):
        _Step.measuring = False
        stats = self.runner.stats
        elapsed = time.time() - self.window_opened

        def entry(e):
            return {
                "requests": e.num_requests,
                "failures": e.num_failures,
                "p50": e.get_response_time_percentile(0.50),
                "p95": e.get_response_time_percentile(0.95),
                "p99": e.get_response_time_percentile(0.99),
            }

        row = {
            "step": index,
            "users": users,
            "users_running": self.runner.user_count,
            "window": [self.window_opened, self.window_opened + elapsed],
            "seconds": elapsed,
            "opened_after": round(self.waited, 1),  # seconds from the step's start: ramp, sign-ins, settle
            "total": entry(stats.total),
            "endpoints": {name: entry(e) for (name, _method), e in stats.entries.items()},
            "server_errors": _Step.server_errors,
            "overloaded": _Step.overloaded,
            "other_errors": _Step.other_errors,
            "sign_ins": sorted(_Step.sign_ins),
            "sign_in_failures": _Step.sign_in_failures,
            "errors": {f"{e.method} {e.name}: {e.error}"[:200]: e.occurrences for e in stats.errors.values()},
        }
        with open(RESULTS, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")
