import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory, workspace_today
from tradewind.tasks import services
from tradewind.tasks.models import Board, ChecklistItem, Task, TaskAttachment, TaskComment
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(email="amy.liu@haitian.example", full_name="Amy Liu"))


@pytest.fixture
def colleague(member_factory):
    return member_factory(
        Role.LOGISTICS, user=UserFactory(email="zhao.lei@haitian.example", full_name="Zhao Lei")
    )


def url(workspace, path=""):
    return f"/w/{workspace.slug}/{path}"


def test_create_a_task_from_the_form(workspace, rep, colleague, client_for):
    board = services.board_create(actor=rep, name="Canton Fair")
    client = client_for(rep)
    assert client.get(url(workspace, f"tasks/new/?board={board.public_id}")).status_code == 200
    r = client.post(
        url(workspace, "tasks/new/"),
        {
            "title": "Book 2×40HQ",
            "board": board.public_id,
            "assignee": colleague.public_id,
            "due_date": "2026-12-24",
            "due_time": "16:00",
            "priority": "high",
            "labels": "booking, urgent-ish",
        },
    )
    assert r.status_code == 302 and r["Location"] == url(workspace, f"boards/{board.public_id}/")
    task = Task.objects.get()
    assert (task.assignee, task.priority, task.due_time) == (colleague, "high", dt.time(16))
    assert sorted(task.labels.values_list("name", flat=True)) == ["booking", "urgent-ish"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required"),
        ({"title": "x", "due_date": "31/31/2026"}, "Enter a valid date"),
        ({"title": "x", "due_time": "09:00"}, "A due time needs a due date"),
        ({"title": "x", "recurrence": "weekly", "due_date": "2026-12-01"}, "Choose the weekdays"),
    ],
)
def test_bad_input_on_the_form_is_explained_and_saves_nothing(workspace, rep, client_for, data, message):
    r = client_for(rep).post(url(workspace, "tasks/new/"), {"priority": "normal", **data})
    assert r.status_code == 400 and message in r.content.decode()
    assert not Task.objects.exists()


def test_assigning_to_a_deactivated_member_is_refused_on_the_form(workspace, rep, colleague, client_for):
    colleague.is_active = False
    colleague.save()
    r = client_for(rep).post(
        url(workspace, "tasks/new/"), {"title": "x", "priority": "normal", "assignee": colleague.public_id}
    )
    assert r.status_code == 400
    assert not Task.objects.exists()


def test_task_page_shows_everything_and_renders_markdown_safely(workspace, rep, colleague, client_for):
    task = services.task_create(
        actor=rep, title="Quote", assignee=colleague, description="**FOB Ningbo** <script>alert(1)</script>"
    )
    services.task_comment_add(actor=colleague, task=task, body="[click](javascript:alert(1)) @amy.liu")
    services.checklist_item_add(actor=rep, task=task, text="Ask the factory")
    html = client_for(rep).get(url(workspace, f"tasks/{task.public_id}/")).content.decode()
    assert "<strong>FOB Ningbo</strong>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "Ask the factory" in html and "created the task" in html


def test_status_complete_and_blocked_without_reason(workspace, rep, client_for):
    task = services.task_create(actor=rep, title="x")
    client = client_for(rep)
    r = client.post(url(workspace, f"tasks/{task.public_id}/status/"), {"status": "blocked"}, follow=True)
    assert "Say what the task is waiting for" in r.content.decode()
    task.refresh_from_db()
    assert task.status == "todo"
    client.post(url(workspace, f"tasks/{task.public_id}/complete/"))
    task.refresh_from_db()
    assert task.status == "done"


