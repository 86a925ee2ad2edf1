"""Sales under /api/v1/workspaces/{slug}/: quotations (quotations.py), proforma invoices and orders
(orders.py), the sales settings (sales_settings.py); what they read in schemas.py, what
they answer in answers.py, what quotations and orders share in documents.py."""

from tradewind.trade.api import orders, quotations, sales_settings  # noqa: F401 - their endpoints join the router
from tradewind.trade.api.router import router

__all__ = ["router"]
