"""Template filters of sales documents: quantities, percentages, amounts of a document's currency."""

from decimal import Decimal

from babel.numbers import format_decimal
from django import template

from tradewind.core.geo import babel_locale
from tradewind.core.money import Money, money_format
from tradewind.trade.payment_terms import milestone_text

register = template.Library()


@register.filter
def quantity(value) -> str:
    """1000.000 -> "1,000"; 2.500 -> "2.5", in the reader's conventions."""
    if value in (None, ""):
        return ""
    number = Decimal(value).normalize()
    return format_decimal(number, locale=babel_locale(None), decimal_quantization=False)


@register.filter
def percent(value) -> str:
    """15.00 -> "15%", 2.50 -> "2.5%"."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value).normalize():f}%"


@register.filter
def amount_in(value, currency: str) -> str:
    """A stored amount of `currency`, as money in the reader's conventions."""
    if value in (None, "") or not currency:
        return ""
    return money_format(Money(Decimal(value), currency))


@register.filter
def milestone(payment) -> str:
    """An order's payment as its terms print it: "30% T/T in advance (deposit)"."""
    return milestone_text(
        {"percent": payment.percent, "method": payment.method, "event": payment.event, "days": payment.days}
    )


@register.filter
def rate(value) -> str:
    """An exchange rate as recorded, without trailing zeros: 1.08, 0.0067."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value).normalize():f}"
