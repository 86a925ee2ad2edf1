"""schemathesis against the API in this process (Django's WSGI handler, no network), as a sales rep with
a token in a workspace with some data.

Checked for every operation: no 5xx, every status answered is documented, every body matches its
schema and content type, and a request the document calls valid is not refused (400/422). Bounded:
a few examples per operation (TRADEWIND_FUZZ_EXAMPLES), a fixed seed, derandomised, no example database,
no shrinking — the same requests on every run, well under a minute.

What the document cannot know — which grades, boards and records exist, whether a phone number is
real, today's date — `_what_the_document_cannot_know` fills in for the valid ("positive") requests only;
the invalid ones are sent as generated.
"""

from __future__ import annotations

import io
import os
import uuid
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import strategies as st
from PIL import Image

from tradewind.accounts.services import api_token_create
from tradewind.api.api import api
from tradewind.workspaces.choices import Role

EXAMPLES = int(os.environ.get("TRADEWIND_FUZZ_EXAMPLES", "20"))
SLUG = "haitian"  # the conftest workspace

SETTINGS = {
    "seed": 20261127,
    "generation": {
        "max-examples": EXAMPLES,
        "deterministic": True,
        "database": "none",
        "no-shrink": True,
        "with-security-parameters": False,
    },
    "phases": {
        "stateful": {"enabled": False},
        # The coverage phase walks every enum value and boundary (some 4,500 requests, minutes):
        # TRADEWIND_FUZZ_COVERAGE=1 for a deep run by hand, off in the suite.
        "coverage": {"enabled": os.environ.get("TRADEWIND_FUZZ_COVERAGE") == "1"},
    },
    "parameters": {"path.slug": SLUG},
    "suppress-health-check": ["all"],
    # The document cannot say which file names the import reads (.csv, .xlsx …), and schemathesis
    # names a generated file after the field: "file". A valid upload is tested in test_crm_import.
    "operations": [
        {
            "include-name": "POST /api/v1/workspaces/{slug}/customer-imports",
            "checks": {"positive_data_acceptance": {"enabled": False}},
        }
    ],
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        "positive_data_acceptance": {"enabled": True},
    },
}
CONFIG = schemathesis.Config.from_dict(SETTINGS)

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = WSGIHandler()

# Ids of the fixture's records, by path parameter name: most generated ids name nothing (404), some of
# these are drawn instead so the operations on real records run too.
KNOWN: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    choices = {}
    for name, value in (path_parameters or {}).items():
        if not KNOWN.get(name):
            continue
        try:
            uuid.UUID(str(value))
        except ValueError:
            continue  # a malformed id is the point of the example: keep it
        choices[name] = st.sampled_from([*KNOWN[name], str(value)])
    if not choices:
        return st.just(path_parameters)
    return st.fixed_dictionaries(choices).map(lambda drawn: {**path_parameters, **drawn})


# A 1x1 PNG: schemathesis names the part after what the bytes are (file.png).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _photo() -> bytes:
    """A PNG Pillow can read (the one above is typed by its first bytes only, and is broken after them)."""
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


PHOTO = _photo()
CSV = b"Company,Country,E-mail\nHamburg Import GmbH,DE,anna@hh.de\nOsaka Trading,JP,\n"
_unique = iter(range(10**9))


