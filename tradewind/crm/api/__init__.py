"""Customers, contacts, timeline, pool actions and the duplicate check under /api/v1/workspaces/{slug}/."""

from tradewind.crm.api import contacts, customers, pool  # noqa: F401 - their endpoints join the router
from tradewind.crm.api.router import router

__all__ = ["router"]
