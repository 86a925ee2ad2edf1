"""The OpenAPI document: it builds, every operation lists what it can answer, and the bugs the fuzzer
found stay fixed (tests/test_openapi_fuzz.py is the fuzzer)."""

import json

import pytest
import schemathesis
from django.test import Client

from tradewind.accounts.services import api_token_create
from tradewind.api.api import api as ninja_api
from tradewind.crm import services as crm
from tradewind.crm.models import Customer
from tradewind.notifications.models import WebhookChannel
from tradewind.tasks import services as tasks
from tradewind.tasks.models import Board, Task

ERROR = "#/components/schemas/ErrorOut"


@pytest.fixture(scope="module")
def document():
    return ninja_api.get_openapi_schema()


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_document_is_served_and_is_valid_openapi(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    schemathesis.openapi.from_dict(document).validate()  # raises on an invalid document
    assert len(list(_operations(document))) >= 45
    # Every $ref points at something: the long code lists are written once, as components.
    components = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.removeprefix("#/components/schemas/") in components, ref
    assert (
        "DE" in components["CountryCode"]["enum"] and "Europe/Berlin" in components["TimeZoneOrBlank"]["enum"]
    )


def test_every_operation_lists_the_statuses_it_can_answer(document):
    for path, method, operation in _operations(document):
        statuses = {int(s) for s in operation["responses"]}
        label = f"{method.upper()} {path}"
        assert statuses & {200, 201, 202, 204}, label
        if operation.get("security"):
            assert 401 in statuses, label  # every operation needs a token or a session…
        else:
            assert path.startswith("/api/v1/intake/"), label  # …but the public inquiry intake
        if "{" in path:
            assert 404 in statuses, label
        if "requestBody" in operation:
            assert {400, 413, 422} <= statuses, label
            if operation.get("security"):
                assert 403 in statuses, label  # a session write without the CSRF token
        if any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert 422 in statuses, label
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                refs = set(_refs(response))
                assert ERROR in refs or "#/components/schemas/DuplicateOut" in refs, (label, status)


def test_the_service_refusals_are_listed_where_they_happen(document):
    paths = document["paths"]
    assert "403" in json.dumps(paths["/api/v1/workspaces/{slug}/tasks"]["post"]["responses"])
    created = paths["/api/v1/workspaces/{slug}/customers"]["post"]["responses"]
    assert {"201", "409"} <= {str(s) for s in created}
    conflict = json.dumps(created[409] if 409 in created else created["409"])
    assert "DuplicateOut" in conflict and "ErrorOut" in conflict
    assert paths["/api/v1/workspaces/{slug}/customers/{customer_id}/claim"]["post"]["responses"].keys() >= {
        409
    }


def test_constraints_the_services_check_are_in_the_document(document):
    schemas = document["components"]["schemas"]
    title = schemas["TaskIn"]["properties"]["title"]
    assert title["maxLength"] == 200 and title["minLength"] == 1
    assert schemas["CustomerIn"]["properties"]["country"]["$ref"].endswith("/CountryCode")
    assert (
        "additionalProperties" in schemas["CustomerIn"] and not schemas["CustomerIn"]["additionalProperties"]
    )
    due_time = json.dumps(schemas["TaskIn"]["properties"]["due_time"])
    assert "pattern" in due_time and '"format": "time"' not in due_time  # no offset accepted
    limit = next(p for p in document["paths"]["/api/v1/workspaces/{slug}/tasks"]["get"]["parameters"]
                 if p["name"] == "offset")  # fmt: skip
    assert limit["schema"]["maximum"] == 1_000_000


# --- what the fuzzer found -------------------------------------------------------------------------


@pytest.fixture
def api(sales):
    _t, raw = api_token_create(membership=sales, name="script", expires_at=None, ip=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.base = f"/api/v1/workspaces/{sales.workspace.slug}"
    return client


def send(client, method, path, data):
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return getattr(client, method)(client.base + path, data=body, content_type="application/json")


def test_a_body_that_is_not_an_object_is_refused(api):
    # ninja read any value through its attributes: "AAA" made a task called "AAA".title() == "Aaa".
    for body in ('"AAA"', "[null, null]", "7547"):
        r = send(api, "post", "/tasks", body)
        assert r.status_code == 422, body
        assert r.json()["code"] == "validation_error"
    assert not Task.objects.exists()


def test_an_offset_past_the_bounds_is_a_422(api):
    # SQLite cannot hold 2**68: it was a 500.
    for path in ("/tasks", "/members", "/notifications", "/customers"):
        r = api.get(api.base + path + "?offset=259111539165196091392")
        assert r.status_code == 422 and "offset" in r.json()["fields"], path
    assert api.get(api.base + "/tasks?limit=12754463").status_code == 422


def test_text_with_a_nul_character_is_refused_and_nothing_is_stored(api):
    # PostgreSQL cannot store NUL: each of these was a 500 there.
    r = send(api, "post", "/customers", {"name": "Acme\u0000", "country": "DE"})
    assert r.status_code == 422 and "name" in r.json()["fields"]
    assert not Customer.objects.exists()
    assert api.get(api.base + "/customers?q=%00").status_code == 422
    r = Client(HTTP_AUTHORIZATION=api.defaults["HTTP_AUTHORIZATION"]).get("/api/v1/workspaces/hai%00tian")
    assert r.status_code == 404


def test_a_quiet_hour_given_as_a_number_is_a_422(api, sales):
    # pydantic reads 0 as midnight UTC, an aware time SQLite cannot store: it was a 500.
    r = send(
        api, "put", "/notification-preferences", {"kinds": [], "quiet_hours": {"start": "22:00", "end": 0}}
    )
    assert r.status_code == 422 and r.json()["fields"]
    sales.user.refresh_from_db()
    assert sales.user.quiet_hours_start is None


def test_an_unreadable_web_address_is_no_500(api, sales):
    # urlsplit raises on "http://[x": the duplicate check, the search and the create all went through it.
    assert (
        send(api, "post", "/customers/duplicate-check", {"name": "X", "website": "http://[x"}).status_code
        == 200
    )
    assert api.get(api.base + "/customers?q=http://[x.de").status_code == 200
    r = send(api, "post", "/customers", {"name": "X", "country": "DE", "website": "http://[x"})
    assert r.status_code == 422 and "website" in r.json()["fields"]


def test_text_longer_than_its_column_is_a_422(api, sales):
    # Stored as given, they overflowed their PostgreSQL columns (a 500).
    task = tasks.task_create(actor=sales, title="Book the container")
    r = send(
        api, "post", f"/tasks/{task.public_id}/status", {"status": "blocked", "blocked_reason": "x" * 301}
    )
    assert r.status_code == 422 and "blocked_reason" in r.json()["fields"]
    r = send(api, "post", "/webhooks", {"platform": "slack", "name": "Me", "url": "http://127.0.0.1:9/h",
                                        "secret": "s" * 201})  # fmt: skip
    assert r.status_code == 422 and "secret" in r.json()["fields"]
    assert not WebhookChannel.objects.exists()


def test_fields_that_cannot_be_emptied_refuse_null(api, sales):
    board = tasks.board_create(actor=sales, name="Canton Fair")
    r = send(api, "patch", f"/boards/{board.public_id}", {"is_archived": None})  # was an IntegrityError
    assert r.status_code == 422 and "is_archived" in r.json()["fields"]
    assert Board.objects.get(pk=board.pk).is_archived is False
    customer = crm.customer_create(actor=sales, data={"name": "Lyon Textiles", "country": "FR"})
    r = send(api, "patch", f"/customers/{customer.public_id}", {"country": None})
    assert r.status_code == 422 and "country" in r.json()["fields"]


def test_a_valid_request_the_document_promised_is_accepted(api):
    # The schema once said any string; the service wanted a non-blank title and a time without offset.
    r = send(api, "post", "/tasks", {"title": "Call Anna", "due_date": "2026-12-20", "due_time": "17:30"})
    assert r.status_code == 201 and r.json()["due_time"] == "17:30:00"
    r = send(
        api,
        "put",
        "/notification-preferences",
        {"kinds": [], "quiet_hours": {"start": "22:00", "end": "07:00"}},
    )
    assert r.status_code == 200 and r.json()["quiet_hours"] == {"start": "22:00:00", "end": "07:00:00"}


def test_a_write_without_a_token_or_session_is_401_not_a_csrf_403(db):
    r = Client().post("/api/v1/workspaces/haitian/tasks", data="{}", content_type="application/json")
    assert r.status_code == 401 and r.json()["code"] == "not_authenticated"


def test_a_session_write_without_the_csrf_token_is_403_in_the_users_words(sales):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sales.user)
    r = client.patch("/api/v1/me", data="{}", content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    assert "CSRF" in r.json()["message"]


def test_a_body_that_is_not_json_is_400_and_one_too_large_is_413(api, settings):
    r = send(api, "post", "/tasks", b"{not json")
    assert r.status_code == 400 and r.json() == {
        "code": "bad_request",
        "message": "The body is not valid JSON (UTF-8).",
    }
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    r = send(api, "post", "/tasks", {"title": "x" * (1024 * 1024 + 1)})
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    assert not Task.objects.exists()


def test_a_non_ascii_tag_used_again_is_the_same_tag(api):
    # SQLite's LOWER() folds ASCII only: the second customer tagged "Ⱦelecom" created the tag again (500).
    for name in ("Acme", "Bolt"):
        r = send(api, "post", "/customers", {"name": name, "country": "DE", "tags": ["Ⱦelecom", "Ärzte"]})
        assert r.status_code == 201, r.content
    from tradewind.crm.models import Tag

    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Ärzte", "Ⱦelecom"]


def test_the_framework_refusals_speak_the_users_language(api, sales):
    sales.user.language = "zh-hans"
    sales.user.save(update_fields=["language"])
    r = send(api, "post", "/tasks", b"{not json")
    assert r.status_code == 400 and r.json()["message"] == "请求体不是有效的 JSON（UTF-8）。"


def test_no_two_schemas_share_a_name():
    """The document names a component after its class: two classes of one name would be one component,
    and an operation would be documented (and fuzzed) with the other's shape."""
    from ninja import Schema

    import tradewind.api.api  # noqa: F401 - every router and its schemas

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("tradewind."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