def test_kanban_move_endpoint(workspace, rep, client_for):
    board = services.board_create(actor=rep, name="B")
    a, b = (services.task_create(actor=rep, title=t, board=board) for t in "ab")
    client = client_for(rep)
    r = client.post(
        url(workspace, f"tasks/{b.public_id}/move/"), {"status": "done"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert r.status_code == 204
    r = client.post(
        url(workspace, f"tasks/{a.public_id}/move/"), {"status": "blocked"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert r.status_code == 400 and "waiting for" in r.content.decode()
    r = client.post(
        url(workspace, f"tasks/{a.public_id}/move/"),
        {"status": "blocked", "blocked_reason": "L/C not opened"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert r.status_code == 204
    page = client.get(url(workspace, f"boards/{board.public_id}/")).content.decode()
    assert "L/C not opened" in page and "1 of 2 done" in page


def test_comments_checklist_attachments_and_watching(workspace, rep, colleague, client_for):
    task = services.task_create(actor=rep, title="x")
    client = client_for(colleague)
    client.post(url(workspace, f"tasks/{task.public_id}/comments/"), {"body": "@amy.liu done?"})
    assert TaskComment.objects.get().mentions.get() == rep
    r = client.post(
        url(workspace, f"tasks/{task.public_id}/comments/"), {"body": "@nobody.here hi"}, follow=True
    )
    assert "@nobody.here is not an active member" in r.content.decode()
    client.post(url(workspace, f"tasks/{task.public_id}/checklist/"), {"text": "Carton marks"})
    item = ChecklistItem.objects.get()
    client.post(url(workspace, f"tasks/{task.public_id}/checklist/{item.public_id}/toggle/"))
    item.refresh_from_db()
    assert item.is_done
    client.post(url(workspace, f"tasks/{task.public_id}/checklist/{item.public_id}/delete/"))
    assert not ChecklistItem.objects.exists()
    upload = SimpleUploadedFile("packing list.xlsx", b"PK\x03\x04data")
    client.post(url(workspace, f"tasks/{task.public_id}/attachments/"), {"file": upload})
    attachment = TaskAttachment.objects.get()
    download = client.get(url(workspace, f"tasks/{task.public_id}/attachments/{attachment.public_id}/"))
    assert download.status_code == 200 and "attachment;" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"PK\x03\x04data"
    r = client.post(
        url(workspace, f"tasks/{task.public_id}/attachments/"),
        {"file": SimpleUploadedFile("x.exe", b"MZ")},
        follow=True,
    )
    assert "are not accepted" in r.content.decode()
    client.post(url(workspace, f"tasks/{task.public_id}/watch/"), {"watch": "0"})
    assert colleague not in task.watchers.all()


def test_viewers_read_but_cannot_write(workspace, rep, member_factory, client_for):
    viewer = member_factory(Role.VIEWER)
    task = services.task_create(actor=rep, title="Readable")
    client = client_for(viewer)
    assert "Readable" in client.get(url(workspace, f"tasks/{task.public_id}/")).content.decode()
    assert client.get(url(workspace, "tasks/new/")).status_code == 404
    assert (
        client.post(url(workspace, f"tasks/{task.public_id}/status/"), {"status": "done"}).status_code == 404
    )
    task.refresh_from_db()
    assert task.status == "todo"


def test_my_work_groups_and_one_click_complete(workspace, rep, colleague, client_for):
    today = workspace_today()
    services.task_create(
        actor=colleague, title="Late one", assignee=rep, due_date=today - dt.timedelta(days=2)
    )
    services.task_create(
        actor=colleague, title="Later one", assignee=rep, due_date=today + dt.timedelta(days=20)
    )
    mentioned = services.task_create(actor=colleague, title="Mentioned one")
    services.task_comment_add(actor=colleague, task=mentioned, body="@amy.liu see this")
    services.task_create(actor=colleague, title="Not mine", assignee=colleague)
    client = client_for(rep)
    html = client.get(url(workspace, "tasks/")).content.decode()
    assert html.index("Late one") < html.index("Later one")
    assert "Mentioned one" in html and "Not mine" not in html
    late = Task.objects.get(title="Late one")
    client.post(url(workspace, f"tasks/{late.public_id}/complete/"))
    assert "Late one" not in client.get(url(workspace, "tasks/")).content.decode()


def test_my_work_shows_a_long_group_in_part_and_links_to_the_rest(workspace, rep, colleague, client_for):
    from tradewind.tasks.selectors import MY_WORK_SHOWN

    yesterday = workspace_today() - dt.timedelta(days=1)
    for n in range(MY_WORK_SHOWN + 1):
        services.task_create(actor=colleague, title=f"Overdue {n:02d}", assignee=rep, due_date=yesterday)
    services.task_create(actor=colleague, title="Undated", assignee=rep)
    client = client_for(rep)
    html = client.get(url(workspace, "tasks/")).content.decode()
    assert len(re.findall(r"Overdue \d\d", html)) == MY_WORK_SHOWN  # the last one is not on the page
    link = f"/w/{workspace.slug}/tasks/all/?assignee=me&amp;status=open&amp;sort=due&amp;due=overdue"
    assert link in html and html.count("All of them in the task list") == 1  # none for the short group
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert len(re.findall(r"Overdue \d\d", listed)) == MY_WORK_SHOWN + 1 and "Undated" not in listed


def test_list_filters_and_sorting(workspace, rep, colleague, client_for):
    services.task_create(actor=rep, title="Alpha urgent", priority="urgent", labels=["payment"])
    services.task_create(actor=rep, title="Bravo low", priority="low", assignee=colleague)
    client = client_for(rep)
    html = client.get(url(workspace, "tasks/all/"), {"priority": "urgent"}).content.decode()
    assert "Alpha urgent" in html and "Bravo low" not in html
    html = client.get(url(workspace, "tasks/all/"), {"assignee": str(colleague.public_id)}).content.decode()
    assert "Bravo low" in html and "Alpha urgent" not in html
    html = client.get(url(workspace, "tasks/all/"), {"label": "payment"}).content.decode()
    assert "Alpha urgent" in html and "Bravo low" not in html
    html = client.get(url(workspace, "tasks/all/"), {"q": "T-2"}).content.decode()
    assert "Bravo low" in html and "Alpha urgent" not in html
    html = client.get(url(workspace, "tasks/all/"), {"sort": "priority"}).content.decode()
    assert html.index("Alpha urgent") < html.index("Bravo low")


@pytest.mark.parametrize(
    "page", ["tasks/", "tasks/all/", "boards/", "board-kanban", "board-list", "notifications/"]
)
def test_list_pages_use_a_fixed_number_of_queries(
    workspace, rep, colleague, client_for, django_assert_max_num_queries, page
):
    board = services.board_create(actor=rep, name="B")
    path = {
        "board-kanban": f"boards/{board.public_id}/",
        "board-list": f"boards/{board.public_id}/?view=list",
    }.get(page, page)

    def add(n):
        for i in range(n):
            task = services.task_create(
                actor=colleague, title=f"T{i}", board=board, assignee=rep, labels=["a", "b"]
            )
            services.task_comment_add(actor=colleague, task=task, body="@amy.liu hi")

    client = client_for(rep)
    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url(workspace, path)).status_code == 200
    add(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(workspace, path)).status_code == 200


def test_workload_is_for_managers(workspace, rep, colleague, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    services.task_create(
        actor=rep, title="x", assignee=colleague, due_date=workspace_today() - dt.timedelta(days=1)
    )
    assert client_for(rep).get(url(workspace, "tasks/workload/")).status_code == 404
    html = client_for(manager).get(url(workspace, "tasks/workload/")).content.decode()
    assert "Zhao Lei" in html


def test_board_pages(workspace, rep, member_factory, client_for):
    client = client_for(rep)
    r = client.post(url(workspace, "boards/"), {"name": "Key account: ACME", "description": "2027 programme"})
    board = Board.objects.get()
    assert r["Location"] == url(workspace, f"boards/{board.public_id}/")
    assert client.post(url(workspace, "boards/"), {"name": "key account: acme"}).status_code == 400
    other = member_factory(Role.SALES)
    r = client_for(other).post(
        url(workspace, f"boards/{board.public_id}/edit/"), {"name": "Hijack"}, follow=True
    )
    assert "Only the board" in r.content.decode()
    client.post(url(workspace, f"boards/{board.public_id}/edit/"), {"name": "ACME", "is_archived": "1"})
    board.refresh_from_db()
    assert board.is_archived and board.name == "ACME"
    assert "ACME" in client.get(url(workspace, "boards/?archived=1")).content.decode()


def test_a_linked_record_shows_as_a_chip_and_foreign_links_are_refused(workspace, rep, client_for):
    from tests.factories import MembershipFactory
    from tradewind.core.errors import ValidationFailed

    board = services.board_create(actor=rep, name="Key account: ACME")
    task = services.task_create(
        actor=rep, title="Plan the 2027 programme", subject=("tasks.board", board.public_id)
    )
    html = client_for(rep).get(url(workspace, f"tasks/{task.public_id}/")).content.decode()
    assert f'href="/w/{workspace.slug}/boards/{board.public_id}/"' in html and "Key account: ACME" in html
    foreign = services.board_create(actor=MembershipFactory(role=Role.OWNER), name="Elsewhere")
    with pytest.raises(ValidationFailed) as err:
        services.task_create(actor=rep, title="x", subject=("tasks.board", foreign.public_id))
    assert err.value.field == "subject"
