"""Shipping documents under /api/v1/: the rules and origin table (rules.py), a shipment's documents, the
CI and PL (documents.py), letters of credit (letters.py)."""

from tradewind.trade.shipdocs.api import documents, letters, rules  # noqa: F401 - their endpoints join the router
from tradewind.trade.shipdocs.api.router import router

__all__ = ["router"]
