"""The catalog under /api/v1/workspaces/{slug}/: products, photos, categories (products.py), price lists,
their prices and customers, and the price a customer is quoted (price_lists.py), imports and exports of
both as spreadsheets (spreadsheets.py)."""

from tradewind.catalog.api import price_lists, products, spreadsheets  # noqa: F401 - their endpoints join the router
from tradewind.catalog.api.router import router

__all__ = ["router"]
