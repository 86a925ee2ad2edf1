"""Money (core/money.py, core/money_parse.py): exact amounts, rounding per currency, formatting per
language, parsing what people type, and refusing to mix currencies."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template
from django.test.utils import isolate_apps
from django.utils import translation

from tradewind.core.errors import ValidationFailed
from tradewind.core.money import (
    AMOUNT_PLACES,
    CurrencyMismatch,
    Money,
    MoneyAttribute,
    currency_choices,
    currency_codes,
    currency_lookup,
    currency_minor_units,
    currency_name,
    money_fields,
    money_format,
    money_formatter,
    money_sum,
    validate_currency,
)
from tradewind.core.money_parse import money_parse


def usd(amount):
    return Money(D(amount), "USD")


# --- currencies ---------------------------------------------------------------------------------------------
def test_the_currency_list_is_iso_4217_money_only():
    codes = currency_codes()
    assert {"USD", "EUR", "CNY", "JPY", "KWD", "AED", "BRL"} <= codes
    # Gold, IMF drawing rights, fund units and the test code are not money a buyer pays in.
    assert not {"XAU", "XDR", "CLF", "USN", "XTS", "XXX"} & codes
    assert currency_choices("en")[0][0] == "AED"
    assert dict(currency_choices("zh-hans"))["USD"] == "USD — 美元"
    assert currency_name("EUR", "en") == "Euro" and currency_name("EUR", "zh-hans") == "欧元"


@pytest.mark.parametrize(
    ("text", "code"),
    [("usd", "USD"), ("US$", "USD"), ("美元", "USD"), ("€", "EUR"), ("￥", "CNY"), ("RMB", "CNY"),
     ("人民币", "CNY"), ("JP¥", "JPY"), ("日元", "JPY"), ("ＵＳＤ", "USD"), (" eur ", "EUR")],
)  # fmt: skip
def test_currencies_as_people_write_them(text, code):
    assert currency_lookup(text) == code


def test_unknown_currency_text_is_none():
    assert currency_lookup("dollars please") is None and currency_lookup("") is None
    assert currency_lookup("XAU") is None


def test_crm_and_workspaces_use_the_money_list(workspace):
    from tradewind.crm.forms import CustomerForm
    from tradewind.crm.services import clean_profile

    assert clean_profile(workspace, {"currency": "eur"})["currency"] == "EUR"
    with pytest.raises(ValidationFailed) as err:
        clean_profile(workspace, {"currency": "XAU"})
    assert err.value.field == "currency"
    form = CustomerForm(workspace=workspace)
    assert [c for c, _label in form.fields["currency"].choices][1:] == [c for c, _l in currency_choices()]


# --- rounding -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("currency", "places", "amount", "rounded"),
    [
        ("JPY", 0, "1234.5", "1235"),
        ("USD", 2, "0.125", "0.13"),  # half away from zero, not to even
        ("USD", 2, "-0.125", "-0.13"),
        ("EUR", 2, "2.675", "2.68"),
        ("KWD", 3, "1.2345", "1.235"),
        ("CNY", 2, "19.994", "19.99"),
    ],
)
def test_rounding_follows_the_currencys_minor_units(currency, places, amount, rounded):
    assert currency_minor_units(currency) == places
    money = Money(D(amount), currency)
    assert money.rounded() == Money(D(rounded), currency)
    assert str(money.rounded().amount) == rounded
    assert money.rounded().is_rounded and (money.is_rounded is (amount == rounded))


def test_amounts_stay_exact_until_rounded():
    unit = usd("0.0125")
    assert unit * 1000 == usd("12.5")
    assert (unit * 3).amount == D("0.0375")
    assert (usd("10") / 3).rounded() == usd("3.33")
    assert usd("12.50") / usd("2.50") == D(5)


def test_allocate_splits_a_total_into_parts_that_add_up():
    deposit, balance = usd("1234.57").allocate([30, 70])
    assert (deposit, balance) == (usd("370.37"), usd("864.20"))
    thirds = usd("100").allocate([1, 1, 1])
    assert thirds == [usd("33.34"), usd("33.33"), usd("33.33")] and money_sum(thirds) == usd("100")
    assert Money(D(1000), "JPY").allocate([1, 2]) == [Money(D(333), "JPY"), Money(D(667), "JPY")]
    assert money_sum(usd("-0.05").allocate([1, 1])) == usd("-0.05")
    with pytest.raises(ValueError):
        usd("1").allocate([0, 0])


# --- arithmetic and comparison ------------------------------------------------------------------------------
def test_arithmetic_in_one_currency():
    assert usd("1.10") + usd("2.20") == usd("3.30")
    assert usd("5") - usd("7.5") == usd("-2.5")
    assert -usd("1") == usd("-1") and abs(usd("-3")) == usd("3") and +usd("2") == usd("2")
    assert 2 * usd("1.5") == usd("3") and usd("1.5") * D("0.3") == usd("0.45")
    assert not Money.zero("EUR") and usd("0.01")


def test_mixing_currencies_is_refused_clearly():
    with pytest.raises(CurrencyMismatch) as err:
        usd("1") + Money(D(1), "EUR")
    assert str(err.value) == (
        "Amounts in USD and EUR cannot be added or compared; convert one of them first."
    )
    assert err.value.status == 422 and err.value.code == "currency_mismatch"
    with pytest.raises(CurrencyMismatch):
        usd("1") - Money(D(1), "CNY")
    with pytest.raises(CurrencyMismatch):
        assert usd("1") < Money(D(2), "EUR")
    with pytest.raises(CurrencyMismatch):
        money_sum([usd("1"), Money(D(1), "EUR")])
    with translation.override("zh-hans"), pytest.raises(CurrencyMismatch) as err:
        usd("1") + Money(D(1), "JPY")
    assert "不能相加或比较" in str(err.value)


def test_comparison():
    assert usd("1.5") == usd("1.50") and hash(usd("1.5")) == hash(usd("1.50"))
    assert usd("0") != Money(D(0), "EUR")  # equal amounts in two currencies are not equal money
    assert usd("1") < usd("2") <= usd("2") and usd("3") > usd("2") >= usd("2")
    assert sorted([usd("3"), usd("1"), usd("2")]) == [usd("1"), usd("2"), usd("3")]
    assert max([usd("3"), usd("10")]) == usd("10")
    assert usd("1") != 1


def test_floats_and_unknown_currencies_never_become_money():
    with pytest.raises(TypeError):
        Money(1.1, "USD")
    with pytest.raises(TypeError):
        usd("1") * 1.1
    with pytest.raises(TypeError):
        usd("1") * usd("2")
    with pytest.raises(TypeError):
        Money("12", "USD")
    with pytest.raises(ValueError):
        Money(D("NaN"), "USD")
    with pytest.raises(ValueError):
        Money(D(1), "ABC")
    assert Money(D(1), "usd").currency == "USD"


def test_sum_of_a_list():
    assert money_sum([usd("1.10"), usd("2.20"), usd("3.30")]) == usd("6.60")
    assert sum([usd("1"), usd("2")]) == usd("3")  # Python's own sum works too
    assert money_sum([], currency="EUR") == Money.zero("EUR")
    with pytest.raises(ValueError):
        money_sum([])
    with pytest.raises(CurrencyMismatch):
        money_sum([usd("1")], currency="EUR")


# --- formatting ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("money", "en", "zh"),
    [
        (usd("1234.5"), "$1,234.50", "US$1,234.50"),
        (Money(D("1234.5"), "JPY"), "¥1,235", "JP¥1,235"),
        (Money(D("1234.5"), "CNY"), "CN¥1,234.50", "¥1,234.50"),
        (Money(D("-1234.5"), "EUR"), "-€1,234.50", "-€1,234.50"),
        (Money(D("1.2345"), "KWD"), "KWD1.235", "KWD1.235"),
        (usd("0.125"), "$0.13", "US$0.13"),
    ],
)
def test_formatting_per_language(money, en, zh):
    assert money_format(money, "en") == en
    assert money_format(money, "zh-hans") == zh
    with translation.override("zh-hans"):
        assert money_format(money) == zh


def test_unit_prices_keep_their_digits_and_documents_can_use_codes():
    assert money_format(usd("0.0125"), "en", places=4) == "$0.0125"
    assert money_format(usd("2.5"), "en", places=4) == "$2.50"
    assert money_format(usd("0.01256"), "en", places=4) == "$0.0126"
    assert money_format(usd("1234.5"), "en", code=True) == "USD\u00a01,234.50"
    assert money_format(Money(D("1234.5"), "JPY"), "zh-hans", code=True) == "JPY\u00a01,235"


@pytest.mark.parametrize("locale", ["en", "zh_Hans"])
@pytest.mark.parametrize("currency", ["USD", "EUR", "JPY", "KWD", "CNY"])
def test_a_formatter_for_many_amounts_writes_what_babel_writes(locale, currency):
    """money_formatter() looks the pattern up once; the text is CLDR's (Babel) for every amount."""
    from babel.numbers import format_currency

    minor = currency_minor_units(currency)
    quantum = D(1).scaleb(-minor)
    amounts = [D("0"), D("0.005"), D("-1234.5"), D("12.3456"), D("0.0125"), D("999999999.9999"), D(7)]
    for amount in amounts:
        rounded = amount.quantize(quantum, rounding="ROUND_HALF_UP")
        assert money_formatter(currency, locale)(amount) == format_currency(rounded, currency, locale=locale)
        coded = format_currency(rounded, currency, "¤¤\u00a0#,##0.00;-¤¤\u00a0#,##0.00", locale=locale)
        assert money_formatter(currency, locale, code=True)(amount) == coded
    price = money_formatter(currency, locale, places=4)  # a unit price keeps its digits
    assert price(D("0.01250")) == format_currency(
        D("0.0125"), currency, locale=locale, decimal_quantization=False
    )
    with pytest.raises(ValueError):
        money_formatter("XAU", locale)


