"""Template filters for values that must be formatted per language."""

from decimal import Decimal

from django import template

from tradewind.core import geo
from tradewind.core.money import Money, money_format
from tradewind.core.money import currency_name as _currency_name

register = template.Library()


@register.filter
def country_name(code):
    return geo.country_name(code)


@register.filter
def currency_name(code):
    return _currency_name(code)


@register.filter
def money(amount, currency):
    """{{ amount|money:currency }}: rounded to the currency's minor units, in the reader's conventions."""
    if amount is None or not currency:
        return ""
    if not isinstance(amount, int | Decimal):
        amount = Decimal(str(amount))  # a value typed into a template, never a computed float
    return money_format(Money(amount, currency))


@register.filter
def money_of(value: Money | None, places=None):
    """{{ product.cost|money_of:4 }}: a Money in the reader's conventions; `places` for a unit price."""
    if value is None:
        return ""
    return money_format(value, places=int(places) if places not in (None, "") else None)


@register.filter
def unit_price_in(amount, currency: str):
    """{{ price.unit_price|unit_price_in:price_list.currency }}: a stored unit price (up to four decimals)
    in the reader's conventions."""
    if amount is None or not currency:
        return ""
    return money_format(Money(amount, currency), places=4)


@register.filter
def markdown(text):
    from tradewind.core.markdown import markdown_render

    return markdown_render(text)
