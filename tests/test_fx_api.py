"""The exchange-rates API: currencies, rates, the ECB import and the look-up, through the same services as
the page — who may write, rates as strings, the refusals and what they leave behind."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY

from tests.factories import MembershipFactory
from tests.test_fx_services import DAILY, FRIDAY, trading
from tradewind.accounts.services import api_token_create
from tradewind.files.limits import body_limit_for
from tradewind.fx import services
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.workspaces.choices import Role

MB = 1024 * 1024


class Api:
    """A token's client for one workspace: api.get("/rates"), api.post("/rates", {...})."""

    def __init__(self, member, slug=None):
        _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.base = f"/api/v1/workspaces/{slug or member.workspace.slug}"

    def get(self, path, params=None):
        return self.client.get(self.base + path, params or {})

    def post(self, path, data=None):
        return self.client.post(self.base + path, json.dumps(data or {}), content_type="application/json")

    def delete(self, path):
        return self.client.delete(self.base + path)

    def upload(self, path, name, data):
        return self.client.post(self.base + path, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def finance(member_factory):
    return member_factory(Role.FINANCE)


def test_currencies_are_listed_added_and_removed(workspace, finance):
    api = Api(finance)
    assert api.post("/currencies", {"code": "EUR"}).status_code == 201
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY - dt.timedelta(days=30), rate=Decimal("1.05"))
    r = api.post("/currencies", {"code": "GBP"})
    assert r.status_code == 201 and r.json() == {
        "code": "GBP",
        "name": "British Pound",
        "reporting": False,
        "latest_rate": None,
        "latest_on": None,
        "stale": True,
    }
    listed = api.get("/currencies").json()
    assert [(c["code"], c["reporting"], c["latest_rate"]) for c in listed] == [
        ("USD", True, "1.0000000000"),
        ("EUR", False, "1.0500000000"),
        ("GBP", False, None),
    ]
    assert listed[1]["latest_on"] == "2026-11-04" and listed[1]["stale"] is True  # a month old
    assert api.post("/currencies", {"code": "EUR"}).status_code == 409
    r = api.post("/currencies", {"code": "USD"})
    assert r.status_code == 422 and "reporting currency" in r.json()["message"]
    assert api.post("/currencies", {"code": "XXX"}).status_code == 422
    assert api.delete("/currencies/EUR").status_code == 204
    assert api.delete("/currencies/EUR").status_code == 404
    assert api.delete("/currencies/USD").status_code == 404  # the reporting currency is not a trading one
    assert list(TradingCurrency.objects.values_list("code", flat=True)) == ["GBP"]
    assert ExchangeRate.objects.count() == 1  # EUR's rate stays


def test_rates_are_set_listed_filtered_and_deleted_as_strings(workspace, finance):
    trading(finance, "EUR", "GBP")
    api = Api(finance)
    r = api.post("/rates", {"currency": "EUR", "on": "2026-12-04", "rate": "1.0512"})
    assert r.status_code == 200, r.json()
    rate = r.json()
    assert (rate["currency"], rate["reporting_currency"], rate["on"], rate["rate"], rate["source"]) == (
        "EUR", "USD", "2026-12-04", "1.0512000000", "manual"
    )  # fmt: skip
    assert rate["entered_by"] == str(finance.public_id)
    api.post("/rates", {"currency": "GBP", "on": "2026-12-03", "rate": "1.25"})
    api.post("/rates", {"currency": "EUR", "on": "2026-12-02", "rate": "1.04"})
    page = api.get("/rates").json()
    assert page["count"] == 3 and [(x["currency"], x["on"]) for x in page["items"]] == [
        ("EUR", "2026-12-04"),
        ("GBP", "2026-12-03"),
        ("EUR", "2026-12-02"),
    ]
    assert [x["on"] for x in api.get("/rates", {"currency": "EUR"}).json()["items"]] == [
        "2026-12-04",
        "2026-12-02",
    ]
    assert api.get("/rates", {"from": "2026-12-03", "to": "2026-12-03"}).json()["count"] == 1
    assert api.get("/rates", {"limit": 1, "offset": 1}).json()["items"][0]["currency"] == "GBP"
    assert api.delete(f"/rates/{rate['id']}").status_code == 204
    assert api.delete(f"/rates/{rate['id']}").status_code == 404
    assert ExchangeRate.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"currency": "EUR", "on": "2026-12-04", "rate": 1.05}, "rate"),  # a JSON number: a binary float
        ({"currency": "EUR", "on": "2026-12-04", "rate": "0"}, "rate"),
        ({"currency": "EUR", "on": "2026-12-04", "rate": "1.12345678901"}, "rate"),
        ({"currency": "EUR", "on": "4.12.2026", "rate": "1.05"}, "on"),
        ({"currency": "EURO", "on": "2026-12-04", "rate": "1.05"}, "currency"),
        ({"currency": "GBP", "on": "2026-12-04", "rate": "1.05"}, "currency"),  # not traded in
        ({"currency": "USD", "on": "2026-12-04", "rate": "1.05"}, "currency"),  # the reporting currency
        ({"currency": "EUR", "on": "2026-12-04", "rate": "1.05", "note": "x"}, "note"),
    ],
)
def test_a_rate_the_api_refuses_is_a_422_naming_the_field(workspace, finance, payload, field):
    trading(finance, "EUR")
    r = Api(finance).post("/rates", payload)
    assert r.status_code == 422 and field in r.json()["fields"], r.json()
    assert not ExchangeRate.objects.exists()


