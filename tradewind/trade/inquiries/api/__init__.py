"""Inquiries under /api/v1/: the workspace's inquiries, their items and attachments (inquiries.py),
competitors and lost reasons (lists.py), and the public intake a website form posts to (intake.py)."""

from tradewind.trade.inquiries.api import inquiries, intake, lists  # noqa: F401 - their endpoints join the router
from tradewind.trade.inquiries.api.router import router

__all__ = ["router"]
