import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import MembershipFactory
from tradewind.accounts.choices import AccountAuditAction
from tradewind.accounts.models import ApiToken
from tradewind.accounts.services import api_token_create, api_token_revoke
from tradewind.core.errors import ValidationFailed
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


@pytest.fixture
def token(sales):
    _t, raw = api_token_create(membership=sales, name="ERP sync", expires_at=None, ip="192.0.2.1")
    return raw


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_me_with_a_token(sales, token):
    r = Client().get("/api/v1/me", **bearer(token))
    assert r.status_code == 200
    assert r.json()["email"] == sales.user.email and r.json()["id"] == str(sales.user.public_id)


def test_token_is_stored_hashed_and_its_creation_audited(sales, token):
    stored = ApiToken.objects.get()
    assert token not in (stored.token_hash, stored.prefix) and token.startswith("tw_" + stored.prefix)
    assert AuditEntry.objects.filter(action=AccountAuditAction.TOKEN_CREATED, ip="192.0.2.1").exists()


def test_a_token_reaches_only_its_own_workspace(workspace, sales, token):
    other = MembershipFactory(user=sales.user)  # same person, another workspace
    client = Client()
    assert [w["slug"] for w in client.get("/api/v1/workspaces", **bearer(token)).json()] == [workspace.slug]
    r = client.get(f"/api/v1/workspaces/{other.workspace.slug}/members", **bearer(token))
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_session_lists_all_my_workspaces(sales, client_for):
    other = MembershipFactory(user=sales.user)
    slugs = {w["slug"] for w in client_for(sales).get("/api/v1/workspaces").json()}
    assert slugs == {sales.workspace.slug, other.workspace.slug}


def test_members_list_is_paginated_and_filtered(workspace, sales, member_factory, token):
    for _ in range(3):
        member_factory(Role.LOGISTICS)
    client = Client()
    r = client.get(f"/api/v1/workspaces/{workspace.slug}/members?role=logistics&limit=2", **bearer(token))
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 3 and len(body["items"]) == 2
    assert {m["role"] for m in body["items"]} == {"logistics"}


def test_validation_errors_name_the_field(workspace, token):
    r = Client().get(f"/api/v1/workspaces/{workspace.slug}/members?role=emperor", **bearer(token))
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "validation_error" and "role" in body["fields"] and body["message"]


def test_service_errors_are_json_with_code_and_field(token):
    r = Client().patch(
        "/api/v1/me",
        data=json.dumps({"time_zone": "Mars/Olympus"}),
        content_type="application/json",
        **bearer(token),
    )
    assert r.status_code == 422
    assert r.json()["code"] == "validation_error" and r.json()["fields"] == {
        "time_zone": [r.json()["message"]]
    }


def test_errors_come_in_the_users_language(token):
    r = Client().patch(
        "/api/v1/me",
        data=json.dumps({"full_name": " "}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **bearer(token),
    )
    assert r.status_code == 422
    assert r.json()["message"] != "Enter your name."


def test_revoked_expired_and_garbage_tokens_are_401(sales, token):
    revoked = ApiToken.objects.get()
    api_token_revoke(token=revoked, actor=sales.user, ip=None)
    client = Client()
    assert client.get("/api/v1/me", **bearer(token)).status_code == 401
    t2, raw2 = api_token_create(
        membership=sales, name="short", expires_at=timezone.now() + timedelta(days=1), ip=None
    )
    ApiToken.objects.filter(pk=t2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", **bearer(raw2)).status_code == 401
    r = client.get("/api/v1/me", **bearer("tw_garbage"))
    assert r.status_code == 401 and r.json()["code"] == "not_authenticated"


def test_token_expiry_rules(sales):
    with pytest.raises(ValidationFailed):
        api_token_create(
            membership=sales, name="past", expires_at=timezone.now() - timedelta(days=1), ip=None
        )
    with pytest.raises(ValidationFailed):
        api_token_create(membership=sales, name="", expires_at=None, ip=None)


def test_session_auth_needs_csrf_for_writes(sales):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sales.user)
    assert client.get("/api/v1/me").status_code == 200
    r = client.patch("/api/v1/me", data=json.dumps({"full_name": "X"}), content_type="application/json")
    assert r.status_code in (401, 403)
    page = client.get("/accounts/preferences/")
    csrf = page.cookies["csrftoken"].value
    r = client.patch(
        "/api/v1/me",
        data=json.dumps({"full_name": "Amy"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert r.status_code == 200 and r.json()["full_name"] == "Amy"


def test_tokens_are_created_in_the_ui_shown_once_and_revoked_at_once(workspace, sales, client_for):
    client = client_for(sales)
    r = client.post(f"/w/{workspace.slug}/tokens/", {"name": "Sheet", "expires_at": ""})
    assert r.status_code == 200
    html = r.content.decode()
    raw = html.split('data-testid="new-token"')[0].rsplit('value="', 1)[1].split('"', 1)[0]
    assert raw.startswith("tw_")
    assert raw not in client.get(f"/w/{workspace.slug}/tokens/").content.decode(), "shown once"
    assert Client().get("/api/v1/me", **bearer(raw)).status_code == 200
    token = ApiToken.objects.get(name="Sheet")
    client.post(f"/w/{workspace.slug}/tokens/{token.public_id}/revoke/")
    assert Client().get("/api/v1/me", **bearer(raw)).status_code == 401
    assert AuditEntry.objects.filter(action=AccountAuditAction.TOKEN_REVOKED).exists()


def test_a_member_cannot_revoke_a_colleagues_token(workspace, sales, member_factory, client_for):
    colleague = member_factory()
    t, raw = api_token_create(membership=colleague, name="theirs", expires_at=None, ip=None)
    assert client_for(sales).post(f"/w/{workspace.slug}/tokens/{t.public_id}/revoke/").status_code == 404
    assert Client().get("/api/v1/me", **bearer(raw)).status_code == 200


def test_openapi_and_docs_are_served_without_a_cdn(db):
    spec = Client().get("/api/v1/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert {"/api/v1/me", "/api/v1/workspaces", "/api/v1/workspaces/{slug}/members"} <= set(paths)
    docs = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_unknown_api_paths_answer_json(db):
    r = Client().get("/api/v1/does-not-exist")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
