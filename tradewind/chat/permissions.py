"""Who may read, post in and manage a conversation. One place for the UI, the API and the websocket.

Channels and direct messages are read by their participants (a public channel by every member); a
customer room by whoever may see the customer's details, an order room by whoever may see the order —
so visibility follows the customer, through a handover too. Viewers read and do not write.
"""

from __future__ import annotations

from tradewind.chat.choices import ConversationKind
from tradewind.workspaces.choices import Role

MODERATORS = {Role.OWNER, Role.ADMIN}
CHANNEL_KEEPERS = MODERATORS | {Role.MANAGER}


def is_participant(participant) -> bool:
    return participant is not None and participant.left_at is None


def can_read(m, conversation, participant=None) -> bool:
    """`participant`: m's Participant row of the conversation (None when there is none)."""
    if not m.is_active or conversation.workspace_id != m.workspace_id:
        return False
    if conversation.kind == ConversationKind.CHANNEL:
        return not conversation.is_private or is_participant(participant)
    if conversation.kind == ConversationKind.DIRECT:
        return is_participant(participant)
    if conversation.kind == ConversationKind.CUSTOMER:
        from tradewind.crm.permissions import can_see_details

        return can_see_details(m, conversation.customer)
    if conversation.kind == ConversationKind.ORDER:
        from tradewind.trade.permissions import can_see

        return can_see(m, conversation.order)
    return False


def can_write(m) -> bool:
    return m.is_active and m.role != Role.VIEWER


def can_post(m, conversation, participant=None) -> bool:
    """Write in it: a channel once joined; a room whoever reads it (they take part from then on)."""
    if not can_write(m) or conversation.archived_at is not None:
        return False
    if conversation.kind == ConversationKind.CHANNEL and not is_participant(participant):
        return False
    return can_read(m, conversation, participant)


def can_manage(m, conversation) -> bool:
    """Rename, archive, invite to a channel: whoever made it, the leads."""
    if conversation.kind != ConversationKind.CHANNEL or not can_write(m):
        return False
    return m.role in CHANNEL_KEEPERS or conversation.created_by_id == m.pk


def can_invite(m, conversation, participant=None) -> bool:
    """Bring people into a channel that is not archived: into a private one its participants and keepers;
    into a public one, anyone who writes."""
    if conversation.kind != ConversationKind.CHANNEL or conversation.archived_at is not None:
        return False
    if not can_write(m):
        return False
    return not conversation.is_private or is_participant(participant) or can_manage(m, conversation)


def can_delete(m, message) -> bool:
    return can_write(m) and (message.author_id == m.pk or m.role in MODERATORS)
