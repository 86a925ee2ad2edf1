"""How a conversation is called, in the reader's language: "#name" for a channel, the customer's name or
the order's number for a room, the other people's names for a direct message."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tradewind.chat.choices import ConversationKind


def conversation_label(conversation, viewer=None, others: list | None = None) -> str:
    """`others`: the direct message's other participants' memberships (with users), when at hand."""
    kind = conversation.kind
    return label_of(
        kind,
        name=conversation.name,
        customer_name=conversation.customer.name if kind == ConversationKind.CUSTOMER else None,
        order_number=conversation.order.number if kind == ConversationKind.ORDER else None,
        other_names=[m.user.display_name for m in others or () if viewer is None or m.pk != viewer.pk],
    )


def label_of(kind: str, *, name="", customer_name=None, order_number=None, other_names=()) -> str:
    """The label from its parts (the chat page's list has them as plain values)."""
    if kind == ConversationKind.CHANNEL:
        return f"#{name}"
    if kind == ConversationKind.CUSTOMER:
        return customer_name or ""
    if kind == ConversationKind.ORDER:
        return _("Order %(number)s") % {"number": order_number}
    return ", ".join(other_names) or _("Direct message")


def conversation_url(conversation) -> str:
    return reverse("chat:conversation", args=[conversation.workspace.slug, conversation.public_id])
