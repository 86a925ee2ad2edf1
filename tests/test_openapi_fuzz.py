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

import datetime as dt
import io
import os
import uuid
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import strategies as st
from PIL import Image

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tradewind.accounts.services import api_token_create
from tradewind.api.api import api
from tradewind.workspaces.choices import Role

# Ten a operation in the suite (some 3,300 requests); TRADEWIND_FUZZ_EXAMPLES=100 for a deeper run.
EXAMPLES = int(os.environ.get("TRADEWIND_FUZZ_EXAMPLES", "10"))
SLUG = "haitian"
# PostgreSQL refuses what SQLite stores (a NUL in a string, an integer past 64 bits): the PostgreSQL
# pass runs the fuzz.
pytestmark = pytest.mark.postgres_pass

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
    # The document cannot say which file names the imports read (.csv, .xlsx …), and schemathesis
    # names a generated file after the field: "file". Valid uploads are tested in test_crm_import and
    # test_catalog_imports.
    "operations": [
        {
            "include-name": name,
            "checks": {"positive_data_acceptance": {"enabled": False}},
        }
        for name in (
            "POST /api/v1/workspaces/{slug}/customer-imports",
            "POST /api/v1/workspaces/{slug}/catalog-imports",
        )
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
# Testing and connecting a mailbox dial the servers they are given: generated host names would have the
# fuzz wait on connection timeouts. Their inputs are tested against real servers in test_mail_api.py.
schema = schema.exclude(path_regex="/mail/mailboxes(/check)?$", method="POST")
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
# The ECB's daily file (fx): the euro in USD, GBP and JPY.
ECB = b"Date, USD, JPY, GBP, \n04 December 2026, 1.0500, 157.50, 0.8400, \n"
_unique = iter(range(10**9))


def _what_the_document_cannot_know(label: str, case) -> None:
    query = case.query if isinstance(case.query, dict) else {}
    if query.get("date_from") and query.get("date_to") and str(query["date_from"]) > str(query["date_to"]):
        query["date_from"], query["date_to"] = query["date_to"], query["date_from"]  # a range, first to last
    if label.endswith("/rates/lookup") and isinstance(case.query, dict):
        case.query.update(currency="EUR", on=workspace_today().isoformat())  # a rate the workspace has
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
    if path.endswith("/attachments") or ("/library/" in path and path.endswith(("/documents", "/versions"))):
        body["file"] = PNG  # of a type that is accepted, and is what it says
    if path.endswith("/messages/files"):
        body["files"] = [PNG]  # the same, as a message's one file
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
    if path.endswith("/rates") and method == "POST":
        body.update(currency="EUR", on=workspace_today().isoformat(), confirm=True)  # one it trades in
    if path.endswith("/rates/import"):
        body["file"] = ECB  # an ECB file with the reporting currency
    if path.endswith("/currencies") and body.get("code") == "USD":
        body["code"] = "EUR"  # not the reporting currency
    if "/inquiries" in path or path.startswith("/api/v1/intake/"):
        _an_inquiry_the_service_takes(body, path)
    if path.endswith(("/competitors", "/competitors/{competitor_id}")):
        if body.get("name"):
            body["name"] = f"{body['name'][:100]} {next(_unique)}"  # unique in the workspace
        body.pop("website", None)  # a web address the service reads as one
    if "/quotations" in path or "/orders" in path or path.endswith("/sales-settings"):
        _a_sales_document_the_service_takes(body, path, method)
    if "/price-lists" in path:
        _a_price_list_the_service_takes(body, path)


def _a_price_list_the_service_takes(body: dict, path: str) -> None:
    """A unique name, a currency the workspace trades in, a grade it has, a period that ends after it
    starts, a change the copy accepts, and the kettle as the product priced."""
    if body.get("name"):
        body["name"] = f"{body['name'][:100]} {next(_unique)}"
    if body.get("currency"):
        body["currency"] = "USD"
    if body.get("grade"):
        body["grade"] = "A"
    start, end = body.get("valid_from"), body.get("valid_until")
    if start and end and end < start:
        body["valid_from"], body["valid_until"] = end, start
    if body.get("change_percent") and Decimal(body["change_percent"]) < -90:
        body["change_percent"] = "-90"
    if path.endswith("/prices") and body.get("product"):
        body["product"] = KNOWN["product_id"][0]


def _an_inquiry_the_service_takes(body: dict, path: str) -> None:
    for field in ("buyer_email", "email"):
        if body.get(field):
            body[field] = f"buyer{next(_unique)}@example.com"  # a complete address
    body.pop("received_at", None)  # not in the future
    body.pop("at", None)  # a response after the inquiry arrived, not in the future
    body.pop("contact", None)  # one of the customer's contacts
    if path.endswith("/customer/new"):
        body["name"] = f"Fuzz Buyer {next(_unique)}"
        body["country"] = "DE"


def _a_sales_document_the_service_takes(body: dict, path: str, method: str) -> None:
    """Quotations and PIs (trade/api): a customer the rep may quote, a currency the workspace trades in,
    a date with a rate, terms making 100 %, lines with a price, in whole pieces, for amounts the columns
    hold (services cannot store more: see the xfail in test_trade_api)."""
    new = method == "POST" and path.endswith(("/quotations", "/orders"))
    if new:
        body["customer"] = KNOWN["customer_id"][0]  # the rep's own
        if not str(body.get("incoterm_place") or "").strip():
            body["incoterm_place"] = "Ningbo"  # the customer's profile names none
    for field in ("contact", "inquiry", "issued_on", "valid_until", "on", "confirmed_on"):
        body.pop(field, None)  # the customer's contact, a visible inquiry, days with a rate and in order
    if body.get("currency"):
        body["currency"] = "USD"  # the reporting currency: always traded, always a rate
    if new or "payment_terms" in body:
        body.pop("payment_preset", None)
        body["payment_terms"] = [{"percent": "100", "method": "tt", "event": "deposit"}]
    for line in body.get("lines") or []:
        if line.get("product"):
            line["product"] = KNOWN["product_id"][0]  # the kettle
        elif not str(line.get("name") or "").strip():
            line["name"] = "Tooling"
        line["quantity"] = str(min(1000, max(1, int(Decimal(line["quantity"])))))
        price = line.get("unit_price")
        line["unit_price"] = "20" if price is None else str(min(Decimal(price), Decimal(1000)))
    if path.endswith("/send"):
        body["to"] = "anna@hh-import.de"
    if path.endswith("/copy"):
        body.pop("customer", None)  # the same customer, whose details the rep sees
    if path.endswith("/confirm") and "signed_pi" in body:
        body["signed_pi"] = b"%PDF-1.4 signed"  # a document, not an empty file
    if path.endswith("/sales-settings") and body.get("email"):
        body["email"] = "sales@haitian.example"


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


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The workspace, its records and the tokens, made once per test process for the whole module: each
    test runs in a savepoint of this transaction (pytest-django's), so whatever a fuzzed request changed is
    gone for the next, and the transaction is rolled back at the end. Made for each of the ~220 operations,
    they took a third of the module's time."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield _world()
        finally:
            transaction.set_rollback(True)


def _world() -> dict[str, str]:
    """A rep's token in a workspace with customers (own, a colleague's, the pool's), a board, a task,
    a comment, a notification, a webhook, an import, and a catalog (categories, products, a photo); a
    manager's and finance's tokens in the same workspace."""
    from tradewind.crm import services as crm
    from tradewind.crm.imports.services import import_upload
    from tradewind.notifications.settings_services import webhook_create
    from tradewind.tasks import services as tasks

    workspace = WorkspaceFactory(name="Ningbo Haitian Trading", slug=SLUG)

    def member(role):
        return MembershipFactory(workspace=workspace, role=role)

    def token(membership) -> str:
        return api_token_create(membership=membership, name="fuzz", expires_at=None, ip=None)[1]

    rep, colleague, manager, finance = (
        member(r) for r in (Role.SALES, Role.SALES, Role.MANAGER, Role.FINANCE)
    )
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
        **_catalog(manager),
        **_fx(finance),
        **_inquiries(rep, mine),
        **_sales(rep, colleague, mine, theirs, pool),
    )
    return {"rep": token(rep), "manager": token(manager), "finance": token(finance)}


@pytest.fixture
def fuzz_token(fuzz_world, db, _wsgi_keeps_the_test_connection):
    return fuzz_world["rep"]


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


def _inquiries(rep, customer) -> dict[str, list[str]]:
    """An inquiry of the rep's customer, one in the pool from a new buyer, a competitor."""
    from tradewind.trade.inquiries import services as inquiries

    manager = rep.workspace.memberships.filter(role=Role.MANAGER).first()
    mine = inquiries.inquiry_create(actor=rep, customer=customer, message="Quote 2,000 pcs KT-100")
    pool = inquiries.inquiry_create(actor=rep, buyer_company="Lagos Imports Ltd", buyer_email="ade@lagos.ng")
    competitor = inquiries.competitor_create(actor=manager, name="Zhejiang Rival")
    return {
        "inquiry_id": [str(mine.public_id), str(pool.public_id)],
        "competitor_id": [str(competitor.public_id)],
    }


def _fx(finance) -> dict[str, list[str]]:
    """EUR and GBP traded in, EUR's rate of today and yesterday."""
    from tradewind.fx import services as fx

    fx.trading_currency_add(actor=finance, code="EUR")
    fx.trading_currency_add(actor=finance, code="GBP")
    today = workspace_today()
    rates = [
        fx.rate_set(actor=finance, currency="EUR", on=day, rate=Decimal("1.05"))
        for day in (today, today - dt.timedelta(days=1))
    ]
    return {"rate_id": [str(r.public_id) for r in rates]}


def _sales(rep, colleague, mine, theirs, pool) -> dict[str, list[str]]:
    """Quotations in USD at each step — a draft, a sent one, one accepted with its PI and one without, one
    whose order is confirmed with the signed PI — and a colleague's quotation the rep may not see."""
    from tradewind.catalog.models import Product
    from tradewind.trade import services as trade
    from tradewind.trade.lines import LineInput

    kettle = Product.objects.get(workspace=rep.workspace, sku="KT-100")

    def quote(customer, actor=rep):
        return trade.quotation_create(
            actor=actor, customer=customer, currency="USD", incoterm="FOB", incoterm_place="Ningbo",
            payment_terms=[{"percent": "100", "method": "tt", "event": "deposit"}],
            lines=[LineInput(product=kettle, quantity="500", unit_price="20")],
        )  # fmt: skip

    def accepted(customer):
        sent = trade.quotation_mark_sent(actor=rep, quotation=quote(customer))
        return trade.quotation_accept(actor=rep, quotation=sent)

    draft, sent = quote(mine), trade.quotation_mark_sent(actor=rep, quotation=quote(pool))
    proforma = trade.order_create_from_quotation(actor=rep, quotation=accepted(mine))
    confirmed = trade.order_confirm(
        actor=rep,
        order=trade.order_create_from_quotation(actor=rep, quotation=accepted(pool)),
        signed_pi=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
    )
    hidden, waiting = quote(theirs, actor=colleague), accepted(mine)  # waiting: for its PI
    return {
        "quotation_id": [str(q.public_id) for q in (draft, sent, proforma.quotation, waiting, hidden)],
        "order_id": [str(proforma.public_id), str(confirmed.public_id)],
    }


@schema.parametrize()
def test_every_operation_keeps_its_document(case, fuzz_token):
    # After generation, so it holds in every phase (the coverage phase builds its cases without hooks).
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_token}"})


