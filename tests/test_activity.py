"""The activity stream: one history for customers and tasks, moved there without losing anything."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone, translation

from tests.factories import history_of, timeline_of, workspace_today
from tradewind.accounts.services import api_token_create
from tradewind.activity.kinds import activity_text
from tradewind.core.subjects import subject_resolve, subjects_resolve
from tradewind.crm import services as crm
from tradewind.notifications.models import Notification, Reminder
from tradewind.tasks import services as tasks
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def rep2(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


def api_for(member):
    _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_an_interaction_and_system_entries_are_the_customers_activity(rep):
    customer = crm.customer_create(actor=rep, data={"name": "Müller GmbH", "country": "DE"})
    contact = crm.contact_save(actor=rep, customer=customer, data={"name": "Hans"})
    crm.timeline_log(
        actor=rep, customer=customer, channel="call", summary="Asked for 40HQ price", contact=contact
    )
    crm.contact_delete(actor=rep, contact=contact)
    rows = list(timeline_of(customer).order_by("at", "id"))
    assert [r.kind for r in rows] == ["crm.created", "crm.interaction", "crm.contact_removed"]
    call = rows[1]
    assert call.data["contact"] == {"id": str(contact.public_id), "name": "Hans"}  # still named after removal
    with translation.override("zh-hans"):
        assert activity_text(rows[2].kind, rows[2].data) == "已移除联系人：Hans"


def test_the_api_serves_any_subjects_stream_only_to_who_may_open_it(rep, rep2):
    customer = crm.customer_create(
        actor=rep, data={"name": "Casa S.r.l.", "country": "IT"}, owner=rep, confirm_duplicates=True
    )
    crm.timeline_log(actor=rep, customer=customer, channel="email", summary="Sent catalogue")
    base = f"/api/v1/workspaces/{rep.workspace.slug}/activity"
    query = {"subject_kind": "crm.customer", "subject_id": str(customer.public_id)}
    r = api_for(rep).get(base, query)
    assert r.status_code == 200, r.content
    items = r.json()["items"]
    assert [i["kind"] for i in items] == ["crm.interaction", "crm.created"]
    assert items[0]["text"] == "Sent catalogue" and items[0]["actor"] == rep.user.display_name
    # A colleague's private customer: its history is not theirs to read; an unknown kind is a 404 too.
    assert api_for(rep2).get(base, query).status_code == 404
    assert api_for(rep).get(base, {**query, "subject_kind": "nope"}).status_code == 404
    assert api_for(rep).get(base, {"subject_kind": "crm.customer", "subject_id": "x"}).status_code == 422


def test_task_history_is_its_activity_and_linking_a_record_is_recorded(rep):
    customer = crm.customer_create(actor=rep, data={"name": "Casa S.r.l.", "country": "IT"})
    task = tasks.task_create(actor=rep, title="Send PI")
    # Linking a record wrote a history line whose data has a "kind" key (once a TypeError).
    tasks.task_update(actor=rep, task=task, subject=("crm.customer", customer.public_id))
    tasks.task_set_status(actor=rep, task=task, status="blocked", blocked_reason="waiting for deposit")
    kinds = list(history_of("tasks.task", task).order_by("at", "id").values_list("kind", "data"))
    assert kinds[1] == ("tasks.subject", {"kind": "crm.customer"})
    status = history_of("tasks.task", task).get(kind="tasks.status")
    assert activity_text(status.kind, status.data) == "To do → Blocked (waiting for deposit)"
    r = api_for(rep).get(f"/api/v1/workspaces/{rep.workspace.slug}/tasks/{task.public_id}/history")
    assert r.status_code == 200
    assert [i["kind"] for i in r.json()["items"]] == ["status", "subject", "created"]


def test_handover_moves_tasks_through_the_tasks_services(rep, rep2, manager):
    customer = crm.customer_create(
        actor=rep, data={"name": "A Co", "country": "DE"}, owner=rep, confirm_duplicates=True
    )
    due = workspace_today() + dt.timedelta(days=3)
    made = [
        tasks.task_create(
            actor=rep,
            title=f"Task {i}",
            assignee=rep,
            due_date=due,
            subject=("crm.customer", customer.public_id),
        )
        for i in range(3)
    ]
    Notification.objects.all().delete()
    crm.customers_handover(actor=manager, from_member=rep, to_member=rep2)
    for task in made:
        task.refresh_from_db()
        assert task.assignee == rep2
        moved = history_of("tasks.task", task).get(kind="tasks.assigned")
        assert moved.actor == manager and moved.data["to"] == rep2.user.display_name
        assert rep2 in task.watchers.all()
    # Reminders re-planned for the new assignee; one notification for the lot, not one per task.
    assert Reminder.objects.filter(target_id__in=[t.public_id for t in made]).exists()
    notes = Notification.objects.filter(recipient=rep2, kind="tasks.assigned")
    assert notes.count() == 1 and "3 tasks" in notes.get().title


def test_subjects_resolve_in_one_query_per_kind(rep, django_assert_max_num_queries):
    customers = [
        crm.customer_create(actor=rep, data={"name": f"Firma {i}", "country": "DE"}, confirm_duplicates=True)
        for i in range(5)
    ]
    task = tasks.task_create(actor=rep, title="Call")
    refs = [("crm.customer", c.public_id) for c in customers] + [("tasks.task", task.public_id), ("x", "y")]
    with django_assert_max_num_queries(3):
        found = subjects_resolve(rep, refs)
    assert len(found) == 6
    ref = found[("crm.customer", customers[0].public_id)]
    assert ref.url == f"/w/{rep.workspace.slug}/customers/{customers[0].public_id}/"
    assert subject_resolve(rep, "crm.customer", "not-a-uuid") is None


@pytest.mark.postgres_pass  # it migrates back and forth, as production does
@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_timelines_and_task_histories_losing_nothing():
    """Back to the schema before the activity stream, rows written there, then forwards again."""
    before = [
        ("activity", "0001_initial"),
        ("crm", "0012_workspace_defaults"),
        ("tasks", "0004_task_subject_order"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Workspace = old.get_model("workspaces", "Workspace")
    ws = Workspace.objects.create(name="W", slug="w-mig")
    user = old.get_model("accounts", "User").objects.create(email="a@w.example", full_name="Amy")
    member = old.get_model("workspaces", "Membership").objects.create(workspace=ws, user=user, role="sales")
    Customer = old.get_model("crm", "Customer")
    customer = Customer.objects.create(workspace=ws, name="Müller GmbH", country="DE")
    contact = old.get_model("crm", "Contact").objects.create(workspace=ws, customer=customer, name="Hans")
    Entry = old.get_model("crm", "TimelineEntry")
    at = timezone.now() - dt.timedelta(days=3)
    call = Entry.objects.create(
        workspace=ws, customer=customer, actor=member, channel="call", at=at, summary="Price for 40HQ",
        outcome="wants FOB", next_step="send PI", contact=contact,
    )  # fmt: skip
    claimed = Entry.objects.create(
        workspace=ws, customer=customer, channel="ownership", at=at, summary="Claimed from the pool",
        data={"event": "claimed", "from": "", "to": "Amy", "reason": ""},
    )  # fmt: skip
    legacy = Entry.objects.create(
        workspace=ws, customer=customer, channel="system", at=at, summary="Old text"
    )
    task = old.get_model("tasks", "Task").objects.create(workspace=ws, number=1, title="Send PI")
    old.get_model("tasks", "TaskEvent").objects.create(
        workspace=ws, task=task, actor=member, kind="status", data={"from": "todo", "to": "done"}, at=at
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from tradewind.activity.models import Activity

    rows = {a.public_id: a for a in Activity.objects.filter(subject_id=customer.public_id)}
    moved = rows[call.public_id]
    assert (moved.kind, moved.actor_id, moved.at, moved.created_at) == (
        "crm.interaction", member.pk, at, call.created_at,
    )  # fmt: skip
    assert moved.data == {
        "channel": "call", "summary": "Price for 40HQ", "outcome": "wants FOB", "next_step": "send PI",
        "contact": {"id": str(contact.public_id), "name": "Hans"},
    }  # fmt: skip
    assert rows[claimed.public_id].kind == "crm.claimed"
    assert rows[claimed.public_id].data == {"channel": "ownership", "from": "", "to": "Amy", "reason": ""}
    assert (rows[legacy.public_id].kind, rows[legacy.public_id].data["text"]) == ("crm.entry", "Old text")
    event = Activity.objects.get(subject_kind="tasks.task", subject_id=task.public_id)
    assert (event.kind, event.data, event.at, event.actor_id) == (
        "tasks.status",
        {"from": "todo", "to": "done"},
        at,
        member.pk,
    )
    assert activity_text(event.kind, event.data) == "To do → Done"


def test_the_factories_make_rows_as_the_product_does(rep):
    from tests.factories import ContactFactory, CustomerFactory, TaskFactory
    from tradewind.crm.selectors import CustomerFilters, customer_list

    customer = CustomerFactory(actor=rep, name="Müller Haushaltswaren GmbH")
    ContactFactory(actor=rep, customer=customer, name="Hans", emails=["hans@mueller.de"])
    task = TaskFactory(actor=rep, assignee=rep, subject=("crm.customer", customer.public_id))
    assert [c.pk for c in customer_list(membership=rep, filters=CustomerFilters(q="muller"))] == [customer.pk]
    assert task.number == 1 and history_of("tasks.task", task).filter(kind="tasks.created").exists()
    assert timeline_of(customer).filter(kind="crm.created").exists()
