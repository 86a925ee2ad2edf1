"""The exchange-rates page: what each role sees and may do, the forms and the ECB upload, the history's
filters and pages — and that the page's queries do not grow with the rates."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_fx_services import DAILY, FRIDAY, trading
from tradewind.fx import services
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.workspaces.choices import Role


@pytest.fixture
def finance(member_factory):
    return member_factory(Role.FINANCE)


def url(workspace, path=""):
    return f"/w/{workspace.slug}/rates/{path}"


def test_everyone_reads_the_rates_and_only_editors_see_the_forms(
    workspace, finance, member_factory, client_for
):
    trading(finance, "EUR", "GBP")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.0512"))
    viewer = member_factory(Role.VIEWER)
    html = client_for(viewer).get(url(workspace)).content.decode()
    assert "Reporting currency: <strong>USD</strong>" in html
    assert "1 EUR = 1.0512 USD" in html and "1 USD = 0.951294 EUR" in html  # and the other way round
    assert "No rate yet" in html  # GBP
    assert "Enter a rate" not in html and "Import from the ECB" not in html and "Add currency" not in html
    assert "Finance, managers and admins keep the rates." in html
    html = client_for(finance).get(url(workspace)).content.decode()
    assert "Enter a rate" in html and "Import from the ECB" in html and 'data-testid="remove-EUR"' in html


def test_an_empty_table_says_what_to_do(workspace, finance, client_for):
    html = client_for(finance).get(url(workspace)).content.decode()
    assert "The workspace trades only in USD so far." in html
    assert "No rates yet." in html and "Add a currency first" in html


def test_finance_adds_a_currency_enters_a_rate_and_deletes_it(workspace, finance, client_for):
    client = client_for(finance)
    r = client.post(url(workspace, "currencies/"), {"code": "EUR"})
    assert r.status_code == 302 and r["Location"] == url(workspace)
    assert "EUR added" in client.get(url(workspace)).content.decode()
    r = client.post(url(workspace, "set/"), {"currency": "EUR", "on": "2026-12-04", "rate": "１.０５１２"})
    assert r.status_code == 302  # full-width digits, as a Chinese input method types them
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.on, rate.rate, rate.entered_by) == ("EUR", FRIDAY, Decimal("1.0512"), finance)
    assert "Saved: 1 EUR = 1.0512 USD on 4 Dec 2026." in client.get(url(workspace)).content.decode()
    back = url(workspace) + "?currency=EUR"
    r = client.post(url(workspace, f"{rate.public_id}/delete/"), {"back": back})
    assert r.status_code == 302 and r["Location"] == back and not ExchangeRate.objects.exists()
    r = client.post(url(workspace, "currencies/EUR/remove/"))
    assert r.status_code == 302 and not TradingCurrency.objects.exists()
    r = client.post(url(workspace, "currencies/"), {"code": "USD"})  # the reporting currency: not offered
    assert r.status_code == 400 and not TradingCurrency.objects.exists()


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("abc", "“abc” is not a number. Write it like 7.1234."),
        ("7,1234", "is not a number"),
        ("0", "A rate is a number above 0"),
        ("1.123456789012", "At most 10 decimal places."),
    ],
)
def test_a_rate_the_form_refuses_is_said_on_the_form(workspace, finance, client_for, rate, message):
    trading(finance, "EUR")
    r = client_for(finance).post(
        url(workspace, "set/"), {"currency": "EUR", "on": "2026-12-04", "rate": rate}
    )
    assert r.status_code == 400 and message in r.content.decode()
    assert not ExchangeRate.objects.exists()


def test_an_unusual_rate_asks_for_confirmation_on_the_form(workspace, finance, client_for):
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    client = client_for(finance)
    form = {"currency": "EUR", "on": "2026-12-07", "rate": "0.9524"}
    r = client.post(url(workspace, "set/"), form)
    html = r.content.decode()
    assert r.status_code == 400 and "is far from the rate of 4 Dec 2026" in html and 'name="confirm"' in html
    assert client.post(url(workspace, "set/"), {**form, "confirm": "on"}).status_code == 302
    assert ExchangeRate.objects.count() == 2


def test_the_ecb_file_is_uploaded_and_the_result_shown(workspace, finance, client_for):
    trading(finance, "EUR", "GBP", "AED")
    client = client_for(finance)
    upload = SimpleUploadedFile("eurofxref.csv", DAILY, content_type="text/csv")
    html = client.post(url(workspace, "import/"), {"file": upload}).content.decode()
    assert 'data-testid="created">2<' in html and 'data-testid="unchanged">0<' in html
    assert "The file has no rates for AED: enter them by hand." in html
    assert "Not imported, as the workspace does not trade in them: JPY, BGN" in html
    assert ExchangeRate.objects.count() == 2
    again = client.post(url(workspace, "import/"), {"file": SimpleUploadedFile("eurofxref.csv", DAILY)})
    assert 'data-testid="unchanged">2<' in again.content.decode() and ExchangeRate.objects.count() == 2


def test_a_file_that_is_no_ecb_file_is_refused_on_the_form(workspace, finance, client_for):
    trading(finance, "EUR")
    client = client_for(finance)
    r = client.post(
        url(workspace, "import/"), {"file": SimpleUploadedFile("customers.csv", b"Name,Country\n")}
    )
    assert r.status_code == 400 and "This is not an ECB rates file" in r.content.decode()
    r = client.post(url(workspace, "import/"), {})
    assert r.status_code == 400 and "This field is required." in r.content.decode()
    assert not ExchangeRate.objects.exists()


@pytest.mark.parametrize("role", [Role.SALES, Role.VIEWER, Role.MARKETING])
def test_other_roles_cannot_change_the_rates(workspace, finance, member_factory, client_for, role):
    trading(finance, "EUR")
    rate = services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    client = client_for(member_factory(role))
    attempts = {
        "set/": {"currency": "EUR", "on": "2026-12-05", "rate": "1.06"},
        "import/": {"file": SimpleUploadedFile("eurofxref.csv", DAILY)},
        "currencies/": {"code": "GBP"},
        "currencies/EUR/remove/": {},
        f"{rate.public_id}/delete/": {},
    }
    for path, data in attempts.items():
        assert client.post(url(workspace, path), data).status_code == 403, path
    assert list(ExchangeRate.objects.values_list("rate", flat=True)) == [Decimal("1.05")]
    assert list(TradingCurrency.objects.values_list("code", flat=True)) == ["EUR"]


def test_the_history_filters_by_currency_and_dates_and_pages(workspace, finance, client_for):
    trading(finance, "EUR", "GBP")
    first = dt.date(2026, 9, 1)
    ExchangeRate.objects.bulk_create(
        ExchangeRate(
            workspace=workspace,
            reporting_currency="USD",
            currency=code,
            on=first + dt.timedelta(days=n),
            rate=Decimal("1.05") if code == "EUR" else Decimal("1.25"),
        )
        for n in range(40)
        for code in ("EUR", "GBP")
    )
    client = client_for(finance)

    def days(query=""):
        html = client.get(url(workspace) + query, headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in html  # the table only
        return html.count("<time datetime="), html

    assert days()[0] == 50 and "?page=2" in days()[1]
    assert days("?page=2")[0] == 30
    assert days("?currency=GBP")[0] == 40
    count, html = days("?currency=GBP&date_from=2026-09-10&date_to=2026-09-19")
    assert count == 10 and "1 GBP = 1.25 USD" in html and "EUR" not in html.split("<tbody>")[1]
    assert "No rate matches" in days("?date_from=2027-01-01")[1]
    assert "this page is past the last one" in days("?page=9")[1]


def test_the_page_queries_do_not_grow_with_the_rates(workspace, finance, client_for):
    client = client_for(finance)
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    client.get(url(workspace))
    with CaptureQueriesContext(connection) as one:
        client.get(url(workspace))
    trading(finance, "GBP", "JPY", "CNY", "CHF")
    for code, rate in (("GBP", "1.25"), ("JPY", "0.0067"), ("CNY", "0.14"), ("CHF", "1.1")):
        for day in range(5):
            services.rate_set(
                actor=finance, currency=code, on=FRIDAY - dt.timedelta(days=day), rate=Decimal(rate)
            )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(workspace)).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)
