import pytest
from django.test import Client

from tradewind.accounts.services import api_token_create
from tradewind.crm import services
from tradewind.crm.models import Customer
from tradewind.crm.selectors import grades
from tradewind.workspaces.choices import Role


def api_for(member):
    _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.base = f"/api/v1/workspaces/{member.workspace.slug}"
    return client


def post(client, path, data):
    return client.post(client.base + path, data=data, content_type="application/json")


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES)


def test_create_read_update_with_contacts_and_grade(rep):
    grades(rep.workspace)
    api = api_for(rep)
    r = post(
        api,
        "/customers",
        {
            "name": "Müller GmbH",
            "country": "DE",
            "grade": "A",
            "tags": ["VIP"],
            "contacts": [{"name": "Hans", "emails": ["h@mueller.de"], "phones": ["040 1234567"]}],
        },
    )
    assert r.status_code == 201
    body = r.json()
    assert (
        body["contacts"][0]["phones"] == ["+49401234567"] and body["grade"] == "A" and body["tags"] == ["VIP"]
    )
    assert body["time_zone"] == "" and body["local_time"] and "business_hours" in body
    r = api.patch(
        f"{api.base}/customers/{body['id']}",
        data={"stage": "customer", "city": "Hamburg"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["stage"] == "customer"
    r = api.get(f"{api.base}/customers?q=muller")
    assert [c["name"] for c in r.json()["items"]] == ["Müller GmbH"] and r.json()["next_offset"] is None
    # One's own customer with its contacts: the whole record, in the list and alone.
    by_owner = api.get(f"{api.base}/customers", {"owner": body["owner_id"]}).json()["items"]
    assert body["owner_id"] == str(rep.public_id) and [c["id"] for c in by_owner] == [body["id"]]
    for record in (r.json()["items"][0], api.get(f"{api.base}/customers/{body['id']}").json()):
        assert record["restricted"] is False and record["city"] == "Hamburg"
        assert record["contacts"][0]["phones"] == ["+49401234567"] and record["contacts"][0]["id"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "X", "country": "ZZ"}, "country"),
        ({"name": "X", "country": "DE", "grade": "Q"}, "grade"),
        ({"name": "X", "country": "DE", "contacts": [{"name": "A", "phones": ["abc"]}]}, "contacts.0.phones"),
        ({"name": "X", "country": "DE", "contacts": [{"name": "A", "emails": ["a@"]}]}, "contacts.0.emails"),
    ],
)
def test_bad_input_names_the_field(rep, payload, field):
    grades(rep.workspace)
    r = post(api_for(rep), "/customers", payload)
    assert r.status_code == 422 and field in r.json()["fields"]
    assert not Customer.objects.exists()


def test_duplicates_answer_409_with_matches_and_the_check_endpoint(rep, member_factory):
    other = member_factory(Role.SALES)
    services.customer_create(
        actor=other,
        data={"name": "ACME Co., Ltd.", "country": "US"},
        contacts=[{"name": "Jen", "emails": ["jen@acme.com"]}],
    )
    api = api_for(rep)
    r = post(api, "/customers", {"name": "Acme Corporation", "country": "US"})
    assert r.status_code == 409
    match = r.json()["matches"][0]
    assert (
        match["owner"] == other.user.display_name
        and match["exact"]
        and match["reasons"][0]["reason"] == "name"
    )
    r = post(api, "/customers/duplicate-check", {"name": "Totally new", "emails": ["buyer@acme.com"]})
    assert r.status_code == 200 and r.json()["matches"][0]["reasons"] == [
        {"reason": "domain", "value": "acme.com"}
    ]
    assert Customer.objects.count() == 1
    r = post(api, "/customers", {"name": "Acme Corporation", "country": "US", "confirm_duplicates": True})
    assert r.status_code == 201


def test_restricted_customer_and_pool_actions(rep, member_factory):
    other = member_factory(Role.SALES)
    manager = member_factory(Role.MANAGER)
    theirs = services.customer_create(
        actor=other, data={"name": "Theirs", "country": "FR", "notes": "secret"}
    )
    api = api_for(rep)
    r = api.get(f"{api.base}/customers/{theirs.public_id}")
    assert r.json() == {
        "id": str(theirs.public_id),
        "name": "Theirs",
        "owner": other.user.display_name,
        "owner_id": str(other.public_id),
        "in_pool": False,
        "restricted": True,
    }
    assert api.get(f"{api.base}/customers/{theirs.public_id}/timeline").status_code == 404
    r = post(api, f"/customers/{theirs.public_id}/claim", {})
    assert r.status_code == 409
    pooled = services.customer_create(actor=manager, data={"name": "Pooled", "country": "BR"}, owner=None)
    assert post(api, f"/customers/{pooled.public_id}/claim", {}).json()["owner"] == rep.user.display_name
    assert post(api, f"/customers/{pooled.public_id}/release", {"reason": ""}).status_code == 422
    assert (
        post(api, f"/customers/{pooled.public_id}/release", {"reason": "wrong market"}).json()["in_pool"]
        is True
    )
    assert (
        post(api, f"/customers/{pooled.public_id}/assign", {"owner": str(rep.public_id)}).status_code == 403
    )
    assert (
        post(
            api_for(manager), f"/customers/{pooled.public_id}/assign", {"owner": str(rep.public_id)}
        ).status_code
        == 200
    )
    r = post(api_for(manager), f"/customers/{pooled.public_id}/merge", {"merged": str(pooled.public_id)})
    assert r.status_code == 422


