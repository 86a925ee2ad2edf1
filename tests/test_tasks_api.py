import pytest
from django.test import Client

from tradewind.accounts.services import api_token_create
from tradewind.tasks import services
from tradewind.tasks.models import Task
from tradewind.workspaces.choices import Role


@pytest.fixture
def api(sales):
    _t, raw = api_token_create(membership=sales, name="script", expires_at=None, ip=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.base = f"/api/v1/workspaces/{sales.workspace.slug}"
    return client


def post(client, path, data):
    return client.post(client.base + path, data=data, content_type="application/json")


def patch(client, path, data):
    return client.patch(client.base + path, data=data, content_type="application/json")


def test_create_read_update_complete_comment(api, sales, member_factory):
    colleague = member_factory(Role.LOGISTICS)
    board = post(api, "/boards", {"name": "December shipments"}).json()
    r = post(
        api,
        "/tasks",
        {
            "title": "Book 2×40HQ",
            "board": board["id"],
            "assignee": str(colleague.public_id),
            "due_date": "2026-12-20",
            "priority": "high",
            "labels": ["booking"],
        },
    )
    assert r.status_code == 201
    task = r.json()
    assert task["code"] == "T-1" and task["assignee_name"] == colleague.user.display_name
    assert task["labels"] == [{"name": "booking"}]
    r = patch(api, f"/tasks/{task['id']}", {"due_date": None, "priority": "urgent"})
    assert r.status_code == 200 and r.json()["due_date"] is None and r.json()["priority"] == "urgent"
    r = post(api, f"/tasks/{task['id']}/status", {"status": "blocked"})
    assert r.status_code == 422 and r.json()["fields"] == {"blocked_reason": [r.json()["message"]]}
    assert post(api, f"/tasks/{task['id']}/complete", {}).json()["status"] == "done"
    assert post(api, f"/tasks/{task['id']}/comments", {"body": "Booked with COSCO"}).status_code == 201
    assert [c["body"] for c in api.get(f"{api.base}/tasks/{task['id']}/comments").json()] == [
        "Booked with COSCO"
    ]
    kinds = [e["kind"] for e in api.get(f"{api.base}/tasks/{task['id']}/history").json()["items"]]
    assert kinds[0] == "comment" and "created" in kinds


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x", "due_date": "2026-13-45"}, "due_date"),
        ({"title": "x", "priority": "asap"}, "priority"),
        ({"title": "x", "due_time": "09:00"}, "due_date"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(api, payload, field):
    r = post(api, "/tasks", payload)
    assert r.status_code == 422
    assert field in r.json()["fields"]
    assert not Task.objects.exists()


def test_assignee_outside_the_workspace_is_404_and_deactivated_is_422(api, sales, member_factory):
    from tests.factories import MembershipFactory

    stranger = MembershipFactory()
    assert post(api, "/tasks", {"title": "x", "assignee": str(stranger.public_id)}).status_code == 404
    gone = member_factory()
    gone.is_active = False
    gone.save()
    r = post(api, "/tasks", {"title": "x", "assignee": str(gone.public_id)})
    assert r.status_code == 422 and "assignee" in r.json()["fields"]


def test_filters_and_my_work(api, sales, member_factory):
    colleague = member_factory()
    services.task_create(actor=sales, title="Mine urgent", assignee=sales, priority="urgent")
    services.task_create(actor=sales, title="Theirs", assignee=colleague)
    items = api.get(f"{api.base}/tasks?assignee=me").json()["items"]
    assert [t["title"] for t in items] == ["Mine urgent"]
    items = api.get(f"{api.base}/tasks?priority=urgent&status=open").json()["items"]
    assert [t["title"] for t in items] == ["Mine urgent"]
    assert api.get(f"{api.base}/tasks?due=someday").status_code == 422
    work = api.get(f"{api.base}/my-work").json()
    assert [t["title"] for t in work["no_date"]] == ["Mine urgent"]


def test_viewer_tokens_are_read_only(workspace, member_factory):
    viewer = member_factory(Role.VIEWER)
    _t, raw = api_token_create(membership=viewer, name="ro", expires_at=None, ip=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    base = f"/api/v1/workspaces/{workspace.slug}"
    assert client.get(f"{base}/tasks").status_code == 200
    r = client.post(f"{base}/tasks", data={"title": "x"}, content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"


def test_boards_api(api, sales, member_factory):
    r = post(api, "/boards", {"name": "Canton Fair"})
    board = r.json()
    assert post(api, "/boards", {"name": "canton fair"}).status_code == 422
    assert patch(api, f"/boards/{board['id']}", {"is_archived": True}).json()["is_archived"] is True
    assert api.get(f"{api.base}/boards").json() == []
    assert api.get(f"{api.base}/boards?archived=true").json()[0]["total"] == 0


def test_another_workspaces_task_is_404(api, member_factory):
    from tests.factories import MembershipFactory

    other = MembershipFactory(role=Role.OWNER)
    task = services.task_create(actor=other, title="secret")
    assert api.get(f"{api.base}/tasks/{task.public_id}").status_code == 404
    assert api.get(f"/api/v1/workspaces/{other.workspace.slug}/tasks").status_code == 404


# --- bugs an outside review found: each was a 500 --------------------------------------------------


def test_a_malformed_assignee_filter_is_a_422_naming_what_is_accepted(api):
    r = api.get(f"{api.base}/tasks", {"assignee": "notauuid"})
    assert r.status_code == 422
    assert r.json()["fields"]["assignee"] and "me, none" in r.json()["message"]
    assert api.get(f"{api.base}/tasks", {"assignee": "me"}).status_code == 200


def test_labels_null_is_a_422_and_changes_nothing(api, sales):
    task = services.task_create(actor=sales, title="Label me", labels=["booking"])
    r = patch(api, f"/tasks/{task.public_id}", {"labels": None, "title": "Renamed"})
    assert r.status_code == 422 and "labels" in r.json()["fields"]
    task.refresh_from_db()
    assert task.title == "Label me" and list(task.labels.values_list("name", flat=True)) == ["booking"]
    assert patch(api, f"/tasks/{task.public_id}", {"labels": []}).json()["labels"] == []


@pytest.mark.parametrize("method", ["create", "update"])
def test_a_due_time_with_an_offset_is_a_422_on_every_database(api, sales, method):
    if method == "create":
        r = post(api, "/tasks", {"title": "Call", "due_date": "2026-12-20", "due_time": "10:00:00+01:00"})
    else:
        task = services.task_create(actor=sales, title="Call")
        r = patch(api, f"/tasks/{task.public_id}", {"due_date": "2026-12-20", "due_time": "10:00:00+01:00"})
    assert r.status_code == 422 and "due_time" in r.json()["fields"]
    assert not Task.objects.filter(due_time__isnull=False).exists()
