"""The sales API: quotations, proforma invoices and orders, and the sales settings, through the same
services as the pages — who may read and write what, costs and margins only for those who may see them,
decimals as strings, and the refusals, each checked for what it left behind."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY

from tests.factories import CustomerFactory, MembershipFactory, WorkspaceFactory
from tests.sales import quote
from tests.test_catalog_api import Api
from tradewind.files.limits import body_limit_for
from tradewind.trade import services
from tradewind.trade.choices import OrderStatus, QuotationStatus
from tradewind.trade.models import Order, OrderPayment, Quotation, QuotationLine, TradeSettings
from tradewind.workspaces.choices import Role

MB = 1024 * 1024

# The service tests' fixtures: a USD workspace trading in EUR, GBP, JPY and CNY with rates, a manager, a
# rep, the rep's customer Hausmann GmbH and a kettle costing CNY 70.


def body(setup, **extra) -> dict:
    """A quotation a rep may make at once: 1,000 kettles at EUR 12.50 FOB Ningbo, 30/70 T/T."""
    values = {
        "customer": str(setup["customer"].public_id),
        "currency": "EUR",
        "incoterm": "FOB",
        "incoterm_place": "Ningbo",
        "payment_preset": "tt_30_70_bl",
        "lines": [{"product": str(setup["product"].public_id), "quantity": "1000", "unit_price": "12.50"}],
    }
    values.update(extra)
    return {k: v for k, v in values.items() if v is not None}


def sent(setup, **extra) -> Quotation:
    quotation = quote(setup, **extra)
    return services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)


def accepted(setup) -> Quotation:
    return services.quotation_accept(actor=setup["rep"], quotation=sent(setup))


def post_form(api, path, data):
    return api.client.post(api.base + path, data)


@pytest.fixture
def rep_api(setup):
    return Api(setup["rep"])


@pytest.fixture
def manager_api(setup):
    return Api(setup["manager"])


# --- quotations ----------------------------------------------------------------------------------------


def test_a_rep_makes_a_quotation_with_decimals_as_strings_and_sees_no_costs(setup, rep_api, today):
    r = rep_api.post(
        "/quotations",
        body(
            setup,
            lines=[
                {"product": str(setup["product"].public_id), "quantity": "1000", "unit_price": "12.50",
                 "discount_percent": "5"},
                {"name": "Tooling for the logo", "quantity": "1", "unit": "sets", "unit_price": "350"},
            ],
            lead_time_days=35,
            remarks="Prices FOB Ningbo.",
        ),
    )  # fmt: skip
    assert r.status_code == 201, r.json()
    quotation = r.json()
    assert quotation["number"] == f"Q-{today.year}-0001" and quotation["status"] == "draft"
    assert (quotation["total"], quotation["total_reporting"], quotation["reporting_currency"]) == (
        "12225.00",
        "13203.00",
        "USD",
    )  # 1000 × 12.50 × 0.95 + 350 EUR; × 1.08
    assert quotation["rate"] == "1.0800000000" and quotation["rate_on"] == today.isoformat()
    assert quotation["valid_until"] == (today + dt.timedelta(days=30)).isoformat()
    kettle, tooling = quotation["lines"]
    assert (kettle["name"], kettle["sku"], kettle["unit"]) == ("Electric kettle 1.7 L", "KT-1700", "pcs")
    assert (kettle["quantity"], kettle["unit_price"], kettle["discount_percent"], kettle["total"]) == (
        "1000.000",
        "12.5000",
        "5.00",
        "11875.00",
    )
    assert kettle["cartons"] == 167 and kettle["cbm"] == "8.6339"
    assert tooling["product"] is None and tooling["unit"] == "sets" and tooling["total"] == "350.00"
    assert [m["percent"] for m in quotation["payment_terms"]] == ["30.00", "70.00"]
    assert quotation["payment_terms_text"] == "30% T/T in advance (deposit), 70% T/T against copy of B/L"
    # A rep does not see what the goods cost, nor the margin.
    assert kettle["cost"] is None and quotation["margins"] is None
    assert quotation["revisions"] == [
        {"id": quotation["id"], "number": quotation["number"], "status": "draft", "revision": 1}
    ]
    assert rep_api.get(f"/quotations/{quotation['id']}").json() == quotation


def test_a_manager_sees_costs_and_margins_in_the_reporting_currency(setup, manager_api):
    quotation = quote(setup)
    answer = manager_api.get(f"/quotations/{quotation.public_id}").json()
    assert answer["lines"][0]["cost"] == {"amount": "70.0000", "currency": "CNY"}
    # Revenue 12,500 EUR × 1.08 = 13,500 USD; cost 1,000 × 70 CNY × 0.14 = 9,800 USD.
    margins = answer["margins"]
    assert (
        margins["currency"],
        margins["revenue"],
        margins["cost"],
        margins["margin"],
        margins["percent"],
    ) == (
        "USD",
        "13500.00",
        "9800.00",
        "3700.00",
        "27.41",
    )
    assert margins["lines"] == [
        {"position": 1, "revenue": "13500.00", "cost": "9800.00", "margin": "3700.00", "percent": "27.41"}
    ]


def test_the_list_filters_and_the_totals_never_add_two_currencies(setup, rep_api, member_factory):
    euro = quote(setup)  # 12,500 EUR = 13,500 USD
    pounds = quote(setup, currency="GBP")  # 12,500 GBP = 15,875 USD
    services.quotation_mark_sent(actor=setup["rep"], quotation=pounds)
    other = CustomerFactory(actor=setup["manager"], name="Nordic AB", country="SE", owner=None)
    pool = quote(setup, actor=setup["manager"], customer=other, currency="USD")  # the manager's, 12,500 USD

    listed = rep_api.get("/quotations").json()
    assert listed["count"] == 3
    assert [row["number"] for row in listed["items"]] == [pool.number, pounds.number, euro.number]
    row = listed["items"][-1]
    assert row == {
        "id": str(euro.public_id),
        "number": euro.number,
        "revision": 1,
        "status": "draft",
        "customer": {"id": str(setup["customer"].public_id), "name": "Hausmann GmbH"},
        "currency": "EUR",
        "total": "12500.00",
        "total_reporting": "13500.00",
        "reporting_currency": "USD",
        "issued_on": euro.issued_on.isoformat(),
        "valid_until": euro.valid_until.isoformat(),
        "owner": {"id": str(setup["rep"].public_id), "name": setup["rep"].user.display_name},
    }

    def numbers(**params):
        return [row["number"] for row in rep_api.get("/quotations", params).json()["items"]]

    assert numbers(currency="GBP") == [pounds.number]
    assert numbers(status="sent") == [pounds.number]
    assert numbers(status="open") == [pool.number, pounds.number, euro.number]
    assert numbers(mine="true") == [pounds.number, euro.number]
    assert numbers(customer=str(other.public_id)) == [pool.number]
    assert numbers(q="nordic") == [pool.number]

    totals = rep_api.get("/quotations/totals").json()
    assert totals["count"] == 3
    assert totals["subtotals"] == [
        {"amount": "12500.00", "currency": "EUR"},
        {"amount": "12500.00", "currency": "GBP"},
        {"amount": "12500.00", "currency": "USD"},
    ]
    assert totals["total"] == {"amount": "41875.00", "currency": "USD"}  # 13,500 + 15,875 + 12,500
    assert totals["rates"] == "recorded" and "USD" in totals["note"] and "each document" in totals["note"]
    assert rep_api.get("/quotations/totals", {"currency": "GBP"}).json()["total"]["amount"] == "15875.00"
    assert rep_api.get("/quotations", {"status": "lost"}).status_code == 422
    assert rep_api.get("/quotations", {"customer": "not-an-id"}).status_code == 422


def test_a_quotation_is_changed_header_and_lines_and_a_sent_one_is_revised(setup, rep_api):
    quotation = quote(setup)
    path = f"/quotations/{quotation.public_id}"
    contact = setup["customer"].contacts.create(
        workspace=setup["customer"].workspace, name="Klaus Hausmann", emails=["klaus@hausmann.de"]
    )
    r = rep_api.patch(
        path,
        {
            "contact": str(contact.public_id),
            "incoterm": "CIF",
            "incoterm_place": "Hamburg",
            "payment_terms": [
                {"percent": "50", "method": "tt", "event": "deposit"},
                {"percent": "50", "method": "oa", "event": "days_after_bl", "days": 30},
            ],
            "remarks": None,
            "lines": [{"product": str(setup["product"].public_id), "quantity": "500", "unit_price": "13"}],
        },
    )
    assert r.status_code == 200, r.json()
    changed = r.json()
    assert changed["contact"] == {"id": str(contact.public_id), "name": "Klaus Hausmann"}
    assert (changed["incoterm"], changed["incoterm_place"], changed["total"]) == ("CIF", "Hamburg", "6500.00")
    assert changed["payment_terms_text"] == "50% T/T in advance (deposit), 50% O/A 30 days after B/L date"
    assert QuotationLine.objects.filter(quotation=quotation).count() == 1
    assert (
        rep_api.patch(path, {"payment_preset": "lc_sight"}).json()["payment_terms_text"]
        == "100% L/C at sight"
    )

    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    r = rep_api.patch(path, {"remarks": "new"})
    assert r.status_code == 409 and "revision" in r.json()["message"]
    r = rep_api.post(path + "/revise")
    assert r.status_code == 201, r.json()
    revision = r.json()
    assert revision["number"] == f"{quotation.number}-R2" and revision["status"] == "draft"
    assert [(r["revision"], r["status"]) for r in revision["revisions"]] == [(1, "superseded"), (2, "draft")]
    assert rep_api.post(path + "/revise").status_code == 409  # replaced already
    r = rep_api.post(f"/quotations/{revision['id']}/copy", {})
    assert (
        r.status_code == 201 and r.json()["number"] != revision["number"] and r.json()["total"] == "6500.00"
    )


def test_approval_send_accept_and_the_pi_through_the_api(
    setup, rep_api, manager_api, django_capture_on_commit_callbacks
):
    r = rep_api.post(
        "/quotations",
        body(setup, lines=[{"product": str(setup["product"].public_id), "quantity": "1000",
                            "unit_price": "14", "discount_percent": "15"}]),
    )  # fmt: skip
    quotation = r.json()
    path = f"/quotations/{quotation['id']}"
    r = rep_api.post(path + "/send", {"to": "buyer@hausmann.de"})
    assert r.status_code == 409 and "approval" in r.json()["message"]
    submitted = rep_api.post(path + "/submit").json()
    assert submitted["status"] == "pending_approval"
    assert submitted["approval_reasons"] == ["a discount of 15 % (above 10 %)"]

    r = rep_api.post(path + "/approve", {"comment": "fine by me"})
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    r = manager_api.post(path + "/reject", {"comment": " "})
    assert r.status_code == 422 and "comment" in r.json()["fields"]
    r = manager_api.post(path + "/reject", {"comment": "Max 10 % please"})
    assert r.status_code == 200 and r.json()["status"] == "draft"
    assert r.json()["decision_comment"] == "Max 10 % please"
    rep_api.post(path + "/submit")
    approved = manager_api.post(path + "/approve", {"comment": "OK this once"}).json()
    assert approved["status"] == "approved" and approved["decided_by"]["id"] == str(
        setup["manager"].public_id
    )
    assert manager_api.post(path + "/approve", {}).status_code == 409  # not awaiting approval now

    with django_capture_on_commit_callbacks(execute=True):
        r = rep_api.post(path + "/send", {"to": "buyer@hausmann.de", "message": "Dear Mr Hausmann, …"})
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "sent" and r.json()["sent_to"] == "buyer@hausmann.de"
    assert mail.outbox[0].to == ["buyer@hausmann.de"] and mail.outbox[0].attachments[0][1][:5] == b"%PDF-"
    assert rep_api.post(path + "/mark-sent").status_code == 409

    r = rep_api.post(path + "/pi", {})
    assert r.status_code == 409 and "accepted" in r.json()["message"]
    accepted = rep_api.post(path + "/accept", {})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    r = rep_api.post(path + "/pi", {"port_of_loading": "Ningbo", "shipping_marks": "HAUSMANN / HAMBURG"})
    assert r.status_code == 201, r.json()
    order = r.json()
    assert order["number"].startswith("PI-") and order["status"] == "proforma"
    assert order["quotation"] == {"id": quotation["id"], "number": quotation["number"], "status": "accepted"}
    assert (order["buyer_name"], order["total"], order["lines"][0]["quantity"]) == (
        "Hausmann GmbH",
        "11900.00",
        "1000.000",
    )  # 1000 × 14 × 0.85
    assert rep_api.post(path + "/pi", {}).status_code == 409  # it has one
    assert rep_api.get(path).json()["orders"] == [
        {"id": order["id"], "number": order["number"], "status": "proforma"}
    ]


def test_decline_and_mark_sent(setup, rep_api):
    quotation = quote(setup)
    path = f"/quotations/{quotation.public_id}"
    r = rep_api.post(path + "/pi", {})
    assert r.status_code == 409 and "accepted quotation" in r.json()["message"]  # a draft has no PI
    assert not Order.objects.exists()
    assert rep_api.post(path + "/decline", {"reason": "Too dear"}).status_code == 409  # not sent
    assert rep_api.post(path + "/mark-sent").json()["status"] == "sent"
    declined = rep_api.post(path + "/decline", {"reason": "Too dear"}).json()
    assert declined["status"] == "declined" and declined["decline_reason"] == "Too dear"


def test_an_expired_quotation_is_not_accepted(setup, rep_api, today):
    quotation = sent(setup, valid_until=today + dt.timedelta(days=2))
    path = f"/quotations/{quotation.public_id}"
    r = rep_api.post(path + "/accept", {"on": (today + dt.timedelta(days=3)).isoformat()})
    assert r.status_code == 409 and "expired" in r.json()["message"]
    services.quotations_expire(today=today + dt.timedelta(days=3))
    r = rep_api.post(path + "/accept", {})
    assert r.status_code == 409 and "revision" in r.json()["message"]
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.EXPIRED


def test_a_currency_that_moved_shows_the_fx_risk_with_the_margin_only_to_those_who_see_margins(
    setup, rep_api, manager_api, today
):
    from tradewind.fx import services as fx

    quotation = quote(setup, issued_on=today - dt.timedelta(days=2))  # EUR at 1.08
    fx.rate_set(actor=setup["owner"], currency="EUR", on=today, rate="1.20", confirm=True)
    path = f"/quotations/{quotation.public_id}"
    risk = manager_api.get(path).json()["fx_risk"]
    assert risk == {
        "rate_then": "1.0800000000",
        "rate_now": "1.2000000000",
        "rate_now_on": today.isoformat(),
        "change_percent": "11.11",
        "margin_percent_now": "34.67",  # 12,500 EUR × 1.20 = 15,000 USD against 9,800 USD
    }
    assert rep_api.get(path).json()["fx_risk"] == {**risk, "margin_percent_now": None}


def test_the_list_reads_the_same_number_of_queries_for_more_rows(setup, rep_api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quote(setup)
    rep_api.get("/quotations")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as one:
        assert rep_api.get("/quotations").json()["count"] == 1
    for _ in range(3):
        quote(setup, currency="GBP")
    with CaptureQueriesContext(connection) as four:
        assert rep_api.get("/quotations").json()["count"] == 4
    assert len(four) == len(one)


def test_pdfs_start_with_pdf_in_either_language(setup, rep_api):
    quotation = accepted(setup)
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    for path in (f"/quotations/{quotation.public_id}/pdf", f"/orders/{order.public_id}/pdf"):
        for params in ({}, {"language": "zh-hans"}):
            r = rep_api.get(path, params)
            assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
            assert r.content[:4] == b"%PDF", path
            assert "attachment" in r["Content-Disposition"]
    assert rep_api.get(f"/quotations/{quotation.public_id}/pdf", {"language": "fr"}).status_code == 422


# --- bad input -------------------------------------------------------------------------------------------


LINE = {"name": "Part", "quantity": "1", "unit_price": "1"}
TERMS_100 = [{"percent": "100", "method": "tt", "event": "deposit"}]
BAD_INPUT = [
    pytest.param({"lines": []}, "lines", id="no lines"),
    pytest.param({"lines": [{**LINE, "quantity": "-1"}]}, "lines.0.quantity", id="negative quantity"),
    pytest.param({"lines": [{**LINE, "quantity": 1}]}, "lines.0.quantity", id="a number, not a string"),
    pytest.param({"lines": [{**LINE, "quantity": "2.5"}]}, "lines", id="pieces are counted whole"),
    pytest.param(
        {"lines": [{**LINE, "unit_price": "1000000000000"}]}, "lines.0.unit_price", id="absurd price"
    ),
    pytest.param({"lines": [{**LINE, "discount_percent": "100"}]}, "lines.0.discount_percent", id="all off"),
    pytest.param({"lines": [{**LINE, "name": " "}]}, "lines", id="no product and no name"),
    pytest.param({"lines": [{"name": "Part", "quantity": "1"}]}, "lines", id="no price and no list price"),
    pytest.param({"currency": "XYZ"}, "currency", id="unknown currency"),
    pytest.param({"currency": "CHF"}, "currency", id="a currency the workspace does not trade in"),
    pytest.param({"incoterm_place": ""}, "incoterm_place", id="an Incoterm without its place"),
    pytest.param({"incoterm": "FOX"}, "incoterm", id="unknown Incoterm"),
    pytest.param(
        {"payment_preset": None, "payment_terms": [{**TERMS_100[0], "percent": "30"}]},
        "payment_terms",
        id="terms not making 100 %",
    ),
    pytest.param({"payment_terms": TERMS_100}, "__all__", id="terms and a preset"),
    pytest.param({"payment_preset": None}, "payment_terms", id="no terms"),
    pytest.param({"valid_until": "2000-01-01"}, "valid_until", id="expires before its date"),
    pytest.param({"valid_until": "9999-12-31"}, "valid_until", id="beyond 2999"),
    pytest.param({"issued_on": "2026-02-30"}, "issued_on", id="not a day"),
    pytest.param({"issued_on": "2019-01-04"}, "currency", id="no rate on its date"),
    pytest.param({"lead_time_days": 731}, "lead_time_days", id="lead time over two years"),
    pytest.param({"colour": "red"}, "colour", id="a field that does not exist"),
]


@pytest.mark.parametrize("change, field", BAD_INPUT)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_made(setup, rep_api, change, field):
    r = rep_api.post("/quotations", body(setup, **change))
    assert r.status_code == 422, r.json()
    answer = r.json()
    assert answer["code"] in ("validation_error", "rate_missing") and field in answer["fields"], answer
    assert not Quotation.objects.exists() and not QuotationLine.objects.exists()


def test_an_incoterm_needs_its_place_from_the_body_or_the_customer(setup, rep_api):
    r = rep_api.post("/quotations", body(setup, incoterm_place=None))  # Hausmann has no named place
    assert r.status_code == 422 and "Name the place" in r.json()["fields"]["incoterm_place"][0]
    assert not Quotation.objects.exists()


def test_a_change_that_breaks_a_rule_changes_nothing(setup, rep_api):
    quotation = quote(setup)
    path = f"/quotations/{quotation.public_id}"
    for change, field in (
        ({"lines": [{"name": "X", "quantity": "0", "unit_price": "1"}]}, "lines.0.quantity"),
        ({"remarks": "x", "valid_until": "2001-01-01"}, "valid_until"),
        ({"currency": None}, "currency"),
        ({"payment_preset": "tt_100",
          "payment_terms": [{"percent": "100", "method": "tt", "event": "deposit"}]}, "__all__"),
    ):  # fmt: skip
        r = rep_api.patch(path, change)
        assert r.status_code == 422 and field in r.json()["fields"], (change, r.json())
    quotation.refresh_from_db()
    assert quotation.remarks == "" and quotation.total == Decimal("12500.00") and quotation.lines.count() == 1


# --- who may see and do what -------------------------------------------------------------------------------


def _documents(setup):
    """A quotation and a confirmed order (with a signed PI) of the rep's private customer."""
    quotation = quote(setup)
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    order = services.order_confirm(
        actor=setup["rep"], order=order, signed_pi=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed")
    )
    return quotation, order