def _what_the_document_cannot_know(label: str, case) -> None:
    body = case.body
    if not isinstance(body, dict):
        return
    method, path = label.split(" ", 1)
    if path.endswith("/customers") or path.endswith("/customers/{customer_id}"):
        # A grade is the workspace's; a time zone one of the country's.
        if body.get("grade"):
            body["grade"] = "A"
        if body.get("time_zone"):
            body["time_zone"] = ""
        for contact in body.get("contacts") or []:
            _real_phones(contact)
    if path.endswith("/contacts") or path.endswith("/contacts/{contact_id}"):
        _real_phones(body)
    if path.endswith("/timeline"):
        body.pop("at", None)  # not in the future
        body.pop("next_follow_up_on", None)  # not in the past
    if path.endswith("/tasks") and method == "POST":
        body.pop("subject_kind", None)  # a record the member can see
        body.pop("subject_id", None)
    if path.endswith("/tasks/{task_id}") and "due_time" in body and "due_date" not in body:
        body.pop("due_time")  # the task may have no due date
    if path.endswith(("/boards", "/boards/{board_id}")) and body.get("name"):
        body["name"] = f"{body['name'][:100]} {next(_unique)}"  # unique in the workspace
    if path.endswith("/customer-imports") and method == "POST":
        body["mapping"] = ""  # JSON, if given
    if path.endswith("/attachments"):
        body["file"] = PNG  # of a type that is accepted, and is what it says
    if path.endswith("/notification-preferences"):
        hours = body.get("quiet_hours") or {}
        if hours.get("start") is not None and hours.get("start") == hours.get("end"):
            body["quiet_hours"] = None  # they must differ
    if path.endswith("/start"):
        body.pop("mapping", None)  # the file's columns
        body["decisions"] = {}
    if path.endswith(("/products", "/products/{product_id}")):
        _a_product_the_service_takes(body, patch=method == "PATCH")
    if path.endswith(("/categories", "/categories/{category_id}")) and body.get("name"):
        body["name"] = f"{body['name'][:60]} {next(_unique)}"  # unique in the workspace
    if path.endswith("/photos"):
        body["file"] = PHOTO  # an image, and one Pillow can read


# Language codes CLDR knows, other than en and zh (those names have their own fields).
LANGUAGES = ["es", "ru", "ar", "pt-BR", "fr", "de", "ja", "ko", "vi", "th", "tr", "it", "pl", "nl", "id"]


def _a_product_the_service_takes(body: dict, *, patch: bool) -> None:
    if body.get("sku"):
        body["sku"] = f"{body['sku'][:50]}-{next(_unique)}"  # unique in the workspace (409 otherwise)
    if isinstance(body.get("names"), dict):  # which codes are languages
        body["names"] = dict(zip(LANGUAGES, body["names"].values(), strict=False))
    for pair in body.get("specs") or []:
        if isinstance(pair, list) and len(pair) == 2 and not str(pair[0]).strip() and str(pair[1]).strip():
            pair[0] = "Material"  # a value needs a name
    net, gross = body.get("carton_net_kg"), body.get("carton_gross_kg")
    if net is not None and gross is not None and Decimal(gross) < Decimal(net):
        body["carton_net_kg"], body["carton_gross_kg"] = gross, net  # gross is not less than net
    if patch:
        # The product as stored decides these: it keeps a name, and its other weight may be either.
        for field in ("name_en", "name_zh"):
            if field in body and not str(body[field] or "").strip():
                body.pop(field)
        if (net is None) != (gross is None):
            body.pop("carton_net_kg", None)
            body.pop("carton_gross_kg", None)


def _real_phones(contact: dict) -> None:
    if contact.get("phones"):
        contact["phones"] = [f"+49 40 {1000000 + i}" for i in range(len(contact["phones"]))]
    if contact.get("whatsapp"):
        contact["whatsapp"] = "+49 171 1234567"