def test_timeline_and_contacts_api(rep):
    customer = services.customer_create(actor=rep, data={"name": "Casa", "country": "IT"})
    api = api_for(rep)
    r = post(api, f"/customers/{customer.public_id}/contacts", {"name": "Giulia", "phones": ["02 8734 1122"]})
    assert r.status_code == 201 and r.json()["phones"] == ["+390287341122"]
    r = post(api, f"/customers/{customer.public_id}/timeline", {"channel": "call", "summary": "Q1 order"})
    assert r.status_code == 201
    r = post(api, f"/customers/{customer.public_id}/timeline", {"channel": "fax", "summary": "x"})
    assert r.status_code == 422 and "channel" in r.json()["fields"]
    items = api.get(f"{api.base}/customers/{customer.public_id}/timeline").json()["items"]
    assert items[0]["summary"] == "Q1 order"
    # A system entry in the reader's language; the code stays in `data`.
    items = api.get(
        f"{api.base}/customers/{customer.public_id}/timeline", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).json()["items"]
    assert (items[-1]["summary"], items[-1]["data"]["event"]) == ("创建客户", "created")
    # A time without an offset is read in the member's zone (not a 500).
    r = post(
        api,
        f"/customers/{customer.public_id}/timeline",
        {"channel": "email", "summary": "Sent", "at": "2026-11-20T10:00:00"},
    )
    assert r.status_code == 201, r.json()


def test_one_primary_contact_whatever_the_client_sends(rep):
    api = api_for(rep)
    contacts = [{"name": "Jen", "is_primary": True}, {"name": "Tom", "is_primary": True}]
    body = post(api, "/customers", {"name": "Acme", "country": "US", "contacts": contacts}).json()
    assert [(c["name"], c["is_primary"]) for c in body["contacts"]] == [("Jen", True), ("Tom", False)]


def test_every_problem_of_a_contact_in_one_answer(rep):
    api = api_for(rep)
    r = post(
        api,
        "/customers",
        {
            "name": "Gulf Trading LLC",
            "country": "AE",
            "contacts": [{"name": "Omar", "emails": ["omar@"], "phones": ["12"]}],
        },
    )
    assert r.status_code == 422 and set(r.json()["fields"]) == {"contacts.0.emails", "contacts.0.phones"}
    assert not Customer.objects.exists()


def test_a_misspelt_field_is_refused_not_dropped(rep):
    api = api_for(rep)
    r = post(api, "/customers", {"name": "Acme", "country": "US", "contact": {"name": "Jen"}})
    assert r.status_code == 422 and "contact" in r.json()["fields"]
    assert not Customer.objects.exists()
    r = api.get(f"{api.base}/customers/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404 and r.json()["message"]


def test_a_malformed_owner_filter_is_a_422_naming_what_is_accepted(rep):
    api = api_for(rep)
    r = api.get(f"{api.base}/customers", {"owner": "notauuid"})
    assert r.status_code == 422
    assert r.json()["fields"]["owner"] and "mine, pool" in r.json()["message"]
    assert api.get(f"{api.base}/customers", {"owner": str(rep.public_id)}).status_code == 200
    assert api.get(f"{api.base}/customers", {"owner": "pool"}).status_code == 200


def test_pool_actions_through_the_api_are_audited_with_the_client_ip(rep, member_factory):
    from tradewind.workspaces.models import AuditEntry

    manager = member_factory(Role.MANAGER)
    pooled = services.customer_create(actor=manager, data={"name": "Pooled", "country": "BR"}, owner=None)
    other = services.customer_create(actor=manager, data={"name": "Other", "country": "BR"}, owner=None)
    rep_api, manager_api = api_for(rep), api_for(manager)
    for client in (rep_api, manager_api):
        client.defaults["REMOTE_ADDR"] = "203.0.113.9"
    assert post(rep_api, f"/customers/{pooled.public_id}/claim", {}).status_code == 200
    assert post(rep_api, f"/customers/{pooled.public_id}/release", {"reason": "no market"}).status_code == 200
    assert (
        post(manager_api, f"/customers/{pooled.public_id}/assign", {"owner": str(rep.public_id)}).status_code
        == 200
    )
    merge = {"merged": str(other.public_id)}
    assert post(manager_api, f"/customers/{pooled.public_id}/merge", merge).status_code == 200
    entries = AuditEntry.objects.filter(workspace=rep.workspace, action__startswith="customer")
    assert sorted(entries.values_list("action", flat=True)) == [
        "customer_assigned",
        "customer_claimed",
        "customer_released",
        "customers_merged",
    ]
    assert set(entries.values_list("ip", flat=True)) == {"203.0.113.9"}
