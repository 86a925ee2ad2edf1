"""Money (DESIGN §3.7): a Decimal amount in an ISO 4217 currency, never a float.

Amounts in different currencies are never added or compared: a report converts them first, with the rate
it says it used. Rounding and formatting follow each currency's minor units as CLDR gives them (Babel):
JPY has none, USD two, KWD three. Amounts are kept exact (a unit price may be USD 0.0125) until a total is
rounded with `Money.rounded()`; models store four decimal places (`money_fields`).

Reading amounts that people type is in money_parse.py; the currency list, names and symbols here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache

import pycountry
from babel.numbers import get_currency_precision, list_currencies, parse_pattern
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.errors import ValidationFailed
from tradewind.core.geo import _locale, babel_locale

# Stored amounts: up to 99,999,999,999,999.9999 — four places hold unit prices finer than a cent.
AMOUNT_MAX_DIGITS = 18
AMOUNT_PLACES = 4
AMOUNT_QUANTUM = Decimal(1).scaleb(-AMOUNT_PLACES)

# ISO 4217 codes that are no money a buyer pays in: precious metals, fund and accounting units, tests.
NOT_FOR_TRADE = frozenset({
    "XAU", "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX", "XAD",
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",
})  # fmt: skip


class CurrencyMismatch(ValidationFailed):
    """Amounts in two currencies met in one sum or comparison: convert one of them first."""

    code = "currency_mismatch"

    def __init__(self, first: str, second: str):
        super().__init__(
            _("Amounts in %(first)s and %(second)s cannot be added or compared; convert one of them first.")
            % {"first": first, "second": second},
            field="currency",
        )
        self.currencies = (first, second)


# --- currencies ---------------------------------------------------------------------------------------
@cache
def currency_codes() -> frozenset[str]:
    """The currencies one can price, invoice or be paid in: ISO 4217 codes in current use (pycountry)
    that CLDR knows, without metals, fund units and test codes."""
    return (frozenset(c.alpha_3 for c in pycountry.currencies) & frozenset(list_currencies())) - NOT_FOR_TRADE


def currency_minor_units(code: str) -> int:
    """Decimal places of the currency (CLDR): JPY 0, USD 2, KWD 3."""
    return get_currency_precision(code)


def currency_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(babel_locale(language)).currencies.get(code.upper(), code)


def currency_choices(language: str | None = None) -> tuple[tuple[str, str], ...]:
    """("USD", "USD — US Dollar") … sorted by code, named in the reader's language."""
    return _currency_choices(babel_locale(language))


@cache
def _currency_choices(locale: str) -> tuple[tuple[str, str], ...]:
    names = _locale(locale).currencies
    return tuple(sorted((c, f"{c} — {names.get(c, c)}") for c in currency_codes()))


# How people write a currency next to an amount or in a spreadsheet column. "¥" is the yuan here: our
# users are Chinese teams (a yen amount is written JPY or 日元).
_CURRENCY_ALIASES = {
    "$": "USD", "us$": "USD", "usd$": "USD", "u.s.$": "USD", "美元": "USD", "美金": "USD",
    "€": "EUR", "eur€": "EUR", "欧元": "EUR",
    "¥": "CNY", "rmb": "CNY", "rmb¥": "CNY", "cn¥": "CNY", "人民币": "CNY", "元": "CNY",
    "£": "GBP", "英镑": "GBP", "jp¥": "JPY", "日元": "JPY", "hk$": "HKD", "港币": "HKD", "港元": "HKD",
    "a$": "AUD", "澳元": "AUD", "c$": "CAD", "ca$": "CAD", "加元": "CAD", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "卢布": "RUB", "₺": "TRY", "r$": "BRL", "chf": "CHF", "瑞士法郎": "CHF", "s$": "SGD",
    "新加坡元": "SGD", "nt$": "TWD", "新台币": "TWD", "₫": "VND", "฿": "THB", "泰铢": "THB",
    "د.إ": "AED", "迪拉姆": "AED",
}  # fmt: skip


def currency_lookup(text: str) -> str | None:
    """The currency code for "usd", "US$", "€", "美元" …; None when the text names no currency we know."""
    import unicodedata

    key = unicodedata.normalize("NFKC", text or "").strip().casefold()  # "￥" -> "¥", "ＵＳＤ" -> "usd"
    if not key:
        return None
    if key.upper() in currency_codes():
        return key.upper()
    return _CURRENCY_ALIASES.get(key)


