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
# A page of messages as shown (the page and the API): not the body's search copy, nor the author's and
# their user's other columns — building fifty of each model from thirty columns was most of a page.
MESSAGE_READ = (
    *(f.name for f in Message._meta.concrete_fields if f.name != "search_text"),
    "author__public_id", "author__user__full_name", "author__user__email",
)  # fmt: skip


def history(conversation, *, before: int | None = None, after: int | None = None, limit: int = PAGE) -> list:
    """Top-level messages (thread replies are read with their thread), in order: the newest `limit`
    before `before`, or the first `limit` after `after` (what a reconnecting client missed)."""
    limit = max(1, min(int(limit), 200))
    rows = (
        Message.objects.filter(conversation=conversation, thread_root__isnull=True)
        .select_related("author__user")
        .only(*MESSAGE_READ)
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


# What the unread count checks of each row: not the customers' forty columns.
READ_CHECK_FIELDS = (
    "membership_id", "last_read_seq", "left_at", "notify",
    *(f"conversation__{f}" for f in ("public_id", "workspace_id", "kind", "name", "is_private",
                                     "archived_at", "last_seq", "last_message_at", "customer", "order")),
    "conversation__customer__name", "conversation__customer__owner",
    "conversation__order__number", "conversation__order__customer", "conversation__order__customer__owner",
)  # fmt: skip


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
    # The shell's chat badge on the same page is this sum: not read a second time (unread_total).
    membership._chat_unread_total = sum(r.unread for r in rows)
    return rows


@dataclass
class PaneRow:
    pk: int
    public_id: object
    kind: str
    name: str  # a channel's
    customer_name: str | None
    order_number: str | None
    unread: int


def my_conversation_pane(membership) -> list[PaneRow]:
    """my_conversations as the chat page's list needs it: plain rows, no models (a rep takes part in a
    few hundred conversations), the rooms of customers the member no longer sees left out."""
    from types import SimpleNamespace

    from tradewind.crm.permissions import can_see_details

    rows = (
        Participant.objects.filter(
            membership=membership, left_at__isnull=True, conversation__workspace_id=membership.workspace_id
        )
        .order_by("-conversation__last_message_at", "-conversation_id")
        .values_list(
            "conversation_id", "conversation__public_id", "conversation__kind", "conversation__name",
            "conversation__last_seq", "last_read_seq", "conversation__customer__name",
            "conversation__customer__owner_id", "conversation__order__number",
            "conversation__order__customer__owner_id",
        )
    )  # fmt: skip
    pane = []
    for pk, public_id, kind, name, last_seq, read, customer, owner, number, order_owner in rows:
        # A room is read by who sees its customer (the order's): crm's rule, from the owner's id.
        if kind in (ConversationKind.CUSTOMER, ConversationKind.ORDER):
            owner_id = owner if kind == ConversationKind.CUSTOMER else order_owner
            if not can_see_details(membership, SimpleNamespace(owner_id=owner_id)):
                continue
        pane.append(PaneRow(pk, public_id, kind, name, customer, number, max(0, last_seq - read)))
    membership._chat_unread_total = sum(r.unread for r in pane)  # the shell's badge (unread_total)
    return pane


def public_channels(membership) -> QuerySet[Conversation]:
    """Channels anyone may join (the directory), archived ones last."""
    return Conversation.objects.filter(
        workspace_id=membership.workspace_id, kind=ConversationKind.CHANNEL, is_private=False
    ).order_by(F("archived_at").asc(nulls_first=True), "name")


@dataclass
class ReactionSummary:
    emoji: str
    count: int
    mine: bool


def reaction_summaries(messages, membership) -> dict[int, list[ReactionSummary]]:
    """{message pk: [(emoji, count, mine)]} for a page of messages, in the order each emoji first came."""
    from tradewind.chat.models import Reaction

    summaries: dict[int, dict[str, ReactionSummary]] = {}
    rows = Reaction.objects.filter(message__in=[m.pk for m in messages]).order_by("id")
    for message_id, emoji, member_id in rows.values_list("message_id", "emoji", "membership_id"):
        summary = summaries.setdefault(message_id, {}).setdefault(emoji, ReactionSummary(emoji, 0, False))
        summary.count += 1
        summary.mine = summary.mine or member_id == membership.pk
    return {message_id: list(by_emoji.values()) for message_id, by_emoji in summaries.items()}


def unread_total(membership) -> int:
    """Unread messages over the member's conversations (the shell's chat badge): only the conversations
    with something unread are read, and those the member may no longer read are left out."""
    known = getattr(membership, "_chat_unread_total", None)
    if known is not None:
        return known
    participants = Participant.objects.filter(
        membership=membership,
        left_at__isnull=True,
        conversation__workspace_id=membership.workspace_id,
        conversation__last_seq__gt=F("last_read_seq"),
    ).select_related("conversation__customer", "conversation__order__customer")
    participants = participants.only(*READ_CHECK_FIELDS)
    return sum(
        p.conversation.last_seq - p.last_read_seq
        for p in participants
        if permissions.can_read(membership, p.conversation, p)
    )


def taking_part(conversations):
    """The participants of these conversations still in them, active members only, in order of joining."""
    return (
        Participant.objects.filter(
            conversation__in=conversations, left_at__isnull=True, membership__is_active=True
        )
        .select_related("membership__user")
        .order_by("joined_at", "pk")
    )
