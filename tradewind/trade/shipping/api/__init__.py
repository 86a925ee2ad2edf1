"""Shipping under /api/v1/workspaces/{slug}/: shipments, their statuses, ETA changes and release
(shipments.py), their containers and goods (packing.py); what they read and answer in schemas.py."""

from tradewind.trade.shipping.api import packing, shipments  # noqa: F401 - their endpoints join the router
from tradewind.trade.shipping.api.router import router

__all__ = ["router"]