@pytest.fixture
def _wsgi_keeps_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test's transaction
    needs it (Django's test client disconnects these signals the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(workspace, member_factory, _wsgi_keeps_the_test_connection):
    """A rep's token in a workspace with customers (own, a colleague's, the pool's), a board, a task,
    a comment, a notification, a webhook, an import, and a catalog (categories, products, a photo)."""
    from tradewind.crm import services as crm
    from tradewind.crm.imports.services import import_upload
    from tradewind.notifications.settings_services import webhook_create
    from tradewind.tasks import services as tasks

    rep, colleague = member_factory(Role.SALES), member_factory(Role.SALES)
    _token, raw = api_token_create(membership=rep, name="fuzz", expires_at=None, ip=None)
    mine = crm.customer_create(
        actor=rep,
        data={"name": "Hamburg Import GmbH", "country": "DE", "website": "hh-import.de"},
        contacts=[{"name": "Anna Schulz", "emails": ["anna@hh-import.de"], "phones": ["+49 40 1234567"]}],
        grade="A",
        tags=["vip"],
    )
    theirs = crm.customer_create(actor=colleague, data={"name": "Lyon Textiles", "country": "FR"})
    pool = crm.customer_create(actor=rep, data={"name": "Osaka Trading", "country": "JP"}, owner=None)
    crm.timeline_log(actor=rep, customer=mine, channel="call", summary="Asked for the price list")
    board = tasks.board_create(actor=rep, name="Canton Fair")
    task = tasks.task_create(
        actor=colleague, title="Send the quotation", board=board, assignee=rep, labels=["urgent"]
    )
    tasks.task_comment_add(actor=rep, task=task, body="Sent on Monday")
    hook = webhook_create(actor=rep, platform="slack", name="Me", url="http://127.0.0.1:9/hook")
    job = import_upload(actor=rep, upload=SimpleUploadedFile("customers.csv", CSV, "text/csv"))
    KNOWN.clear()
    KNOWN.update(
        customer_id=[str(c.public_id) for c in (mine, theirs, pool)],
        contact_id=[str(c.public_id) for c in mine.contacts.all()],
        board_id=[str(board.public_id)],
        task_id=[str(task.public_id)],
        webhook_id=[str(hook.public_id)],
        import_id=[str(job.public_id)],
        **_catalog(member_factory(Role.MANAGER)),
    )
    return raw


def _catalog(manager) -> dict[str, list[str]]:
    """A category, a product with a cost price and a photo, and a discontinued product."""
    from tradewind.catalog import services as catalog
    from tradewind.core.money import Money

    category = catalog.category_create(actor=manager, name="Kitchen appliances")
    kettle = catalog.product_create(
        actor=manager,
        sku="KT-100",
        name_en="Electric kettle",
        name_zh="电热水壶",
        category=category,
        specs=[["Material", "304 stainless steel"]],
        carton_net_kg=Decimal("9.6"),
        carton_gross_kg=Decimal("10.85"),
        cost=Money(Decimal("12.5"), "USD"),
    )
    old = catalog.product_create(actor=manager, sku="OLD-1", name_en="Old kettle")
    catalog.product_set_status(actor=manager, product=old, status="discontinued")
    photo = catalog.product_photo_add(
        actor=manager, product=kettle, upload=SimpleUploadedFile("kettle.png", PHOTO)
    )
    return {
        "product_id": [str(kettle.public_id), str(old.public_id)],
        "photo_id": [str(photo.public_id)],
        "category_id": [str(category.public_id)],
    }


@schema.parametrize()
def test_every_operation_keeps_its_document(case, fuzz_token):
    # After generation, so it holds in every phase (the coverage phase builds its cases without hooks).
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_token}"})


@pytest.fixture
def editor_token(fuzz_token, member_factory):
    """A manager's token in the same workspace: the rep's writes to the catalog are refused (403) before
    their input is checked, the manager's reach the rules."""
    _token, raw = api_token_create(
        membership=member_factory(Role.MANAGER), name="fuzz", expires_at=None, ip=None
    )
    return raw


# The catalog's operations again, as an editor. A schema of its own: with the `operations` settings above,
# schemathesis (4.32) ignores `include` and would run every operation twice.
catalog_schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(),
    config=schemathesis.Config.from_dict({k: v for k, v in SETTINGS.items() if k != "operations"}),
)
catalog_schema.app = WSGIHandler()
catalog_schema.hook(flatmap_path_parameters)
catalog_schema = catalog_schema.include(tag="catalog")


@catalog_schema.parametrize()
def test_every_catalog_operation_keeps_its_document_for_an_editor(case, editor_token):
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {editor_token}"})
