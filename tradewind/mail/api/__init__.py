"""Mail under /api/v1/workspaces/{slug}/mail/: mailboxes — tested, connected, paused, resumed, removed,
their state — and the e-mails with a customer and a thread's messages. Passwords are write-only. The same
services and permissions as the pages."""

from tradewind.mail.api import mailboxes, messages, outgoing  # noqa: F401 - endpoints join the router
from tradewind.mail.api.router import router

__all__ = ["router"]
