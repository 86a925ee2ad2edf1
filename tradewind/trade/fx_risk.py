"""FX risk: an open quotation or an unpaid order whose currency moved against the reporting currency by
more than the workspace's threshold since its date shows a warning, with its margin at today's rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from tradewind.trade.choices import OPEN_QUOTATION, OrderStatus
from tradewind.trade.figures import Margins, document_margins
from tradewind.trade.services.common import trade_settings


@dataclass
class FxRisk:
    rate_then: Decimal
    rate_now: Decimal
    rate_now_on: dt.date
    change_percent: Decimal  # negative: the currency lost value against the reporting currency
    margins_now: Margins


def _at_risk(document) -> bool:
    if hasattr(document, "valid_until"):
        return document.status in OPEN_QUOTATION
    return document.status in (OrderStatus.PROFORMA, OrderStatus.CONFIRMED) and not _paid(document)


def _paid(order) -> bool:
    payments = list(order.payments.all())
    return bool(payments) and all(p.received >= p.amount for p in payments)


def fx_risk(document, *, today: dt.date | None = None) -> FxRisk | None:
    """The warning for `document`, or None (not open, the reporting currency, no rate today, or a move
    within the threshold)."""
    from tradewind.fx.rates import RateMissing, rate_lookup

    if document.currency == document.workspace.currency or not _at_risk(document):
        return None
    today = today or timezone.localdate()
    try:
        now = rate_lookup(document.workspace, document.currency, today)
    except RateMissing:
        return None
    change = ((now.rate - document.rate) / document.rate * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if abs(change) <= trade_settings(document.workspace).fx_risk_percent:
        return None
    # The same lines at today's rate: what the margin would be if the money came in today.
    original = document.rate
    try:
        document.rate = now.rate
        margins = document_margins(document, list(document.lines.all()))
    finally:
        document.rate = original
    return FxRisk(original, now.rate, now.on, change, margins)
