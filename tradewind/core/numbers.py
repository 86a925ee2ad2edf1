"""Numbers typed by people or sent by API clients, checked the same way everywhere: each problem is added to
the caller's list of errors (so a form says all of them at once) and the value answered is None."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed


def whole_number(value, field: str, low: int, high: int, message, errors: list) -> int | None:
    """An int from an int, a digit string or an integral Decimal within [low, high]; empty is None."""
    if value is None or value == "":
        return None
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdecimal():  # not isdigit(): int("²") raises
        number = int(value.strip())
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    if number is None or not low <= number <= high:
        errors.append(ValidationFailed(message, field=field))
        return None
    return number


def decimal_number(
    value, field: str, bounds: tuple[Decimal, Decimal], places: int, message, errors: list
) -> Decimal | None:
    """A Decimal within `bounds` with at most `places` decimals; empty is None. Floats arrive as their
    shortest text (0.1, not 0.1000000000000000055…)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        number = None
    low, high = bounds
    if number is None or not number.is_finite() or not low <= number <= high:
        errors.append(ValidationFailed(message, field=field))
        return None
    if -number.as_tuple().exponent > places:
        errors.append(ValidationFailed(_("At most %(n)d decimal places.") % {"n": places}, field=field))
        return None
    return number
