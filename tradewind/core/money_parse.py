"""Reading an amount a person typed: "US$1,234.50", "1234.5 EUR", "¥ 8,000", "１２３" (full width).

Every refusal is a ValidationFailed in the reader's language that says what to write instead; nothing is
guessed (a European "1.234,50" is refused, not read as 1.2345).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradewind.core.errors import ValidationFailed
from tradewind.core.money import AMOUNT_MAX_DIGITS, AMOUNT_PLACES, Money, babel_locale, currency_lookup

# [sign] [currency] [sign] number [currency]: "-US$12.50", "US$-12.50", "12.50 USD", "USD12.50".
_AMOUNT = re.compile(
    r"^(?P<sign1>[-+])?\s*(?P<before>[^\d\s.,+-][^\d\s+-]*?)?\s*(?P<sign2>[-+])?\s*"
    r"(?P<number>[.,]?\d[\d.,]*)\s*(?P<after>[^\d\s.,][^\d\s]*)?$"
)
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\uff0d": "-"})


def money_parse(
    text: str,
    *,
    currency: str | None = None,
    language: str | None = None,
    places: int | None = None,
    allow_negative: bool = False,
    field: str = "amount",
) -> Money:
    """Money from what a person typed, in the conventions of `language` (the active one by default).

    The currency comes from the text ("US$", "EUR", "美元") or from `currency` (a form's currency box);
    when both are given they must agree. At most the currency's minor units of decimals (JPY none, USD
    two), or `places` for a unit price (at most four, what is stored).
    """
    raw = (text or "").strip()
    if not raw:
        raise ValidationFailed(_("Enter an amount."), field=field)
    normal = unicodedata.normalize("NFKC", raw).translate(_MINUS)  # full-width digits, "￥", "，"
    normal = normal.replace("\u00a0", " ").replace("\u202f", " ")
    found = _AMOUNT.match(normal)
    if not found or (found["sign1"] and found["sign2"]):
        raise ValidationFailed(_not_an_amount(raw, language), field=field)
    code = _currency(found["before"], found["after"], raw, language, field)
    if currency:
        expected = currency.strip().upper()
        if code and code != expected:
            raise ValidationFailed(
                _("This amount is in %(found)s, but the currency is %(currency)s.")
                % {"found": code, "currency": expected},
                field=field,
            )
        code = expected
    if not code:
        raise ValidationFailed(_("Say which currency, e.g. USD 1,200.00."), field=field)
    try:
        amount = parse_decimal(found["number"], locale=babel_locale(language), strict=True)
    except NumberFormatError:
        raise ValidationFailed(_not_an_amount(raw, language), field=field) from None
    if (found["sign1"] or found["sign2"]) == "-":
        amount = -amount
    try:
        money = Money(amount, code)
    except ValueError:
        raise ValidationFailed(
            _("“%(code)s” is not a currency code we know.") % {"code": code}, field=field
        ) from None
    allowed = money.minor_units if places is None else min(places, AMOUNT_PLACES)
    decimals = max(0, -amount.as_tuple().exponent)
    if decimals > allowed and amount != amount.quantize(Decimal(1).scaleb(-allowed)):
        raise ValidationFailed(_too_many_decimals(code, allowed), field=field)
    if abs(amount).adjusted() >= AMOUNT_MAX_DIGITS - AMOUNT_PLACES:
        raise ValidationFailed(_("That amount is too large."), field=field)
    if amount < 0 and not allow_negative:
        raise ValidationFailed(_("The amount cannot be negative."), field=field)
    return money


def _currency(before: str | None, after: str | None, raw: str, language, field: str) -> str | None:
    if before and after:
        if currency_lookup(before) and currency_lookup(after):
            raise ValidationFailed(
                _("“%(value)s” names a currency twice; write it once, e.g. USD 1,200.00.") % {"value": raw},
                field=field,
            )
        raise ValidationFailed(_not_an_amount(raw, language), field=field)  # "(12.50)", "~12.50~"
    written = (before or after or "").strip()
    if not written:
        return None
    code = currency_lookup(written)
    if code is None:
        raise ValidationFailed(
            _("“%(currency)s” is not a currency we know; use its three-letter code, e.g. USD or EUR.")
            % {"currency": written},
            field=field,
        )
    return code


def _not_an_amount(raw: str, language: str | None) -> str:
    example = format_decimal(Decimal("1234.5"), format="#,##0.00", locale=babel_locale(language))
    return _("“%(value)s” is not an amount. Write it like %(example)s.") % {"value": raw, "example": example}


def _too_many_decimals(code: str, allowed: int) -> str:
    if allowed == 0:
        return _("%(currency)s amounts have no decimals.") % {"currency": code}
    return ngettext(
        "%(currency)s amounts have at most %(places)d decimal place.",
        "%(currency)s amounts have at most %(places)d decimal places.",
        allowed,
    ) % {"currency": code, "places": allowed}
