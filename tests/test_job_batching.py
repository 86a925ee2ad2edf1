"""The hourly and quarter-hourly jobs do not flood: thousands of customers returning to the pool at once
make one notification (one e-mail, one chat message) per owner, follow-up reminders come batched per
owner, and the development console prints one line per e-mail."""

import datetime as dt
import io
import re
import subprocess
import zoneinfo
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.factories import UserFactory
from tests.processes import PYTHON
from tradewind.core.console_mail import EmailBackend
from tradewind.crm.models import Cooldown, Customer
from tradewind.crm.selectors import CustomerFilters, customer_list, grades
from tradewind.crm.services import auto_return, customers_auto_return, follow_ups_remind
from tradewind.notifications.batching import names_and_more
from tradewind.notifications.delivery import deliveries_send_due
from tradewind.notifications.models import Delivery, Notification, NotificationItem, WebhookChannel
from tradewind.notifications.services import notify
from tradewind.workspaces.choices import Role

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def reps(member_factory):
    return [member_factory(Role.SALES, user=UserFactory(full_name=f"Rep {i}")) for i in range(3)]


def _private(owner, count, *, quiet_days, grade="A", **fields):
    """`count` customers of `owner` in `grade` (A: back to the pool after 30 days), last taken over
    `quiet_days` ago and never contacted since."""
    grade = {g.code: g for g in grades(owner.workspace)}[grade]
    since = timezone.now() - dt.timedelta(days=quiet_days)
    Customer.objects.bulk_create(
        Customer(
            workspace=owner.workspace,
            name=f"{owner.user.full_name} customer {i:04d}",
            country="DE",
            grade=grade,
            owner=owner,
            owned_since=since,
            **fields,
        )
        for i in range(count)
    )


def _sql_on(queries, table):
    return [q["sql"] for q in queries if f'"{table}' in q["sql"]]


def test_thousands_returning_at_once_make_one_notification_per_owner(
    reps, django_capture_on_commit_callbacks
):
    big, small, single = reps
    _private(big, 1100, quiet_days=40)
    _private(small, 400, quiet_days=40)
    _private(single, 1, quiet_days=40)
    WebhookChannel.objects.create(
        workspace=big.workspace, owner=None, platform="slack", name="team", url="http://127.0.0.1:9/"
    )

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        result = customers_auto_return()

    # At most RETURNS_PER_OWNER of one owner per run (one transaction each); the rest an hour later.
    assert result == {"returned": 1000 + 400 + 1, "warned": 0}
    returned = Notification.objects.filter(kind="crm.returned")
    assert {n.recipient_id: returned.filter(recipient=n.recipient).count() for n in returned} == {
        big.pk: 1,
        small.pk: 1,
        single.pk: 1,
    }
    note = returned.get(recipient=big)
    assert note.title == "1000 customers returned to the public pool"
    assert note.url == f"/w/{big.workspace.slug}/customers/?owner=pool&sort=-updated"
    assert "Rep 0 customer 0000, Rep 0 customer 0001, Rep 0 customer 0002, and 997 more" in note.message
    one = returned.get(recipient=single)
    assert one.title == "Rep 2 customer 0000 went back to the pool" and one.subject_kind == "crm.customer"
    # E-mail and chat follow the notifications: one e-mail per owner, one team message per owner.
    assert Delivery.objects.filter(channel="email").count() == 3
    assert Delivery.objects.filter(channel="webhook", webhook__name="team").count() == 3
    # Every returned customer is in the pool with its cool-down, timeline entry and audit entry.
    assert Customer.objects.filter(owner__isnull=True).count() == 1401
    assert Cooldown.objects.count() == 1401
    # Queries: a fixed handful per owner for telling them, four writes per customer moved, no more.
    assert len(_sql_on(queries.captured_queries, "notifications_")) <= 6 * 3
    per_customer = (len(queries.captured_queries) - 60) / 1401
    assert per_customer <= 4, f"{len(queries.captured_queries)} queries for 1401 customers"
    # Open customer lists refresh once per commit, not once per customer.
    keys = [getattr(c, "_on_commit_key", "") for c in callbacks]
    assert sum(k.startswith("customers:") for k in keys) == 1

    # The next run returns the big owner's other 100, with one more notification; then nothing.
    assert customers_auto_return() == {"returned": 100, "warned": 0}
    assert Notification.objects.filter(recipient=big, kind="crm.returned").count() == 2
    assert customers_auto_return() == {"returned": 0, "warned": 0}
    assert Notification.objects.filter(kind="crm.returned").count() == 4


