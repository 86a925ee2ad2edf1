"""Exchange rates (the Sales issue): trading currencies, rates by hand, the ECB files, the rate a conversion
uses, converting and summing money without adding two currencies — each rule with what it refuses and
what it leaves behind."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money
from tradewind.fx import services
from tradewind.fx.choices import FxAuditAction, RateSource
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.fx.rates import (
    RateMissing,
    currency_require_used,
    money_convert,
    money_totals,
    rate_lookup,
    workspace_currencies,
)
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry

FRIDAY = dt.date(2026, 12, 4)
SATURDAY, SUNDAY = dt.date(2026, 12, 5), dt.date(2026, 12, 6)

# eurofxref.csv as the ECB serves it: spaces after the commas, a trailing comma, "04 December 2026".
DAILY = (
    b"Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, PLN, RON, SEK, CHF, ISK, NOK, TRY, AUD, BRL, CAD, CNY, HKD, "
    b"IDR, ILS, INR, KRW, MXN, MYR, NZD, PHP, SGD, THB, ZAR, \n"
    b"04 December 2026, 1.0500, 157.50, 1.9558, 25.123, 7.4589, 0.8400, 410.50, 4.2750, 4.9750, 11.2345, "
    b"0.9400, 150.10, 11.6543, 36.1234, 1.6234, 6.2345, 1.4789, 7.4550, 8.1900, 16789.12, 3.8765, 89.4567, "
    b"1456.78, 18.3456, 4.9012, 1.7890, 61.234, 1.4123, 36.789, 19.8765, \n"
)
# eurofxref-hist.csv: ISO dates, newest first, N/A where there is no rate, CYP (gone) among the columns.
HISTORY = (
    b"Date,USD,JPY,CYP,GBP,CNY,\n"
    b"2026-12-04,1.0500,157.50,N/A,0.8400,7.4550,\n"
    b"2026-12-03,1.0400,156.00,N/A,0.8300,N/A,\n"
    b"2026-12-02,abc,156.00,N/A,0.8300,7.4000,\n"
    b"2026-13-01,1.0400,156.00,N/A,0.8300,7.4000,\n"
    b"2026-11-30,1.0300,155.00,N/A,0.8200,7.3000,\n"
)


@pytest.fixture
def finance(member_factory):
    return member_factory(Role.FINANCE)


def trading(actor, *codes):
    for code in codes:
        services.trading_currency_add(actor=actor, code=code)


def rates_of(workspace) -> dict[tuple[str, dt.date], Decimal]:
    return {
        (r.currency, r.on): r.rate
        for r in ExchangeRate.objects.filter(workspace=workspace, reporting_currency=workspace.currency)
    }


@pytest.fixture
def euro_finance(db):
    """Finance of a Hamburg office reporting in euros."""
    return MembershipFactory(role=Role.FINANCE, workspace=WorkspaceFactory(currency="EUR", country="DE"))


# --- the ECB files ----------------------------------------------------------------------------------------


def test_the_daily_file_gives_cross_rates_into_a_usd_workspace(workspace, finance):
    trading(finance, "EUR", "GBP", "CNY", "JPY")
    result = services.rates_import_ecb(actor=finance, data=DAILY, name="eurofxref.csv")
    assert rates_of(workspace) == {
        ("EUR", FRIDAY): Decimal("1.05"),  # the euro's own rate in USD
        ("GBP", FRIDAY): Decimal("1.25"),  # 1.05 / 0.84
        ("CNY", FRIDAY): Decimal("0.1408450704"),  # 1.05 / 7.455, ten significant digits
        ("JPY", FRIDAY): Decimal("0.0066666667"),  # 1.05 / 157.5, at most ten decimals
    }
    assert (result.created, result.updated, result.unchanged, result.error_count) == (4, 0, 0, 0)
    assert (
        result.skipped == 26 and "BGN" in result.skipped_currencies and "USD" not in result.skipped_currencies
    )
    assert result.missing_currencies == [] and result.first_day == result.last_day == FRIDAY
    assert set(ExchangeRate.objects.values_list("source", flat=True)) == {RateSource.ECB_CSV}
    entry = AuditEntry.objects.get(action=FxAuditAction.RATES_IMPORTED)
    assert entry.target == "eurofxref.csv" and entry.data["created"] == 4


def test_the_history_file_gives_rates_into_a_euro_workspace_and_says_what_it_could_not_read(euro_finance):
    workspace = euro_finance.workspace
    trading(euro_finance, "USD", "GBP", "CNY", "AED")  # the ECB has no AED
    result = services.rates_import_ecb(actor=euro_finance, data=HISTORY, name="eurofxref-hist.csv")
    rates = rates_of(workspace)
    assert rates[("USD", FRIDAY)] == Decimal("0.9523809524")  # 1 / 1.05
    assert rates[("GBP", FRIDAY)] == Decimal("1.190476190")  # 1 / 0.84
    assert rates[("CNY", FRIDAY)] == Decimal("0.1341381623")  # 1 / 7.455
    assert ("CNY", dt.date(2026, 12, 3)) not in rates  # N/A: no rate that day, and no error
    assert ("USD", dt.date(2026, 12, 2)) not in rates and ("GBP", dt.date(2026, 12, 2)) in rates
    assert len(rates) == 3 + 2 + 2 + 3  # 4 Dec, 3 Dec (no CNY), 2 Dec (no USD), 30 Nov
    assert result.missing_currencies == ["AED"] and result.skipped_currencies == ["JPY", "CYP"]
    assert [(e.row, e.message) for e in result.errors] == [
        (4, "USD: “abc” is not a rate."),
        (5, "“2026-13-01” is not a date (2026-12-04 or 04 December 2026)."),
    ]
    assert (result.first_day, result.last_day) == (dt.date(2026, 11, 30), FRIDAY)


def test_the_history_file_into_usd_skips_a_day_without_a_usd_rate(workspace, finance):
    trading(finance, "EUR", "GBP")
    data = b"Date,USD,GBP,\n2026-12-04,1.0500,0.8400,\n2026-12-03,N/A,0.8300,\n"
    result = services.rates_import_ecb(actor=finance, data=data)
    assert set(rates_of(workspace)) == {("EUR", FRIDAY), ("GBP", FRIDAY)}
    assert result.skipped == 2 and result.error_count == 0


def test_importing_the_same_file_again_changes_nothing(workspace, finance):
    trading(finance, "EUR", "GBP", "CNY", "JPY")
    services.rates_import_ecb(actor=finance, data=DAILY)
    before = list(ExchangeRate.objects.order_by("pk").values_list("pk", "rate", "updated_at"))
    again = services.rates_import_ecb(actor=finance, data=DAILY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert list(ExchangeRate.objects.order_by("pk").values_list("pk", "rate", "updated_at")) == before
    assert AuditEntry.objects.filter(action=FxAuditAction.RATES_IMPORTED).count() == 1


def test_an_import_replaces_a_different_rate_of_the_day(workspace, finance):
    trading(finance, "EUR", "GBP")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.0612"))
    result = services.rates_import_ecb(actor=finance, data=DAILY)
    assert (result.created, result.updated) == (1, 1)
    euro = ExchangeRate.objects.get(currency="EUR")
    assert euro.rate == Decimal("1.05") and euro.source == RateSource.ECB_CSV


def test_the_zip_the_ecb_serves_is_read_too(workspace, finance):
    trading(finance, "EUR")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("eurofxref.csv", DAILY)
    assert services.rates_import_ecb(actor=finance, data=out.getvalue()).created == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "The file is not a CSV text file."),
        (b"Company,Country\nHamburg Import,DE\n", "This is not an ECB rates file"),
        (b"Date,Rate\n2026-12-04,1.05\n", "This is not an ECB rates file"),
        (b"\n \n", "The file is empty."),
        (b"PK\x03\x04broken", "The ZIP file could not be read"),
        (
            b"Date,JPY,GBP,\n2026-12-04,157.5,0.84,\n",
            "The file has no rates for USD, the reporting currency.",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_changes_nothing(workspace, finance, data, message):
    trading(finance, "EUR", "GBP")
    with pytest.raises(ValidationFailed) as refused:
        services.rates_import_ecb(actor=finance, data=data)
    assert str(refused.value.message).startswith(message) and refused.value.field == "file"
    assert not ExchangeRate.objects.exists()
    assert not AuditEntry.objects.filter(action=FxAuditAction.RATES_IMPORTED).exists()


def test_an_import_needs_a_currency_to_import_and_a_file_within_the_limit(workspace, finance, settings):
    with pytest.raises(ValidationFailed, match="trades only in USD, its reporting currency"):
        services.rates_import_ecb(actor=finance, data=DAILY)
    trading(finance, "EUR")
    settings.FX_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationFailed) as refused:
        services.rates_import_ecb(actor=finance, data=DAILY + b" " * 1024 * 1024, name="eurofxref.csv")
    assert refused.value.message == "“eurofxref.csv” is 1.0 MB; the limit is 1 MB."
    assert not ExchangeRate.objects.exists()


# --- the rate a conversion uses -------------------------------------------------------------------------


def test_the_reporting_currency_converts_at_one(workspace):
    used = rate_lookup(workspace, "USD", SUNDAY)
    assert (used.rate, used.on, used.source, used.reporting_currency) == (Decimal(1), SUNDAY, "", "USD")


def test_a_weekend_uses_fridays_rate_and_a_later_one_is_never_used(workspace, finance):
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    services.rate_set(actor=finance, currency="EUR", on=dt.date(2026, 12, 7), rate=Decimal("1.06"))
    used = rate_lookup(workspace, "EUR", SUNDAY)
    assert (used.currency, used.rate, used.on, used.source) == ("EUR", Decimal("1.05"), FRIDAY, "manual")
    assert rate_lookup(workspace, "eur", dt.date(2026, 12, 11)).on == dt.date(2026, 12, 7)


def test_a_rate_too_old_or_none_is_a_clear_message(workspace, finance, settings):
    trading(finance, "EUR", "GBP")
    with pytest.raises(RateMissing) as missing:
        rate_lookup(workspace, "GBP", SATURDAY)
    assert missing.value.message == (
        "No GBP → USD exchange rate on or up to 7 days before 5 Dec 2026. "
        "Finance can enter one under Exchange rates."
    )
    assert (missing.value.currency, missing.value.on, missing.value.status) == ("GBP", SATURDAY, 422)
    services.rate_set(actor=finance, currency="EUR", on=dt.date(2026, 11, 27), rate=Decimal("1.05"))
    assert rate_lookup(workspace, "EUR", FRIDAY).on == dt.date(2026, 11, 27)  # seven days: still used
    with pytest.raises(RateMissing) as missing:
        rate_lookup(workspace, "EUR", SATURDAY)
    assert missing.value.message.startswith(
        "The latest EUR → USD exchange rate is of 27 Nov 2026, more than 7 days before 5 Dec 2026."
    )
    settings.FX_RATE_MAX_AGE_DAYS = 0
    with pytest.raises(RateMissing) as missing:
        rate_lookup(workspace, "GBP", SATURDAY)
    assert missing.value.message.startswith("No GBP → USD exchange rate on 5 Dec 2026. Finance can")
    with translation.override("zh-hans"), pytest.raises(RateMissing) as missing:
        rate_lookup(workspace, "GBP", SATURDAY)
    assert "2026年12月5日" in missing.value.message  # the date as the reader writes it


def test_conversions_round_to_the_reporting_currencys_minor_units(db):
    yen = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(currency="JPY"))
    trading(yen, "USD")
    services.rate_set(actor=yen, currency="USD", on=FRIDAY, rate=Decimal("149.6731"))
    converted, used = money_convert(Money(Decimal("123.45"), "USD"), workspace=yen.workspace, on=SUNDAY)
    assert converted == Money(Decimal("18477"), "JPY") and str(converted.amount) == "18477"  # 18477.14…
    assert used.rate == Decimal("149.6731") and used.on == FRIDAY

    dinar = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(currency="KWD"))
    trading(dinar, "USD")
    services.rate_set(actor=dinar, currency="USD", on=FRIDAY, rate=Decimal("0.30745"))
    converted, _used = money_convert(Money(Decimal("1234.5678"), "USD"), workspace=dinar.workspace, on=FRIDAY)
    assert str(converted.amount) == "379.568" and converted.currency == "KWD"  # 379.56787…


def test_totals_never_add_two_currencies_and_name_a_missing_rate(workspace, finance):
    trading(finance, "EUR", "GBP")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    amounts = [
        Money(Decimal("200"), "EUR"),
        Money(Decimal("100"), "USD"),
        Money(Decimal("10"), "GBP"),
        Money(Decimal("50.50"), "EUR"),
    ]
    totals = money_totals(amounts, workspace=workspace, on=SUNDAY)
    assert totals.subtotals == [
        Money(Decimal("100"), "USD"),
        Money(Decimal("250.50"), "EUR"),
        Money(Decimal("10"), "GBP"),
    ]  # the reporting currency first, then by code
    assert totals.converted is None and totals.missing == ["GBP"]
    assert [r.currency for r in totals.rates] == ["EUR"]
    assert totals.lines[1].converted == Money(Decimal("263.03"), "USD")  # 250.50 × 1.05 = 263.025

    services.rate_set(actor=finance, currency="GBP", on=FRIDAY, rate=Decimal("1.25"))
    totals = money_totals(amounts, workspace=workspace, on=SUNDAY)
    assert (
        totals.converted == Money(Decimal("375.53"), "USD") and totals.missing == []
    )  # 100 + 263.03 + 12.50
    assert [(r.currency, r.rate, r.on) for r in totals.rates] == [
        ("EUR", Decimal("1.05"), FRIDAY),
        ("GBP", Decimal("1.25"), FRIDAY),
    ]
    empty = money_totals([], workspace=workspace, on=SUNDAY)
    assert empty.lines == [] and empty.converted == Money.zero("USD")


# --- the workspace's currencies ---------------------------------------------------------------------------


def test_the_workspace_trades_in_its_reporting_currency_and_the_ones_it_adds(workspace, finance):
    assert workspace_currencies(workspace) == ["USD"]
    trading(finance, "JPY", "EUR")
    assert workspace_currencies(workspace) == ["USD", "EUR", "JPY"]
    assert (
        currency_require_used(workspace, "eur") == "EUR" and currency_require_used(workspace, "USD") == "USD"
    )
    with pytest.raises(ValidationFailed) as refused:
        currency_require_used(workspace, "GBP")
    assert refused.value.message == (
        "The workspace does not trade in GBP; an admin or finance can add it under Exchange rates."
    )
    assert refused.value.field == "currency"


def test_adding_a_currency_twice_or_the_reporting_one_is_refused(workspace, finance):
    trading(finance, "EUR")
    with pytest.raises(Conflict):
        services.trading_currency_add(actor=finance, code="eur")
    with pytest.raises(ValidationFailed, match="USD is the reporting currency"):
        services.trading_currency_add(actor=finance, code="USD")
    with pytest.raises(ValidationFailed, match="three-letter currency code"):
        services.trading_currency_add(actor=finance, code="XAU")  # gold is no money a buyer pays in
    assert list(TradingCurrency.objects.values_list("code", flat=True)) == ["EUR"]
    assert AuditEntry.objects.filter(action=FxAuditAction.CURRENCY_ADDED, target="EUR").count() == 1


def test_a_removed_currency_keeps_its_rates_for_documents_already_in_it(workspace, finance):
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    services.trading_currency_remove(actor=finance, currency=TradingCurrency.objects.get(code="EUR"))
    assert workspace_currencies(workspace) == ["USD"] and ExchangeRate.objects.count() == 1
    assert rate_lookup(workspace, "EUR", FRIDAY).rate == Decimal("1.05")
    with pytest.raises(ValidationFailed, match="does not trade in EUR"):
        services.rate_set(actor=finance, currency="EUR", on=SATURDAY, rate=Decimal("1.05"))
    assert AuditEntry.objects.filter(action=FxAuditAction.CURRENCY_REMOVED).count() == 1


# --- rates by hand ----------------------------------------------------------------------------------------


def test_a_rate_is_set_then_changed_and_each_change_is_audited(workspace, finance):
    trading(finance, "EUR")
    rate = services.rate_set(actor=finance, currency="eur", on=FRIDAY, rate=Decimal("1.0512"))
    assert (rate.currency, rate.reporting_currency, rate.entered_by, rate.source) == (
        "EUR", "USD", finance, RateSource.MANUAL
    )  # fmt: skip
    same = services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.0512000"))
    assert same.pk == rate.pk
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.0523"))
    assert ExchangeRate.objects.get().rate == Decimal("1.0523")
    entries = AuditEntry.objects.filter(action=FxAuditAction.RATE_SET).order_by("at", "id")
    assert [e.target for e in entries] == [
        "1 EUR = 1.0512 USD · 2026-12-04",
        "1 EUR = 1.0523 USD · 2026-12-04",
    ]
    assert entries[1].data["previous"] == "1.0512000000"
    services.rate_delete(actor=finance, rate=ExchangeRate.objects.get())
    assert not ExchangeRate.objects.exists()
    assert (
        AuditEntry.objects.get(action=FxAuditAction.RATE_DELETED).target == "1 EUR = 1.0523 USD · 2026-12-04"
    )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"currency": "USD"}, "currency", "USD is the reporting currency: its rate is always 1."),
        ({"currency": "GBP"}, "currency", "The workspace does not trade in GBP"),
        ({"currency": "EURO"}, "currency", "Use a three-letter currency code"),
        ({"rate": Decimal("0")}, "rate", "A rate is a number above 0"),
        ({"rate": Decimal("-1.05")}, "rate", "A rate is a number above 0"),
        ({"rate": Decimal("1000000000")}, "rate", "A rate is a number above 0"),
        ({"rate": Decimal("1.12345678901")}, "rate", "At most 10 decimal places."),
        ({"rate": "abc"}, "rate", "A rate is a number above 0"),
        ({"rate": None}, "rate", "Enter the rate."),
        ({"on": dt.date(1969, 12, 31)}, "on", "A rate's date is between"),
        ({"on": workspace_today() + dt.timedelta(days=40)}, "on", "A rate's date is between"),
    ],
)
def test_what_a_rate_may_not_be(workspace, finance, values, field, message):
    trading(finance, "EUR")
    with pytest.raises(ValidationFailed) as refused:
        services.rate_set(
            actor=finance, **{"currency": "EUR", "on": FRIDAY, "rate": Decimal("1.05"), **values}
        )
    assert str(refused.value.message).startswith(message) and refused.value.field == field
    assert not ExchangeRate.objects.exists()


def test_a_rate_far_from_a_nearby_days_is_set_only_once_confirmed(workspace, finance):
    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    upside_down = {"currency": "EUR", "on": dt.date(2026, 12, 7), "rate": Decimal("0.9524")}  # 1 / 1.05
    with pytest.raises(ValidationFailed) as refused:
        services.rate_set(actor=finance, **upside_down)
    assert refused.value.code == "rate_unusual" and refused.value.message == (
        "1 EUR = 0.9524 USD is far from the rate of 4 Dec 2026 (1.05). Check that it is how many USD one "
        "EUR buys, and confirm it if it is right."
    )
    assert ExchangeRate.objects.count() == 1
    services.rate_set(actor=finance, **upside_down, confirm=True)
    services.rate_set(actor=finance, currency="EUR", on=dt.date(2026, 12, 8), rate=Decimal("1.0"))  # near 7th
    assert ExchangeRate.objects.count() == 3


def test_rates_into_a_former_reporting_currency_are_not_used(workspace, finance, admin):
    from tradewind.workspaces.services import workspace_update

    trading(finance, "EUR")
    services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    workspace_update(
        actor=admin, name=workspace.name, country="CN", time_zone="Asia/Shanghai", currency="CNY"
    )
    workspace.refresh_from_db()
    with pytest.raises(RateMissing, match="No EUR → CNY exchange rate"):
        rate_lookup(workspace, "EUR", FRIDAY)
    services.rate_set(
        actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("7.45")
    )  # no clash: another base
    assert rate_lookup(workspace, "EUR", FRIDAY).rate == Decimal("7.45")
    assert ExchangeRate.objects.count() == 2


# --- who may ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (Role.OWNER, True),
        (Role.ADMIN, True),
        (Role.MANAGER, True),
        (Role.FINANCE, True),
        (Role.SALES, False),
        (Role.MERCHANDISER, False),
        (Role.MARKETING, False),
        (Role.DOCUMENTS, False),
        (Role.VIEWER, False),
    ],
)
def test_finance_managers_and_admins_keep_the_rates_and_everyone_reads_them(
    member_factory, finance, role, may
):
    trading(finance, "EUR")
    rate = services.rate_set(actor=finance, currency="EUR", on=FRIDAY, rate=Decimal("1.05"))
    member = member_factory(role)
    writes = [
        lambda: services.trading_currency_add(actor=member, code="GBP"),
        lambda: services.rate_set(actor=member, currency="EUR", on=SATURDAY, rate=Decimal("1.051")),
        lambda: services.rates_import_ecb(actor=member, data=DAILY),
        lambda: services.rate_delete(actor=member, rate=rate),
        lambda: services.trading_currency_remove(
            actor=member, currency=TradingCurrency.objects.get(code="EUR")
        ),
    ]
    for write in writes:
        if may:
            write()
        else:
            with pytest.raises(PermissionDenied):
                write()
    if not may:
        assert rate_lookup(member.workspace, "EUR", SATURDAY).rate == Decimal("1.05")  # what they may do
        assert ExchangeRate.objects.count() == 1 and TradingCurrency.objects.count() == 1
