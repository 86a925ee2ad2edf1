import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MembershipFactory, UserFactory, history_of, workspace_today
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification, Reminder
from tradewind.tasks import services
from tradewind.tasks.choices import TaskEventKind, TaskStatus
from tradewind.tasks.models import Task
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(email="amy.liu@haitian.example", full_name="Amy Liu"))


@pytest.fixture
def logistics(member_factory):
    return member_factory(
        Role.LOGISTICS, user=UserFactory(email="zhao.lei@haitian.example", full_name="Zhao Lei")
    )


def test_create_assigns_numbers_history_watchers_and_tells_the_assignee(rep, logistics):
    task = services.task_create(actor=rep, title="Book 2×40HQ for PI-2026-0042", assignee=logistics)
    second = services.task_create(actor=rep, title="Chase balance payment")
    assert (task.number, second.number) == (1, 2)
    assert history_of("tasks.task", task).filter(kind=f"tasks.{TaskEventKind.CREATED}").exists()
    assert set(task.watchers.all()) == {rep, logistics}
    note = Notification.objects.get(recipient=logistics)
    assert (
        note.kind == "tasks.assigned"
        and "T-1" in note.title
        and note.url.endswith(f"/tasks/{task.public_id}/")
    )
    assert not Notification.objects.filter(recipient=rep).exists(), "nobody is told about their own action"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "ok", "due_time": dt.time(9)}, "due_date"),
        ({"title": "ok", "priority": "whenever"}, "priority"),
        ({"title": "ok", "recurrence": "weekly", "due_date": dt.date(2026, 12, 1)}, "recurrence_weekdays"),
        ({"title": "ok", "recurrence": "daily"}, "due_date"),
    ],
)
def test_bad_input_changes_nothing(rep, kwargs, field):
    with pytest.raises(ValidationFailed) as err:
        services.task_create(actor=rep, **kwargs)
    assert err.value.field == field
    assert not Task.objects.exists()


def test_assigning_to_a_deactivated_member_or_an_outsider_is_refused(rep, logistics):
    outsider = MembershipFactory()
    logistics.is_active = False
    logistics.save()
    for who in (logistics, outsider):
        with pytest.raises(ValidationFailed) as err:
            services.task_create(actor=rep, title="x", assignee=who)
        assert err.value.field == "assignee"


