"""Showing rates: without trailing zeros, in the reader's conventions, and the other way round."""

from decimal import Context, Decimal

from django import template
from django.utils.formats import number_format

from tradewind.core.money import currency_name as _currency_name

register = template.Library()

INVERSE_DIGITS = 6


@register.filter
def fx_rate(rate: Decimal | None) -> str:
    """1.0512000000 -> "1.0512"; 7 -> "7"."""
    if rate is None:
        return ""
    return number_format(rate.normalize())


@register.filter
def fx_inverse(rate: Decimal | None) -> str:
    """How much of the currency one unit of the reporting currency buys, to six significant digits."""
    if not rate:
        return ""
    return number_format(Context(prec=INVERSE_DIGITS).divide(Decimal(1), rate).normalize())


@register.filter
def currency_name(code: str) -> str:
    """ "EUR" -> "Euro" (欧元 for a Chinese reader)."""
    return _currency_name(code)
