"""Tags for product rows: a page shows fifty, so each is a tag rather than an {% include %}."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradewind.catalog.rules import hs_code_display

register = template.Library()


@register.filter
def hs_code(digits: str) -> str:
    return hs_code_display(digits) if digits else ""


@register.simple_tag
def product_names(product):
    """The name in the reader's language, and the other of English/Chinese beneath it."""
    first = product.name_in(get_language())
    second = product.name_en if first == product.name_zh else product.name_zh
    if second and second != first:
        return format_html('{}<br><small class="muted">{}</small>', first, second)
    return first


@register.simple_tag
def packing_line(product):
    """ "24 pcs / carton · 0.0520 m³ · 12.5 kg" — what a packing summary is made of."""
    parts = []
    if product.units_per_carton:
        parts.append(
            _("%(n)s %(unit)s / carton")
            % {"n": number_format(product.units_per_carton), "unit": product.get_unit_display()}
        )
    cbm = product.cbm_per_carton
    if cbm is not None:
        parts.append(f"{number_format(cbm, 4)} m³")
    if product.carton_gross_kg is not None:
        parts.append(f"{number_format(product.carton_gross_kg.normalize())} kg")
    return " · ".join(parts) or "—"