def test_viewers_cannot_change_tasks(member_factory, rep):
    viewer = member_factory(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.task_create(actor=viewer, title="x")
    task = services.task_create(actor=rep, title="x")
    with pytest.raises(PermissionDenied):
        services.task_comment_add(actor=viewer, task=task, body="hi")


def test_due_date_is_in_the_assignees_zone(rep, logistics):
    logistics.user.time_zone = "Europe/Berlin"
    logistics.user.save()
    task = services.task_create(
        actor=rep, title="x", assignee=logistics, due_date=dt.date(2026, 12, 1), due_time=dt.time(10, 0)
    )
    assert task.due_at == dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    services.task_update(actor=rep, task=task, assignee=rep)  # workspace zone: Asia/Shanghai
    task.refresh_from_db()
    assert task.due_at == dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def test_every_change_is_in_the_history(rep, logistics):
    task = services.task_create(actor=rep, title="Quote", due_date=dt.date(2026, 12, 1))
    services.task_update(
        actor=rep, task=task, title="Quote Müller", assignee=logistics, due_date=dt.date(2026, 12, 2)
    )
    services.task_set_status(actor=logistics, task=task, status=TaskStatus.IN_PROGRESS)
    services.task_comment_add(actor=logistics, task=task, body="on it")
    kinds = list(history_of("tasks.task", task).order_by("at", "id").values_list("kind", flat=True))
    assert kinds == [f"tasks.{k}" for k in ("created", "title", "assigned", "due", "status", "comment")]
    due = history_of("tasks.task", task).get(kind="tasks.due")
    assert due.data == {"from": "2026-12-01", "to": "2026-12-02"} and due.actor == rep


def test_blocked_needs_a_reason(rep):
    task = services.task_create(actor=rep, title="x")
    with pytest.raises(ValidationFailed):
        services.task_set_status(actor=rep, task=task, status=TaskStatus.BLOCKED)
    services.task_set_status(
        actor=rep, task=task, status=TaskStatus.BLOCKED, blocked_reason="waiting for the L/C"
    )
    task.refresh_from_db()
    assert task.blocked_reason == "waiting for the L/C"


def test_watchers_hear_about_status_changes_and_comments(rep, logistics, member_factory):
    watcher = member_factory(Role.MANAGER)
    task = services.task_create(actor=rep, title="x", assignee=logistics)
    services.task_watch(actor=watcher, task=task, watch=True)
    services.task_set_status(actor=logistics, task=task, status=TaskStatus.DONE)
    assert set(Notification.objects.filter(kind="tasks.status").values_list("recipient", flat=True)) == {
        rep.pk,
        watcher.pk,
    }


def test_mentions_notify_and_unknown_handles_are_refused(rep, logistics, member_factory):
    task = services.task_create(actor=rep, title="x")
    services.task_comment_add(actor=rep, task=task, body="@zhao.lei please book. cc bob@acme.com")
    assert Notification.objects.filter(recipient=logistics, kind="tasks.mentioned").count() == 1
    outsider = MembershipFactory(user=UserFactory(email="spy@other.example"))
    with pytest.raises(ValidationFailed) as err:
        services.task_comment_add(actor=rep, task=task, body="@spy have a look")
    assert "@spy" in str(err.value.message)
    assert outsider is not None
    assert task.comments.count() == 1


def test_completing_a_repeating_task_creates_the_next_once(rep):
    task = services.task_create(
        actor=rep,
        title="Weekly report",
        due_date=dt.date(2026, 11, 30),
        recurrence="weekly",
        recurrence_weekdays=[0, 3],
    )
    services.task_set_status(actor=rep, task=task, status=TaskStatus.DONE)
    nxt = Task.objects.get(series_id=task.series_id, due_date=dt.date(2026, 12, 3))
    services.task_set_status(actor=rep, task=task, status=TaskStatus.IN_PROGRESS)
    services.task_set_status(actor=rep, task=task, status=TaskStatus.DONE)
    assert Task.objects.filter(series_id=task.series_id).count() == 2
    assert services.tasks_repeat_due(today=dt.date(2026, 12, 3)) == 1
    assert services.tasks_repeat_due(today=dt.date(2026, 12, 3)) == 1  # returns the existing one
    assert Task.objects.filter(series_id=task.series_id).count() == 3
    assert nxt.number == 2


def test_monthly_repeats_clamp_to_the_month_end(rep):
    task = services.task_create(
        actor=rep,
        title="Export tax rebate",
        due_date=dt.date(2027, 1, 31),
        recurrence="monthly",
        recurrence_month_day=31,
    )
    nxt = services.task_occurrence_next(task=task)
    assert nxt.due_date == dt.date(2027, 2, 28)


def test_reminders_follow_the_due_date_and_vanish_when_done(rep, logistics, settings):
    future = workspace_today() + dt.timedelta(days=5)
    task = services.task_create(actor=rep, title="x", assignee=logistics, due_date=future)
    kinds = set(Reminder.objects.filter(target_id=task.public_id).values_list("kind", flat=True))
    assert kinds == {"tasks.due_soon", "tasks.due_now", "tasks.overdue"}
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    due_now = Reminder.objects.get(target_id=task.public_id, kind="tasks.due_now")
    assert due_now.fire_at.astimezone(shanghai).time() == dt.time(9, 0)
    soon = Reminder.objects.get(target_id=task.public_id, kind="tasks.due_soon")
    assert due_now.fire_at - soon.fire_at == dt.timedelta(hours=24)
    services.task_set_status(actor=logistics, task=task, status=TaskStatus.DONE)
    assert not Reminder.objects.filter(target_id=task.public_id, processed_at__isnull=True).exists()


def test_attachment_limits(rep, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    task = services.task_create(actor=rep, title="x")
    with pytest.raises(ValidationFailed) as err:
        services.task_attachment_add(actor=rep, task=task, upload=SimpleUploadedFile("virus.exe", b"MZ"))
    assert ".exe" in str(err.value.message)
    with pytest.raises(ValidationFailed) as err:
        services.task_attachment_add(actor=rep, task=task, upload=SimpleUploadedFile("pi.pdf", b"%PDF" * 10))
    assert "limit" in str(err.value.message)
    settings.ATTACHMENT_MAX_BYTES = 1000
    attachment = services.task_attachment_add(
        actor=rep, task=task, upload=SimpleUploadedFile("PI 42.pdf", b"%PDF-1.7")
    )
    assert attachment.name == "PI 42.pdf" and attachment.size == 8


def test_kanban_move_orders_between_neighbours(rep):
    a, b, c = (services.task_create(actor=rep, title=t) for t in "abc")
    services.task_move(actor=rep, task=c, status=TaskStatus.TODO, after=a, before=b)
    order = list(Task.objects.filter(status="todo").order_by("position").values_list("title", flat=True))
    assert order == ["a", "c", "b"]
    services.task_move(actor=rep, task=a, status=TaskStatus.DONE)
    a.refresh_from_db()
    assert a.status == "done" and a.completed_at is not None


def test_board_rules(rep, member_factory):
    board = services.board_create(actor=rep, name="Canton Fair autumn")
    with pytest.raises(ValidationFailed):
        services.board_create(actor=rep, name="canton fair AUTUMN")
    other_rep = member_factory(Role.SALES)
    with pytest.raises(PermissionDenied):
        services.board_update(actor=other_rep, board=board, name="Mine now")
    services.board_update(actor=rep, board=board, name="Canton Fair", is_archived=True)
    with pytest.raises(ValidationFailed) as err:
        services.task_create(actor=rep, title="x", board=board)
    assert err.value.field == "board"
