"""Template filters for values that must be formatted per language."""

from django import template

from tradewind.core import geo

register = template.Library()


@register.filter
def country_name(code):
    return geo.country_name(code)


@register.filter
def currency_name(code):
    return geo.currency_name(code)


@register.filter
def money(amount, currency):
    if amount is None or not currency:
        return ""
    return geo.format_money(amount, currency)


@register.filter
def markdown(text):
    from tradewind.core.markdown import markdown_render

    return markdown_render(text)