def validate_currency(value: str) -> None:
    """A model/form validator: the value is a currency of `currency_codes()`."""
    if value and value not in currency_codes():
        raise ValidationError(
            gettext_lazy("Use a three-letter currency code, e.g. USD, EUR."), code="currency"
        )


# --- the value ----------------------------------------------------------------------------------------
def _as_decimal(value) -> Decimal:
    if isinstance(value, (bool, float)):
        # 0.1 + 0.2 is not 0.3 in binary floating point; money must not pass through a float.
        raise TypeError("Money takes a Decimal or an int, never a float or a bool.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("A money amount must be a finite number.")
        return value
    raise TypeError(f"Money takes a Decimal or an int, not {type(value).__name__}.")


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@dataclass(frozen=True, slots=True, eq=False)
class Money:
    """An exact amount in one currency. Arithmetic keeps it exact; `rounded()` makes it a payable sum."""

    amount: Decimal
    currency: str

    def __post_init__(self):
        object.__setattr__(self, "amount", _as_decimal(self.amount))
        code = self.currency.upper() if isinstance(self.currency, str) else self.currency
        if code not in currency_codes():
            raise ValueError(f"{self.currency!r} is not a currency code of tradewind.core.money.")
        object.__setattr__(self, "currency", code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @property
    def minor_units(self) -> int:
        return currency_minor_units(self.currency)

    def rounded(self) -> Money:
        """To the currency's minor units, halves away from zero (commercial rounding: 0.125 -> 0.13)."""
        return self.quantized(self.minor_units)

    def quantized(self, places: int) -> Money:
        return Money(self.amount.quantize(_quantum(places), rounding=ROUND_HALF_UP), self.currency)

    @property
    def is_rounded(self) -> bool:
        """True when the amount has no digits beyond the currency's minor units (a payable sum)."""
        return self.amount == self.rounded().amount

    def allocate(self, shares: Iterable[int | Decimal]) -> list[Money]:
        """Split the rounded amount by `shares` (e.g. [30, 70] for a 30 % deposit and the balance) into
        rounded parts that add up to it exactly; leftover minor units go to the largest remainders."""
        weights = [_as_decimal(s) for s in shares]
        if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
            raise ValueError("allocate() needs non-negative shares that are not all zero.")
        total = self.rounded().amount
        unit = _quantum(self.minor_units)
        whole = sum(weights)
        exact = [total * w / whole for w in weights]
        parts = [e.quantize(unit, rounding=ROUND_DOWN) for e in exact]
        left = int((total - sum(parts)) / unit)  # minor units still to hand out (negative for refunds)
        step = unit if left >= 0 else -unit
        by_remainder = sorted(range(len(parts)), key=lambda i: abs(exact[i] - parts[i]), reverse=True)
        for i in by_remainder[: abs(left)]:
            parts[i] += step
        return [Money(p, self.currency) for p in parts]

    # Arithmetic: only with the same currency; multiplying and dividing by plain numbers.
    def _same(self, other) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(self.currency, other.currency)
        return other

    def __add__(self, other):
        other = self._same(other)
        if other is NotImplemented:
            return other
        return Money(self.amount + other.amount, self.currency)

    def __radd__(self, other):
        if other == 0 and not isinstance(other, Money):  # sum() starts from 0
            return self
        return self.__add__(other)

    def __sub__(self, other):
        other = self._same(other)
        if other is NotImplemented:
            return other
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor):
        if isinstance(factor, Money):
            raise TypeError("Money times money has no meaning; multiply by a quantity or a rate.")
        return Money(self.amount * _as_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor):
        """Money / number -> Money (exact to 28 digits, not rounded); Money / Money -> a Decimal ratio."""
        if isinstance(divisor, Money):
            return self.amount / self._same(divisor).amount
        return Money(self.amount / _as_decimal(divisor), self.currency)

    def __neg__(self):
        return Money(-self.amount, self.currency)

    def __pos__(self):
        return self

    def __abs__(self):
        return Money(abs(self.amount), self.currency)

    def __bool__(self):
        return bool(self.amount)

    # Equal: the same currency and value (USD 1.5 == USD 1.50; USD 0 != EUR 0). Ordering across
    # currencies is refused rather than answered wrongly.
    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self):
        return hash((self.currency, self.amount))

    def __lt__(self, other):
        other = self._same(other)
        return other if other is NotImplemented else self.amount < other.amount

    def __le__(self, other):
        other = self._same(other)
        return other if other is NotImplemented else self.amount <= other.amount

    def __gt__(self, other):
        other = self._same(other)
        return other if other is NotImplemented else self.amount > other.amount

    def __ge__(self, other):
        other = self._same(other)
        return other if other is NotImplemented else self.amount >= other.amount

    def __str__(self):  # for logs and exports: "USD 1234.50"; people see money_format()
        return f"{self.currency} {self.amount}"

    def __repr__(self):
        return f"Money({str(self.amount)!r}, {self.currency!r})"


