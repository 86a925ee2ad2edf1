"""A receipt's fields as people type them and API clients send them, checked: every problem at once, each
naming its field, and nothing written (receipts.py writes once these pass)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.money import Money, currency_codes, currency_minor_units
from tradewind.core.numbers import decimal_number
from tradewind.trade.receivables.selectors import workspace_today

FIELDS = ("received_on", "amount", "currency", "rate", "bank_charges", "reference", "payer", "note")
TEXT_LIMITS = {"reference": 100, "payer": 200, "note": 2000}
AMOUNT_MAX = Decimal("99999999999999")  # what the columns hold before the four decimals
RATE_BOUNDS = (Decimal("0.0000000001"), Decimal("9999999999"))
RATE_PLACES = 10


@dataclass(frozen=True)
class ReceiptInput:
    received_on: dt.date
    amount: Decimal
    currency: str
    rate: Decimal | None  # None: paid in the order's currency
    amount_in_order: Decimal
    bank_charges: Decimal
    reference: str
    payer: str
    note: str


def plain(value):
    """A number without its trailing zeros (12.5000 -> 12.5, 3750.00 -> 3750), so that a stored amount
    read back with four places is not refused for its decimals; anything else as it came."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return value
    if not number.is_finite():
        return value
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()


def _day(value, order, errors) -> dt.date | None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        errors.append(ValidationFailed(_("Give the date the money arrived."), field="received_on"))
        return None
    if value > workspace_today(order.workspace):
        errors.append(ValidationFailed(_("A receipt cannot be in the future."), field="received_on"))
    elif value < order.issued_on:
        errors.append(
            ValidationFailed(
                _("The buyer cannot have paid before the PI's date (%(day)s).") % {"day": order.issued_on},
                field="received_on",
            )
        )
    return value


def _currency(value, errors) -> str | None:
    code = (value or "").strip().upper() if isinstance(value, str) else ""
    if code not in currency_codes():
        errors.append(ValidationFailed(_("Choose the currency the buyer paid in."), field="currency"))
        return None
    return code


def _positive(value, field: str, places: int, message, errors) -> Decimal | None:
    number = decimal_number(plain(value), field, (Decimal(0), AMOUNT_MAX), places, message, errors)
    if number is None and not any(e.field == field for e in errors):
        errors.append(ValidationFailed(message, field=field))
    elif number is not None and number <= 0:
        errors.append(ValidationFailed(message, field=field))
        return None
    return number


def _rate(value, order, currency: str | None, errors) -> Decimal | None:
    if currency is None:
        return None
    if currency == order.currency:
        given = value not in (None, "")
        if given and not (_is_number(value) and Decimal(str(value)) == 1):
            errors.append(
                ValidationFailed(
                    _("The buyer paid in the order's currency (%(currency)s): leave the rate empty.")
                    % {"currency": currency},
                    field="rate",
                )
            )
        return None
    message = _("Paid in %(paid)s for an order in %(order)s: give the rate (%(order)s for 1 %(paid)s).") % {
        "paid": currency,
        "order": order.currency,
    }
    rate = decimal_number(plain(value), "rate", RATE_BOUNDS, RATE_PLACES, message, errors)
    if rate is None and not any(e.field == "rate" for e in errors):
        errors.append(ValidationFailed(message, field="rate"))
    return rate


def _is_number(value) -> bool:
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return Decimal(str(value)).is_finite()


def _text(fields: dict, name: str, errors) -> str:
    value = fields.get(name) or ""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > TEXT_LIMITS[name]:
        errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": TEXT_LIMITS[name]}, field=name))
    return text


def receipt_input_clean(order, fields: dict) -> ReceiptInput:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown receipt fields: {sorted(unknown)}")
    errors: list[ApplicationError] = []
    received_on = _day(fields.get("received_on"), order, errors)
    currency = _currency(fields.get("currency"), errors)
    places = currency_minor_units(currency) if currency else 4
    amount = _positive(
        fields.get("amount"), "amount", places,
        _("Give the amount received, above 0 with at most %(n)d decimals.") % {"n": places}, errors,
    )  # fmt: skip
    charges = decimal_number(
        plain(fields.get("bank_charges")), "bank_charges", (Decimal(0), AMOUNT_MAX), places,
        _("Bank charges: 0 or more, with at most %(n)d decimals.") % {"n": places}, errors,
    ) or Decimal(0)  # fmt: skip
    if amount is not None and charges >= amount:
        errors.append(
            ValidationFailed(_("The bank charges must be less than the amount paid."), field="bank_charges")
        )
    rate = _rate(fields.get("rate"), order, currency, errors)
    texts = {name: _text(fields, name, errors) for name in TEXT_LIMITS}
    in_order = None
    if amount is not None and currency is not None and not any(e.field == "rate" for e in errors):
        in_order = Money(amount * (rate or 1), order.currency).rounded().amount
        if in_order <= 0:
            errors.append(
                ValidationFailed(
                    _("At this rate the receipt is worth nothing in %(currency)s.")
                    % {"currency": order.currency},
                    field="rate",
                )
            )
        elif in_order > AMOUNT_MAX:
            errors.append(ValidationFailed(_("That amount is too large."), field="amount"))
    if errors:
        raise ValidationFailed.all_of(errors)
    return ReceiptInput(
        received_on=received_on, amount=amount, currency=currency, rate=rate, amount_in_order=in_order,
        bank_charges=charges, **texts,
    )  # fmt: skip
