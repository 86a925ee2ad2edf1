"""How a conversation is called, in the reader's language: "#name" for a channel, the customer's name or
the order's number for a room, the other people's names for a direct message."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tradewind.chat.choices import ConversationKind


def conversation_label(conversation, viewer=None, others: list | None = None) -> str:
    """`others`: the direct message's other participants' memberships (with users), when at hand."""
    if conversation.kind == ConversationKind.CHANNEL:
        return f"#{conversation.name}"
    if conversation.kind == ConversationKind.CUSTOMER:
        return conversation.customer.name
    if conversation.kind == ConversationKind.ORDER:
        return _("Order %(number)s") % {"number": conversation.order.number}
    if others:
        return ", ".join(m.user.display_name for m in others if viewer is None or m.pk != viewer.pk)
    return _("Direct message")


def conversation_url(conversation) -> str:
    return reverse("chat:conversation", args=[conversation.workspace.slug, conversation.public_id])