def _id_routes(quotation, order) -> list[tuple[str, str, dict | None]]:
    q, o = f"/quotations/{quotation.public_id}", f"/orders/{order.public_id}"
    return [
        ("get", q, None),
        ("patch", q, {"remarks": "x"}),
        ("post", q + "/submit", None),
        ("post", q + "/approve", {"comment": "ok"}),
        ("post", q + "/reject", {"comment": "no"}),
        ("post", q + "/send", {"to": "buyer@hausmann.de"}),
        ("post", q + "/mark-sent", None),
        ("post", q + "/accept", {}),
        ("post", q + "/decline", {"reason": "x"}),
        ("post", q + "/revise", None),
        ("post", q + "/copy", {}),
        ("get", q + "/pdf", None),
        ("post", q + "/pi", {}),
        ("get", o, None),
        ("patch", o, {"shipping_marks": "x"}),
        ("post", o + "/confirm", {}),
        ("post", o + "/cancel", {"reason": "x"}),
        ("get", o + "/pdf", None),
        ("get", o + "/signed-pi", None),
    ]


def _call(api, method, path, data):
    if method == "get":
        return api.get(path)
    if method == "patch":
        return api.patch(path, data)
    return api.post(path, data)


def _snapshot():
    return (
        list(Quotation.objects.order_by("pk").values_list("number", "status", "remarks")),
        list(Order.objects.order_by("pk").values_list("number", "status", "shipping_marks")),
        OrderPayment.objects.count(),
    )


