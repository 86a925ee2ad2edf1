"""The line table of a quotation's or a PI's page: each cell's text made once, in Python.

A document of 50 lines shows some 200 amounts, quantities and labels; as a template filter per cell they
were most of the page's time (bench/README.md, "Sales"). Here each column has one money formatter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from tradewind.core.geo import babel_locale
from tradewind.core.money import money_formatter
from tradewind.trade.templatetags.trade import percent, quantity


@dataclass(frozen=True, slots=True)
class LineRow:
    number: int
    product_url: str  # "" for a line without a catalog product
    sku: str
    name: str
    list_price: str  # "list price €12.50" when the line's price is not the list's, else ""
    quantity: str  # "1,000 pieces"
    unit_price: str
    discount: str  # "" without a discount
    amount: str
    margin: str | None  # "18.5%"; None when the line has no cost (shown to those who see margins)


def lines_with_product_ids(lines):
    """`lines` (a queryset) with each product's public id (`product_public_id`) for the link: the
    product itself is not loaded."""
    return lines.annotate(product_public_id=F("product__public_id"))


def document_lines(document) -> list:
    return list(lines_with_product_ids(document.lines.all()))


def line_rows(document, lines, *, products_url: str) -> list[LineRow]:
    """The table's rows for `lines` (from document_lines(); with `line.margin` set when margins are shown)."""
    locale = babel_locale()
    price = money_formatter(document.currency, locale, places=4)
    amount = money_formatter(document.currency, locale)
    return [
        LineRow(
            number=number,
            product_url=f"{products_url}{line.product_public_id}/" if line.product_public_id else "",
            sku=line.sku,
            name=line.name,
            list_price=_list_price(line, price),
            quantity=f"{quantity(line.quantity)} {line.get_unit_display()}",
            unit_price=price(line.unit_price),
            discount=percent(line.discount_percent) if line.discount_percent else "",
            amount=amount(line.total),
            margin=_margin(line),
        )
        for number, line in enumerate(lines, start=1)
    ]


def _list_price(line, price) -> str:
    if line.list_price is None or line.list_price == line.unit_price:
        return ""
    return _("list price %(price)s") % {"price": price(line.list_price)}


def _margin(line) -> str | None:
    margin = getattr(line, "margin", None)
    if margin is None or margin.percent is None:
        return None
    return percent(margin.percent)
