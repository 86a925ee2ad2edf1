"""The chat under /api/v1/workspaces/{slug}/chat/: conversations — channels, direct messages, customer and
order rooms, who takes part, read markers (conversations.py) — and their messages, paged by sequence, sent
once per client key, with threads, reactions and pins (messages.py); what they read in schemas.py, what
they answer in answers.py. So a script or a bot can post to a channel."""

from tradewind.chat.api import conversations, messages, search  # noqa: F401 - endpoints join the router
from tradewind.chat.api.router import router

__all__ = ["router"]