def test_an_outsider_gets_404_for_every_document_route(setup):
    quotation, order = _documents(setup)
    before = _snapshot()
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="outsider-co"))
    for api in (Api(outsider), Api(outsider, slug=setup["rep"].workspace.slug)):
        for method, path, data in _id_routes(quotation, order):
            r = _call(api, method, path, data)
            assert r.status_code == 404, (api.base, method, path, r.status_code)
            assert quotation.number not in r.content.decode(errors="replace")
        for path in ("/quotations", "/quotations/totals", "/orders", "/orders/totals"):
            assert api.get(path).status_code == (200 if api.base.endswith("outsider-co") else 404)
        assert Api(outsider).get("/quotations").json()["count"] == 0
    assert _snapshot() == before


def test_a_rep_does_not_see_a_colleagues_private_customers_documents(setup, member_factory):
    quotation, order = _documents(setup)
    before = _snapshot()
    colleague = Api(member_factory(Role.SALES))
    for method, path, data in _id_routes(quotation, order):
        r = _call(colleague, method, path, data)
        assert r.status_code == 404, (method, path, r.status_code)
    assert colleague.get("/quotations").json()["count"] == 0
    assert colleague.get("/orders/totals").json()["count"] == 0
    r = colleague.post("/quotations", body(setup))  # the customer exists, its details are not theirs
    assert r.status_code == 422 and "customer" in r.json()["fields"]
    assert _snapshot() == before