def test_an_unusual_rate_needs_confirm(workspace, finance):
    trading(finance, "EUR")
    api = Api(finance)
    api.post("/rates", {"currency": "EUR", "on": "2026-12-04", "rate": "1.05"})
    r = api.post("/rates", {"currency": "EUR", "on": "2026-12-07", "rate": "0.9524"})
    assert r.status_code == 422 and r.json()["code"] == "rate_unusual"
    r = api.post("/rates", {"currency": "EUR", "on": "2026-12-07", "rate": "0.9524", "confirm": True})
    assert r.status_code == 200


def test_the_ecb_file_is_imported_and_a_bad_one_refused(workspace, finance):
    trading(finance, "EUR", "GBP", "AED")
    api = Api(finance)
    r = api.upload("/rates/import", "eurofxref.csv", DAILY)
    assert r.status_code == 200, r.json()
    result = r.json()
    assert (result["created"], result["updated"], result["unchanged"], result["error_count"]) == (2, 0, 0, 0)
    assert result["missing_currencies"] == ["AED"] and "JPY" in result["skipped_currencies"]
    assert result["first_day"] == result["last_day"] == "2026-12-04" and result["errors"] == []
    assert api.upload("/rates/import", "eurofxref.csv", DAILY).json()["unchanged"] == 2
    bad = api.upload("/rates/import", "eurofxref.csv", DAILY.replace(b"1.0500", b"x.y"))
    assert bad.json()["errors"] == [{"row": 2, "message": "USD: “x.y” is not a rate."}]
    r = api.upload("/rates/import", "customers.csv", b"Name,Country\nHamburg Import,DE\n")
    assert r.status_code == 422 and r.json()["fields"]["file"][0].startswith("This is not an ECB rates file")
    assert ExchangeRate.objects.count() == 2


def test_the_import_has_its_own_size_limit(workspace, finance, settings):
    trading(finance, "EUR")
    path = f"/api/v1/workspaces/{workspace.slug}/rates/import"
    settings.FX_IMPORT_MAX_BYTES = 8 * MB
    _body, files, is_upload = body_limit_for(path)
    assert is_upload and files == 8 * MB
    assert body_limit_for(f"/w/{workspace.slug}/rates/import/")[1] == 8 * MB  # the page's upload too
    settings.FX_IMPORT_MAX_BYTES = 1 * MB
    r = Api(finance).client.generic(
        "POST",
        path,
        b"",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(3 * MB),
    )
    assert r.status_code == 413 and r.json()["code"] == "too_large"


def test_the_lookup_answers_the_rate_a_document_of_that_day_uses(workspace, finance):
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    api = Api(member := MembershipFactory(workspace=workspace, role=Role.VIEWER))
    r = api.get("/rates/lookup", {"currency": "EUR", "on": "2026-12-06"})
    assert r.status_code == 200 and r.json() == {
        "currency": "EUR",
        "reporting_currency": "USD",
        "rate": "1.0500000000",
        "on": "2026-12-04",
        "source": "manual",
        "requested_on": "2026-12-06",
    }
    assert api.get("/rates/lookup", {"currency": "USD", "on": "2026-12-06"}).json()["rate"] == "1.0000000000"
    r = api.get("/rates/lookup", {"currency": "EUR", "on": "2026-11-20"})
    assert r.status_code == 422 and r.json()["code"] == "rate_missing"
    assert r.json()["message"].startswith("No EUR → USD exchange rate on or up to 7 days before 20 Nov 2026.")
    assert api.get("/rates/lookup", {"currency": "EURO"}).status_code == 422
    assert member.role == Role.VIEWER


def test_others_read_but_cannot_write_and_outsiders_get_404(workspace, finance, member_factory):
    trading(finance, "EUR")
    rate = services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    for role in (Role.SALES, Role.VIEWER, Role.MERCHANDISER):
        api = Api(member_factory(role))
        assert api.get("/rates").json()["count"] == 1 and len(api.get("/currencies").json()) == 2
        assert api.post("/rates", {"currency": "EUR", "on": "2026-12-04", "rate": "1.06"}).status_code == 403
        assert api.upload("/rates/import", "eurofxref.csv", DAILY).status_code == 403
        assert api.delete(f"/rates/{rate.public_id}").status_code == 403
        assert api.post("/currencies", {"code": "GBP"}).status_code == 403
        assert api.delete("/currencies/EUR").status_code == 403
    outsider = Api(MembershipFactory(role=Role.OWNER), slug=workspace.slug)
    for response in (
        outsider.get("/rates"),
        outsider.get("/currencies"),
        outsider.get("/rates/lookup", {"currency": "EUR"}),
        outsider.delete(f"/rates/{rate.public_id}"),
        outsider.delete("/currencies/EUR"),
    ):
        assert response.status_code == 404
    other = MembershipFactory(role=Role.OWNER)
    assert Api(other).delete(f"/rates/{rate.public_id}").status_code == 404  # another workspace's rate
    assert list(ExchangeRate.objects.values_list("rate", flat=True)) == [Decimal("1.05")]
    assert list(TradingCurrency.objects.values_list("code", flat=True)) == ["EUR"]
