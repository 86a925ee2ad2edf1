"""Conversation and message look-ups for a member (DESIGN §3.4): another workspace's, a private channel
one is not in, a room of a customer one may not see — all the same 404."""

from __future__ import annotations

from django.http import Http404

from tradewind.chat import permissions
from tradewind.chat.models import Conversation, Message, MessageFile
from tradewind.chat.services.conversations import participant_of
from tradewind.workspaces.access import get_in_workspace_or_404

# A room's customer and order as far as the chat shows and checks them (name, number, owner), not their
# hundred and fifty columns: composing that SELECT cost the conversation page more than running it.
ROOM_READ = Conversation.objects.select_related("customer", "order__customer").only(
    *(f.name for f in Conversation._meta.concrete_fields),
    *(f"customer__{f}" for f in ("public_id", "workspace_id", "name", "owner")),
    *(f"order__{f}" for f in ("public_id", "workspace_id", "number", "customer")),
    *(f"order__customer__{f}" for f in ("public_id", "workspace_id", "name", "owner")),
)


def access_conversation(membership, public_id) -> Conversation:
    """The conversation, with `.participant` (the member's row or None) set for the caller."""
    conversation = get_in_workspace_or_404(ROOM_READ, membership, public_id=public_id)
    participant = participant_of(conversation, membership)
    if not permissions.can_read(membership, conversation, participant):
        raise Http404
    conversation.participant = participant
    return conversation


def access_message(membership, conversation, public_id) -> Message:
    """A message of a conversation the member reads (found through access_conversation first)."""
    try:
        return Message.objects.select_related("author__user", "thread_root").get(
            conversation=conversation, public_id=public_id
        )
    except (Message.DoesNotExist, ValueError):
        raise Http404 from None


def access_message_file(membership, conversation, public_id) -> MessageFile:
    """A file of a message (not deleted) of a conversation the member reads."""
    try:
        return MessageFile.objects.select_related("file", "thumbnail").get(
            message__conversation=conversation, message__deleted_at__isnull=True, public_id=public_id
        )
    except (MessageFile.DoesNotExist, ValueError):
        raise Http404 from None