def test_template_filter():
    template = Template("{% load tw %}{{ a|money:c }} · {{ c|currency_name }}")
    assert template.render(Context({"a": D("9.5"), "c": "EUR"})) == "€9.50 · Euro"
    with translation.override("zh-hans"):
        assert template.render(Context({"a": D("9.5"), "c": "EUR"})) == "€9.50 · 欧元"


# --- parsing ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("US$1,234.50", {}, usd("1234.50")),
        ("1234.5 EUR", {}, Money(D("1234.5"), "EUR")),
        ("¥ 8,000", {}, Money(D(8000), "CNY")),
        ("１２３．４５", {"currency": "USD"}, usd("123.45")),
        ("￥１，２３４．５", {}, Money(D("1234.5"), "CNY")),
        ("12.5 美元", {}, usd("12.5")),
        ("-US$12.50", {"allow_negative": True}, usd("-12.50")),
        ("−5 USD", {"allow_negative": True}, usd("-5")),
        ("0.0125", {"currency": "USD", "places": 4}, usd("0.0125")),
        ("12.500", {"currency": "USD"}, usd("12.5")),
        ("1,000", {"currency": "jpy"}, Money(D(1000), "JPY")),
        ("usd 99", {"currency": "USD"}, usd("99")),
    ],
)
def test_parsing_what_people_type(text, options, expected):
    assert money_parse(text, **options) == expected


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("", {"currency": "USD"}, "Enter an amount."),
        ("abc", {"currency": "USD"}, "“abc” is not an amount. Write it like 1,234.50."),
        ("1.234,50", {"currency": "EUR"}, "“1.234,50” is not an amount. Write it like 1,234.50."),
        ("1e5", {"currency": "USD"}, "“1e5” is not an amount. Write it like 1,234.50."),
        ("(12.50)", {"currency": "USD"}, "“(12.50)” is not an amount. Write it like 1,234.50."),
        ("12", {}, "Say which currency, e.g. USD 1,200.00."),
        ("12 XYZ", {}, "“XYZ” is not a currency we know; use its three-letter code, e.g. USD or EUR."),
        ("12.50 USD", {"currency": "EUR"}, "This amount is in USD, but the currency is EUR."),
        ("US$12 USD", {}, "“US$12 USD” names a currency twice; write it once, e.g. USD 1,200.00."),
        ("12.5", {"currency": "JPY"}, "JPY amounts have no decimals."),
        ("12.345", {"currency": "USD"}, "USD amounts have at most 2 decimal places."),
        ("0.01234", {"currency": "USD", "places": 6}, "USD amounts have at most 4 decimal places."),
        ("-3", {"currency": "USD"}, "The amount cannot be negative."),
        ("100000000000000", {"currency": "USD"}, "That amount is too large."),
        ("12", {"currency": "ABC"}, "“ABC” is not a currency code we know."),
    ],
)
def test_parsing_errors_say_what_to_write(text, options, message):
    with pytest.raises(ValidationFailed) as err:
        money_parse(text, field="price", **options)
    assert str(err.value.message) == message
    assert err.value.field == "price" and err.value.status == 422


