"""Receivables under /api/v1/: an order's milestones and receipts, recording and reversing receipts
(receipts.py), the receivables list with ageing and the finance settings (receivables.py)."""

from tradewind.trade.receivables.api import receipts, receivables  # noqa: F401 - their endpoints join the router
from tradewind.trade.receivables.api.router import router

__all__ = ["router"]
