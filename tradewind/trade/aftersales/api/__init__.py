"""After-sales under /api/v1/workspaces/{slug}/after-sales/: cases with their status, resolution and photos
(cases.py), credit notes (credits.py), the rules (settings.py); what they read in schemas.py, what they
answer in answers.py."""

from tradewind.trade.aftersales.api import cases, credits, settings  # noqa: F401 - their endpoints join the router
from tradewind.trade.aftersales.api.router import router

__all__ = ["router"]