def money_sum(amounts: Iterable[Money], *, currency: str | None = None) -> Money:
    """The sum of amounts in one currency; with `currency`, an empty list is zero of it. Amounts in
    another currency raise CurrencyMismatch."""
    total = Money.zero(currency) if currency else None
    for amount in amounts:
        total = amount if total is None else total + amount
    if total is None:
        raise ValueError("money_sum() of no amounts needs a currency.")
    return total


# --- showing it -----------------------------------------------------------------------------------------
def money_format(
    money: Money, language: str | None = None, *, places: int | None = None, code: bool = False
) -> str:
    """Money in the reader's conventions: "$1,234.50" (en), "US$1,234.50" (zh-hans), "JP¥1,235".

    Rounded to the currency's minor units, or for a unit price to at most `places` decimals (USD 0.0125
    shows as $0.0125, USD 2.5 as $2.50). `code=True` writes the ISO code ("USD 1,234.50"), as documents
    for buyers abroad do.
    """
    return money_formatter(money.currency, babel_locale(language), places=places, code=code)(money.amount)


# The ISO code before the amount; the digits are the currency's.
_CODE_PATTERN = "¤¤\u00a0#,##0.00;-¤¤\u00a0#,##0.00"


@cache
def money_formatter(
    currency: str, locale: str, *, places: int | None = None, code: bool = False
) -> Callable[[Decimal], str]:
    """money_format() for amounts of one currency in one CLDR locale (`babel_locale()`): the locale, its
    pattern and the currency's digits are looked up once, not for each of a table's hundred amounts."""
    if currency not in currency_codes():
        raise ValueError(f"{currency!r} is not a currency code of tradewind.core.money.")
    babel = _locale(locale)
    pattern = parse_pattern(_CODE_PATTERN) if code else babel.currency_formats["standard"]
    minor = currency_minor_units(currency)

    def format_amount(amount: Decimal) -> str:
        shown, rounded = _shown(_as_decimal(amount), minor, places)
        return pattern.apply(shown, babel, currency=currency, decimal_quantization=rounded)

    return format_amount


def _shown(amount: Decimal, minor: int, places: int | None) -> tuple[Decimal, bool]:
    """The amount to write, and whether the pattern rounds it to the currency's digits: a unit price keeps
    its own digits (at most `places`, at least the currency's), trailing zeros beyond those dropped."""
    if places is None or places <= minor:
        return amount.quantize(_quantum(minor), rounding=ROUND_HALF_UP), True
    amount = amount.quantize(_quantum(places), rounding=ROUND_HALF_UP).normalize()
    if -amount.as_tuple().exponent < minor:
        amount = amount.quantize(_quantum(minor))
    return amount, False


# --- storing it -------------------------------------------------------------------------------------------
def money_fields(verbose_name, *, null: bool = False, **amount_options):
    """The pair of model fields for an amount: `price_amount, price_currency = money_fields(_("price"))`,
    with `price = MoneyAttribute("price")` beside them to read and write both as a Money."""
    amount = models.DecimalField(
        verbose_name,
        max_digits=AMOUNT_MAX_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=null,
        blank=null,
        **amount_options,
    )
    currency = models.CharField(
        gettext_lazy("currency"), max_length=3, blank=null, validators=[validate_currency]
    )
    return amount, currency


class MoneyAttribute:
    """`<name>` on a model as a Money over its `<name>_amount` and `<name>_currency` fields. Assigned
    amounts are rounded half up to the four stored places, so what is read back is what was stored."""

    def __init__(self, name: str):
        self.amount_field, self.currency_field = f"{name}_amount", f"{name}_currency"

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        amount = getattr(instance, self.amount_field)
        if amount is None:
            return None
        return Money(amount if isinstance(amount, Decimal) else Decimal(str(amount)),
                     getattr(instance, self.currency_field))  # fmt: skip

    def __set__(self, instance, value: Money | None):
        if value is None:
            setattr(instance, self.amount_field, None)
            setattr(instance, self.currency_field, "")
            return
        if not isinstance(value, Money):
            raise TypeError(f"{self.name} takes a Money (or None), not {type(value).__name__}.")
        setattr(instance, self.amount_field, value.quantized(AMOUNT_PLACES).amount)
        setattr(instance, self.currency_field, value.currency)