def test_a_contact_logged_meanwhile_keeps_the_customer(reps):
    rep = reps[0]
    _private(rep, 3, quiet_days=40)
    kept = Customer.objects.filter(owner=rep).order_by("pk").first()
    due, _warn = auto_return._candidates(timezone.now())
    Customer.objects.filter(pk=kept.pk).update(last_contact_at=timezone.now())
    assert auto_return._return_for(rep.pk, due[rep.pk], timezone.now()) == 2
    kept.refresh_from_db()
    assert kept.owner == rep
    assert Notification.objects.get(recipient=rep).title == "2 customers returned to the public pool"


def test_warnings_come_once_per_owner_and_link_to_the_customers_concerned(reps):
    rep, other, _ = reps
    _private(rep, 40, quiet_days=28)  # grade A returns after 30 days; warned 3 days before
    _private(rep, 5, quiet_days=10)  # not yet
    _private(other, 1, quiet_days=28)
    assert customers_auto_return() == {"returned": 0, "warned": 41}
    warning = Notification.objects.get(recipient=rep, kind="crm.return_warning")
    assert warning.title.startswith("40 customers return to the pool from ")
    assert Customer.objects.filter(owner=rep, return_warned_at__isnull=False).count() == 40
    # The link is the rep's own list of customers not contacted since: it holds all forty.
    since = re.search(r"contacted_before=([\d-]+)", warning.url).group(1)
    assert warning.url.startswith(f"/w/{rep.workspace.slug}/customers/?owner=mine&")
    listed = customer_list(
        membership=rep,
        filters=CustomerFilters(owner="mine", contacted_before=dt.date.fromisoformat(since)),
    )
    warned = set(
        Customer.objects.filter(owner=rep, return_warned_at__isnull=False).values_list("pk", flat=True)
    )
    assert warned <= set(listed.values_list("pk", flat=True))
    single = Notification.objects.get(recipient=other, kind="crm.return_warning")
    assert single.title.startswith("Rep 1 customer 0000 returns to the pool on ")
    assert customers_auto_return() == {"returned": 0, "warned": 0}
    assert Notification.objects.filter(kind="crm.return_warning").count() == 2


def test_the_batch_is_written_in_each_readers_language(reps):
    rep = reps[0]
    rep.user.language = "zh-hans"
    rep.user.save()
    _private(rep, 4, quiet_days=40)
    customers_auto_return()
    note = Notification.objects.get(recipient=rep)
    assert note.title == "4 个客户已退回公海"
    assert "和另外1个" in note.message


# --- follow-up reminders -------------------------------------------------------------------------------
def _morning(member, hour=9):
    zone = zoneinfo.ZoneInfo(member.user.time_zone or member.workspace.time_zone)
    local = timezone.now().astimezone(zone).replace(hour=hour, minute=0, second=0, microsecond=0)
    return local.astimezone(dt.UTC)


def _follow_ups(owner, dates):
    Customer.objects.bulk_create(
        Customer(workspace=owner.workspace, name=f"Buyer {i}", country="DE", owner=owner, next_follow_up_on=d)
        for i, d in enumerate(dates)
    )