def test_a_viewer_reads_and_writes_nothing(setup, member_factory):
    pool = CustomerFactory(actor=setup["manager"], name="Osaka Trading", country="JP", owner=None)
    quotation = quote(setup, actor=setup["manager"], customer=pool)
    order = services.order_create_from_quotation(
        actor=setup["manager"],
        quotation=services.quotation_accept(
            actor=setup["manager"],
            quotation=services.quotation_mark_sent(
                actor=setup["manager"], quotation=quote(setup, customer=pool)
            ),
        ),
    )
    before = _snapshot()
    viewer = Api(member_factory(Role.VIEWER))
    for method, path, data in _id_routes(quotation, order):
        r = _call(viewer, method, path, data)
        if path.endswith("/signed-pi"):
            assert r.status_code == 404  # none uploaded
        elif method == "get":
            assert r.status_code == 200, (path, r.status_code)
        else:
            assert r.status_code == 403, (method, path, r.status_code, r.json())
            assert r.json()["code"] == "permission_denied"
    assert viewer.get(f"/quotations/{quotation.public_id}").json()["margins"] is None
    assert viewer.post("/quotations", body(setup, customer=str(pool.public_id))).status_code == 403
    assert viewer.post("/orders", body(setup, customer=str(pool.public_id))).status_code == 403
    assert viewer.patch("/sales-settings", {"validity_days": 60}).status_code == 403
    assert _snapshot() == before
    assert TradeSettings.objects.get().validity_days == 30


