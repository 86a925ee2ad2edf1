"""The receivables list as CSV: the rows its filters select, each amount in its order's currency with the
currency's minor units (never added across currencies), written while it streams (core/csv_stream.py)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from tradewind.core.csv_stream import csv_stream
from tradewind.core.money import currency_minor_units
from tradewind.trade.receivables.ageing import BUCKET_FIELDS
from tradewind.trade.receivables.choices import AgeingBucket

CHUNK = 1000


def _amount(value, currency: str) -> str:
    return f"{Decimal(value or 0).quantize(Decimal(1).scaleb(-currency_minor_units(currency))):f}"


def _headers() -> list[str]:
    return [
        _("Order"), _("Customer"), _("Sales rep"), _("Currency"), _("Order total"), _("Open"), _("Overdue"),
        *(str(AgeingBucket(bucket).label) for bucket in BUCKET_FIELDS), _("Oldest due date"),
    ]  # fmt: skip


def _rows(orders) -> Iterator[list[str]]:
    yield _headers()
    for order in orders.iterator(chunk_size=CHUNK):
        currency = order.currency
        yield [
            order.number,
            order.customer.name,
            order.owner.user.display_name if order.owner else "",
            currency,
            _amount(order.total, currency),
            _amount(order.open, currency),
            _amount(order.overdue, currency),
            *(_amount(getattr(order, field), currency) for field in BUCKET_FIELDS.values()),
            order.oldest_due.isoformat() if order.oldest_due else "",
        ]


def receivables_csv(orders) -> Iterator[str]:
    return csv_stream(_rows(orders))
