"""Reading the chat: the conversations a member sees with their unread counts, and history by number.

History pages by `seq` (`before`/`after`), never by OFFSET: a page of the newest messages of a
conversation with a million rows costs what it costs with a hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet

from tradewind.chat import permissions
from tradewind.chat.choices import ConversationKind
from tradewind.chat.models import Conversation, Message, Participant

PAGE = 50


def history(conversation, *, before: int | None = None, after: int | None = None, limit: int = PAGE) -> list:
    """Top-level messages (thread replies are read with their thread), in order: the newest `limit`
    before `before`, or the first `limit` after `after` (what a reconnecting client missed)."""
    limit = max(1, min(int(limit), 200))
    rows = Message.objects.filter(conversation=conversation, thread_root__isnull=True).select_related(
        "author__user"
    )
    if after is not None:
        return list(rows.filter(seq__gt=after).order_by("seq")[:limit])
    if before is not None:
        rows = rows.filter(seq__lt=before)
    return list(reversed(rows.order_by("-seq")[:limit]))


def changes_after(conversation, after: int, limit: int = 200) -> list:
    """Every message numbered after `after`, thread replies included: the catch-up after a reconnect."""
    return list(
        Message.objects.filter(conversation=conversation, seq__gt=after)
        .select_related("author__user", "thread_root")
        .order_by("seq")[: max(1, min(int(limit), 500))]
    )


def thread(root) -> list:
    return list(root.replies.select_related("author__user").order_by("seq"))


@dataclass
class ConversationRow:
    conversation: Conversation
    participant: Participant | None
    unread: int


def my_conversations(membership) -> list[ConversationRow]:
    """The channels, direct messages and rooms the member takes part in, the latest activity first, each
    with how many messages came after their read marker."""
    participants = (
        Participant.objects.filter(
            membership=membership, left_at__isnull=True, conversation__workspace_id=membership.workspace_id
        )
        .select_related("conversation__customer", "conversation__order__customer")
        .order_by("-conversation__last_message_at", "-conversation_id")
    )
    rows = []
    for p in participants:
        c = p.conversation
        if not permissions.can_read(membership, c, p):  # a room of a customer handed over since
            continue
        rows.append(ConversationRow(c, p, max(0, c.last_seq - p.last_read_seq)))
    return rows


def public_channels(membership) -> QuerySet[Conversation]:
    """Channels anyone may join (the directory), archived ones last."""
    return Conversation.objects.filter(
        workspace_id=membership.workspace_id, kind=ConversationKind.CHANNEL, is_private=False
    ).order_by(F("archived_at").asc(nulls_first=True), "name")
