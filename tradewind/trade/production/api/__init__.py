"""Production and QC under /api/v1/: suppliers (suppliers.py), an order's production with its progress
updates and photos (production.py), QC inspections with their result, report, photos and risk acceptance
(inspections.py)."""

from tradewind.trade.production.api import inspections, production, suppliers  # noqa: F401 - their endpoints join the router
from tradewind.trade.production.api.router import router

__all__ = ["router"]