@pytest.fixture
def editor_token(fuzz_world, fuzz_token):
    """A manager's token in the same workspace: the rep's writes to the catalog are refused (403) before
    their input is checked, the manager's reach the rules."""
    return fuzz_world["manager"]


# The catalog's operations again, as an editor. A schema of its own: with the `operations` settings above,
# schemathesis (4.32) ignores `include` and would run every operation twice.
catalog_schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(),
    config=schemathesis.Config.from_dict({k: v for k, v in SETTINGS.items() if k != "operations"}),
)
catalog_schema.app = WSGIHandler()
catalog_schema.hook(flatmap_path_parameters)
# The upload's file is named "file" (see "operations" above): fuzzed by the first schema only.
catalog_schema = catalog_schema.include(tag="catalog").exclude(path_regex="/catalog-imports$", method="POST")


@catalog_schema.parametrize()
def test_every_catalog_operation_keeps_its_document_for_an_editor(case, editor_token):
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {editor_token}"})


@pytest.fixture
def finance_token(fuzz_world, fuzz_token):
    """Finance's token in the same workspace: the rep's writes to the rates are refused (403) before their
    input is checked, finance's reach the rules."""
    return fuzz_world["finance"]


# The exchange-rate operations again, as finance (a schema of its own, as for the catalog above).
fx_schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(),
    config=schemathesis.Config.from_dict({k: v for k, v in SETTINGS.items() if k != "operations"}),
)
fx_schema.app = WSGIHandler()
fx_schema.hook(flatmap_path_parameters)
fx_schema = fx_schema.include(tag="fx")


@fx_schema.parametrize()
def test_every_fx_operation_keeps_its_document_for_finance(case, finance_token):
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {finance_token}"})


# The sales approvals and settings again, as a manager: a rep's are refused (403) once the input is read.
sales_schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(),
    config=schemathesis.Config.from_dict({k: v for k, v in SETTINGS.items() if k != "operations"}),
)
sales_schema.app = WSGIHandler()
sales_schema.hook(flatmap_path_parameters)
sales_schema = sales_schema.include(tag="sales", path_regex="/(approve|reject|sales-settings)$")


@sales_schema.parametrize()
def test_every_sales_decision_keeps_its_document_for_a_manager(case, editor_token):
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _what_the_document_cannot_know(case.operation.label, case)
    case.call_and_validate(headers={"Authorization": f"Bearer {editor_token}"})
