"""The order workflow under /api/v1/workspaces/{slug}/: orders in fulfilment (fulfilment.py) and the
workspace's workflow template and team defaults (template.py)."""

from tradewind.trade.workflow.api import fulfilment, template  # noqa: F401 - their endpoints join the router
from tradewind.trade.workflow.api.router import router

__all__ = ["router"]