# --- proforma invoices and orders ----------------------------------------------------------------------


def test_a_documents_clerk_enters_a_pi_changes_it_and_confirms_it_with_the_signed_copy(
    setup, member_factory, today
):
    clerk = Api(member_factory(Role.DOCUMENTS))
    services.trade_settings_update(actor=setup["manager"], bank_details="Bank of Ningbo, SWIFT BKNBCN2N")
    r = clerk.post(
        "/orders",
        body(
            setup,
            payment_preset=None,
            payment_terms=[
                {"percent": "30", "method": "tt", "event": "deposit"},
                {"percent": "70", "method": "tt", "event": "against_bl_copy"},
            ],
            buyer_address="Hafenstraße 1, 20457 Hamburg",
            port_of_discharge="Hamburg",
            delivery_date=(today + dt.timedelta(days=60)).isoformat(),
        ),
    )
    assert r.status_code == 201, r.json()
    order = r.json()
    assert (
        order["status"] == "proforma"
        and order["quotation"] is None
        and order["issued_on"] == today.isoformat()
    )
    assert (order["buyer_name"], order["bank_details"]) == ("Hausmann GmbH", "Bank of Ningbo, SWIFT BKNBCN2N")
    assert order["total"] == "12500.00" and order["payments"] == [] and order["margins"] is None
    path = f"/orders/{order['id']}"

    r = clerk.patch(
        path, {"shipping_marks": "HAUSMANN\nHAMBURG", "delivery_date": None, "buyer_name": "Hausmann"}
    )
    assert r.status_code == 200 and r.json()["shipping_marks"] == "HAUSMANN\nHAMBURG"
    assert r.json()["delivery_date"] is None and r.json()["buyer_name"] == "Hausmann"
    r = clerk.patch(path, {"buyer_name": " "})
    assert r.status_code == 422 and "buyer_name" in r.json()["fields"]

    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    r = post_form(clerk, path + "/confirm", {"confirmed_on": tomorrow})
    assert r.status_code == 422 and "confirmed_on" in r.json()["fields"]
    r = post_form(
        clerk,
        path + "/confirm",
        {
            "confirmed_on": today.isoformat(),
            "signed_pi": SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
        },
    )
    assert r.status_code == 200, r.json()
    confirmed = r.json()
    assert confirmed["status"] == "confirmed" and confirmed["confirmed_on"] == today.isoformat()
    assert [(p["percent"], p["amount"], p["received"], p["due_on"]) for p in confirmed["payments"]] == [
        ("30.00", "3750.00", "0.00", today.isoformat()),
        ("70.00", "8750.00", "0.00", None),
    ]
    assert confirmed["signed_pi"]["name"] == "signed.pdf" and confirmed["signed_pi"]["url"].endswith(
        "/signed-pi"
    )
    download = clerk.client.get(confirmed["signed_pi"]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 signed"

    assert clerk.post(path + "/confirm", {}).status_code == 409
    r = clerk.patch(path, {"shipping_marks": "x"})
    assert r.status_code == 409 and Order.objects.get().shipping_marks == "HAUSMANN\nHAMBURG"
    assert clerk.post(path + "/cancel", {"reason": " "}).status_code == 422
    cancelled = clerk.post(path + "/cancel", {"reason": "The buyer went bankrupt"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["cancelled_reason"] == "The buyer went bankrupt"
    assert clerk.post(path + "/cancel", {"reason": "again"}).status_code == 409


def test_a_pi_is_confirmed_with_json_or_without_a_body(setup, rep_api, manager_api, today):
    first = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    second = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    r = rep_api.post(f"/orders/{first.public_id}/confirm", {"confirmed_on": today.isoformat()})
    assert r.status_code == 200 and r.json()["signed_pi"] is None
    assert r.json()["payments"][0]["amount"] == "3750.00"
    r = rep_api.client.post(f"{rep_api.base}/orders/{second.public_id}/confirm")
    assert r.status_code == 200 and r.json()["confirmed_on"] == today.isoformat()
    # A manager sees the order's margins, a rep does not.
    assert manager_api.get(f"/orders/{first.public_id}").json()["margins"]["percent"] == "27.41"
    assert rep_api.get(f"/orders/{first.public_id}").json()["margins"] is None
    listed = rep_api.get("/orders", {"status": "confirmed"}).json()
    assert listed["count"] == 2 and listed["items"][0]["quotation"].startswith("Q-")
    assert rep_api.get("/orders/totals").json()["subtotals"] == [{"amount": "25000.00", "currency": "EUR"}]


def test_a_confirmation_that_cannot_be_read_is_refused_and_changes_nothing(setup, rep_api):
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    path = f"{rep_api.base}/orders/{order.public_id}/confirm"
    r = rep_api.client.post(path, "{not json", content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "bad_request"
    r = rep_api.client.post(path, json.dumps({"on": "2026-01-01"}), content_type="application/json")
    assert r.status_code == 422 and "on" in r.json()["fields"]
    r = rep_api.client.post(path, {"other": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert r.status_code == 422 and "other" in r.json()["fields"]
    r = rep_api.client.post(path, {"signed_pi": SimpleUploadedFile("empty.pdf", b"")})
    assert r.status_code == 422
    r = rep_api.client.post(path, "confirmed_on=2026-01-01", content_type="text/plain")
    assert r.status_code == 400
    order.refresh_from_db()
    assert (
        order.status == OrderStatus.PROFORMA and order.signed_pi is None and not OrderPayment.objects.exists()
    )


def test_the_signed_pi_upload_has_the_attachment_size_limit(setup, rep_api, settings):
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    path = f"{rep_api.base}/orders/{order.public_id}/confirm"
    settings.ATTACHMENT_MAX_BYTES = 20 * MB
    _body, files, is_upload = body_limit_for(path)
    assert is_upload and files == 20 * MB  # not the 5 MB of a form without files
    settings.ATTACHMENT_MAX_BYTES = 1 * MB
    r = rep_api.client.generic(
        "POST",
        path,
        b"",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(3 * MB),
    )
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    order.refresh_from_db()
    assert order.status == OrderStatus.PROFORMA


# --- sales settings ----------------------------------------------------------------------------------------


def test_every_member_reads_the_sales_settings_and_managers_change_them(setup, rep_api, manager_api):
    assert rep_api.get("/sales-settings").json()["approval_discount_percent"] == "10.00"
    assert rep_api.patch("/sales-settings", {"legal_name": "Haitian Trading"}).status_code == 403
    r = manager_api.patch(
        "/sales-settings",
        {
            "legal_name": "Ningbo Haitian Trading Co., Ltd.",
            "email": "sales@haitian.example",
            "approval_discount_percent": None,
            "approval_margin_percent": "12.5",
            "approval_total_amount": "50000",
            "validity_days": 45,
        },
    )
    assert r.status_code == 200, r.json()
    answer = r.json()
    assert (
        answer["legal_name"] == "Ningbo Haitian Trading Co., Ltd."
        and answer["email"] == "sales@haitian.example"
    )
    assert (answer["approval_discount_percent"], answer["approval_margin_percent"]) == (None, "12.50")
    assert (answer["approval_total_amount"], answer["validity_days"]) == ("50000.00", 45)
    assert rep_api.get("/sales-settings").json() == answer
    for change, field in (
        ({"email": "not an address"}, "email"),
        ({"validity_days": 0}, "validity_days"),
        ({"approval_margin_percent": "-101"}, "approval_margin_percent"),
        ({"fx_risk_percent": None}, "fx_risk_percent"),
        ({"fx_risk_percent": 3}, "fx_risk_percent"),
    ):
        r = manager_api.patch("/sales-settings", change)
        assert r.status_code == 422 and field in r.json()["fields"], change
    assert manager_api.get("/sales-settings").json() == answer


def test_a_quotation_from_an_inquiry_and_for_a_pool_customer(setup, rep_api):
    from tradewind.trade.inquiries import services as inquiries

    pool = CustomerFactory(actor=setup["manager"], name="Osaka Trading", country="JP", owner=None)
    inquiry = inquiries.inquiry_create(
        actor=setup["rep"], customer=pool, message="500 kettles?", items=[{"description": "Kettle"}]
    )
    r = rep_api.post("/quotations", body(setup, customer=str(pool.public_id), inquiry=str(inquiry.public_id)))
    assert r.status_code == 201, r.json()
    assert r.json()["inquiry"] == str(inquiry.public_id) and r.json()["customer"]["name"] == "Osaka Trading"
    r = rep_api.post("/quotations", body(setup, inquiry="00000000-0000-0000-0000-000000000000"))
    assert r.status_code == 404
    assert Quotation.objects.count() == 1


def test_lines_without_a_price_take_the_list_price(setup, rep_api):
    from tradewind.catalog import services as catalog

    price_list = catalog.price_list_create(actor=setup["manager"], name="EUR 2027", currency="EUR")
    catalog.product_price_set(
        actor=setup["manager"], price_list=price_list, product=setup["product"], unit_price="13"
    )
    r = rep_api.post(
        "/quotations", body(setup, lines=[{"product": str(setup["product"].public_id), "quantity": "12"}])
    )
    assert r.status_code == 201, r.json()
    line = r.json()["lines"][0]
    assert (line["unit_price"], line["list_price"], line["price_list"]) == (
        "13.0000",
        "13.0000",
        str(price_list.public_id),
    )


def test_an_amount_too_large_to_store_is_refused(setup, rep_api):
    lines = [{"name": "Part", "quantity": "1000000000", "unit_price": "1000000"}]  # 1e15
    r = rep_api.post("/quotations", body(setup, lines=lines))
    assert "the amount is too large" in r.json()["message"]
    assert r.status_code == 422 and "lines" in r.json()["fields"]
    assert not Quotation.objects.exists()