def test_parsing_errors_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as err:
        money_parse("12.5", currency="JPY")
    assert str(err.value.message) == "JPY 金额没有小数。"
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as err:
        money_parse("1.234,50", currency="EUR")
    assert str(err.value.message) == "“1.234,50”不是有效的金额，请按 1,234.50 的格式填写。"


# --- storing ------------------------------------------------------------------------------------------------
@pytest.fixture
def price_line():
    """A model with two amounts, in an app registry of its own (no table, no migration)."""
    with isolate_apps("tradewind.core"):

        class PriceLine(models.Model):
            price_amount, price_currency = money_fields("unit price")
            price = MoneyAttribute("price")
            deposit_amount, deposit_currency = money_fields("deposit", null=True)
            deposit = MoneyAttribute("deposit")

            class Meta:
                app_label = "core"

            def __str__(self):
                return str(self.price)

        yield PriceLine


def test_model_fields_store_four_places_and_a_currency_code(price_line):
    amount = price_line._meta.get_field("price_amount")
    currency = price_line._meta.get_field("price_currency")
    assert (amount.max_digits, amount.decimal_places) == (18, AMOUNT_PLACES)
    assert currency.max_length == 3 and validate_currency in currency.validators
    assert price_line._meta.get_field("deposit_amount").null


def test_model_attribute_reads_and_writes_money(price_line):
    line = price_line()
    line.price = usd("0.012345")
    assert (line.price_amount, line.price_currency) == (D("0.0123"), "USD")
    assert line.price == usd("0.0123")
    line.deposit = None
    assert line.deposit is None and line.deposit_currency == ""
    with pytest.raises(TypeError):
        line.price = D("1.5")
    assert isinstance(price_line.price, MoneyAttribute)


def test_currency_validator():
    validate_currency("EUR")
    validate_currency("")
    with pytest.raises(ValidationError):
        validate_currency("XAU")
