"""The catalog under /api/v1/workspaces/{slug}/: products, photos, categories (products.py), price lists,
their prices and customers, and the price a customer is quoted (price_lists.py)."""

from tradewind.catalog.api import price_lists, products  # noqa: F401 - their endpoints join the router
from tradewind.catalog.api.router import router

__all__ = ["router"]
