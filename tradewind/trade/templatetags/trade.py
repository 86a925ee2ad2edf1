"""Template filters of sales documents: quantities, percentages, amounts of a document's currency; the
status chip."""

from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal
from django import template
from django.utils.html import format_html

from tradewind.core.geo import babel_locale
from tradewind.core.money import Money, money_format
from tradewind.trade.payment_terms import milestone_text

register = template.Library()


@register.filter
def quantity(value) -> str:
    """1000.000 -> "1,000"; 2.500 -> "2.5", in the reader's conventions."""
    if value in (None, ""):
        return ""
    return _quantity_text(str(Decimal(value).normalize()), babel_locale(None))


# Quantities repeat (500 sets, 1,000 pieces): a document's table formats the same few again and again.
@lru_cache(maxsize=4096)
def _quantity_text(number: str, locale: str) -> str:
    return format_decimal(Decimal(number), locale=locale, decimal_quantization=False)


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


@register.simple_tag
def status(document):
    """A quotation's or order's status as a chip: a tag, not an {% include %}, for a list's fifty rows."""
    return format_html(
        '<span class="status status-{}" data-testid="status">{}</span>',
        document.status,
        document.get_status_display(),
    )


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