def test_follow_up_reminders_are_batched_per_owner_and_told_once(reps):
    rep, lone, _ = reps
    now = _morning(rep)
    today = now.astimezone(zoneinfo.ZoneInfo(rep.user.time_zone or rep.workspace.time_zone)).date()
    _follow_ups(rep, [today] * 3 + [today - dt.timedelta(days=2)] * 1200 + [today + dt.timedelta(days=3)])
    _follow_ups(lone, [today])

    with CaptureQueriesContext(connection) as queries:
        assert follow_ups_remind(now=now) == 3
    assert len(queries.captured_queries) < 60, "not a query per customer"
    due = Notification.objects.get(recipient=rep, kind="crm.follow_up_due")
    overdue = Notification.objects.get(recipient=rep, kind="crm.follow_up_overdue")
    assert due.title == "3 follow-ups are due today" and due.url.endswith("/customers/follow-ups/")
    assert overdue.title == "1200 follow-ups are overdue"
    assert NotificationItem.objects.filter(notification=overdue).count() == 1200
    one = Notification.objects.get(recipient=lone)
    assert one.title == "Follow up with Buyer 0 today" and one.subject_kind == "crm.customer"

    # A quarter of an hour later: nobody is told again.
    assert follow_ups_remind(now=now + dt.timedelta(minutes=15)) == 0
    # A follow-up planned for today in the afternoon is told by name, once.
    _follow_ups(rep, [today])
    assert follow_ups_remind(now=now + dt.timedelta(hours=5)) == 1
    assert Notification.objects.filter(recipient=rep).latest("pk").title == "Follow up with Buyer 0 today"
    assert follow_ups_remind(now=now + dt.timedelta(hours=6)) == 0
    # The next morning those of today are overdue: told once more, as overdue (one each).
    assert follow_ups_remind(now=now + dt.timedelta(days=1)) == 2
    assert Notification.objects.filter(recipient=rep).latest("pk").title == "4 follow-ups are overdue"
    assert (
        Notification.objects.filter(recipient=lone)
        .latest("pk")
        .title.startswith("Follow-up with Buyer 0 is overdue since ")
    )


def test_no_follow_up_reminder_before_the_owners_morning(reps):
    rep = reps[0]
    now = _morning(rep, hour=6)
    _follow_ups(rep, [now.date()])
    assert follow_ups_remind(now=now) == 0
    assert not Notification.objects.exists()


def test_names_and_more_in_both_languages():
    assert names_and_more(["A"]) == "A"
    assert names_and_more(["A", "B"]) == "A and B"
    assert names_and_more(["A", "B", "C", "D", "E"]) == "A, B, C, and 2 more"
    with translation.override("zh-hans"):
        assert names_and_more(["甲", "乙", "丙", "丁"]) == "甲、乙、丙和另外1个"


# --- the development console ----------------------------------------------------------------------------
def test_console_backend_prints_one_line_per_message_and_counts_the_rest():
    out = io.StringIO()
    backend = EmailBackend(stream=out, shown=2)
    messages = [
        EmailMessage(f"Subject {i}", f"Body {i}\nOpen https://tw.example/r/{i}/ now", to=[f"a{i}@x.com"])
        for i in range(5)
    ]
    backend.open()
    for message in messages:
        backend.send_messages([message])
    backend.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert re.fullmatch(
        r'mail to=a0@x\.com subject="Subject 0" \d+ B link=https://tw\.example/r/0/', lines[0]
    )
    assert lines[2].startswith("mail … and 3 more message(s), ") and "not shown" in lines[2]
    # Without an open connection each call is its own.
    assert EmailBackend(stream=io.StringIO()).send_messages(messages[:1]) == 1


def test_the_outbox_sends_a_batch_over_one_connection(member_factory, capsys):
    members = [member_factory() for _ in range(25)]
    notify(recipients=members, kind="tasks.assigned", title=lambda: "T-42 is yours", url="/x/")
    with override_settings(EMAIL_BACKEND="tradewind.core.console_mail.EmailBackend"):
        assert deliveries_send_due() == 25
    printed = capsys.readouterr().out.splitlines()
    # One connection for the claimed batch: twenty lines, then the rest counted on one.
    assert len(printed) == 21
    assert all(line.startswith("mail to=") and 'subject="T-42 is yours"' in line for line in printed[:20])
    assert printed[20].startswith("mail … and 5 more message(s)")
    assert len(mail.outbox) == 0


def _email_backend(tmp_path, **env) -> subprocess.CompletedProcess:
    code = "import tradewind.settings as s; print(s.EMAIL_BACKEND)"
    return subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TRADEWIND_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_prints_e_mail_as_one_line_each_unless_asked_for_all(tmp_path):
    dev = {"TRADEWIND_ENV": "development"}
    assert _email_backend(tmp_path, **dev).stdout.strip() == "tradewind.core.console_mail.EmailBackend"
    full = _email_backend(tmp_path, **dev, TRADEWIND_EMAIL_CONSOLE="full")
    assert full.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
    wrong = _email_backend(tmp_path, **dev, TRADEWIND_EMAIL_CONSOLE="loud")
    assert wrong.returncode != 0 and "TRADEWIND_EMAIL_CONSOLE" in wrong.stderr
    smtp = _email_backend(tmp_path, **dev, TRADEWIND_EMAIL_HOST="smtp.example.com")
    assert smtp.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"
