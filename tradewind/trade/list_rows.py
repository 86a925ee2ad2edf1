"""The rows of the quotation and PI lists: each cell's text made once, in Python, as line_table.py does for a
document's lines. Fifty rows of dates, amounts and status chips through template filters and tags took
twice as long (bench/README.md, "Sales"). The columns each list reads are declared here, beside what
reads them: the list's query loads only those (trade/views/common.py, document_list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils import formats

from tradewind.core.geo import babel_locale
from tradewind.core.money import money_formatter
from tradewind.trade.templatetags.trade import status

QUOTATION_COLUMNS = (
    "public_id", "number", "issued_on", "valid_until", "total", "currency", "status",
    "customer__name", "owner__user__full_name", "owner__user__email",
)  # fmt: skip
# The owner's name too: the selector joins it.
ORDER_COLUMNS = (
    "public_id", "number", "issued_on", "delivery_date", "total", "currency", "status",
    "customer__name", "quotation__public_id", "quotation__number", "owner__user__full_name",
    "owner__user__email",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuotationRow:
    url: str
    number: str
    customer: str
    issued_on: str
    valid_until: str
    total: str
    status: str  # the chip's HTML
    owner: str  # "—" without one


@dataclass(frozen=True, slots=True)
class OrderRow:
    url: str
    number: str
    customer: str
    issued_on: str
    delivery_date: str  # "—" without one
    total: str
    status: str
    quotation_url: str  # "" for an order entered directly
    quotation_number: str


def quotation_rows(quotations, *, workspace) -> list[QuotationRow]:
    prefix = reverse("trade:quotations", args=[workspace.slug])
    day, money = _short_date(), _money()
    return [
        QuotationRow(
            url=f"{prefix}{q.public_id}/",
            number=q.number,
            customer=q.customer.name,
            issued_on=day(q.issued_on),
            valid_until=day(q.valid_until),
            total=money(q.total, q.currency),
            status=status(q),
            owner=(q.owner.user.display_name if q.owner_id else "") or "—",
        )
        for q in quotations
    ]


def order_rows(orders, *, workspace) -> list[OrderRow]:
    prefix = reverse("trade:orders", args=[workspace.slug])
    quotations = reverse("trade:quotations", args=[workspace.slug])
    day, money = _short_date(), _money()
    return [
        OrderRow(
            url=f"{prefix}{o.public_id}/",
            number=o.number,
            customer=o.customer.name,
            issued_on=day(o.issued_on),
            delivery_date=day(o.delivery_date) or "—",
            total=money(o.total, o.currency),
            status=status(o),
            quotation_url=f"{quotations}{o.quotation.public_id}/" if o.quotation_id else "",
            quotation_number=o.quotation.number if o.quotation_id else "",
        )
        for o in orders
    ]


def _short_date() -> Callable:
    """A date as SHORT_DATE_FORMAT, each day formatted once: a page's rows share a few dates."""
    return cache(lambda day: formats.date_format(day, "SHORT_DATE_FORMAT") if day else "")


def _money() -> Callable:
    locale = babel_locale()
    return lambda amount, currency: money_formatter(currency, locale)(amount)
