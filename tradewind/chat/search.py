"""Searching messages by words (Chinese included: "报价" finds every message containing 报价), person,
conversation, date and having a file — only in conversations the member may read: the public channels,
those they take part in, and the rooms of customers whose details they see. Through the trigram index of
core/text_index.py on the messages' folded text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tradewind.chat.choices import ConversationKind
from tradewind.chat.models import Conversation, Message, Participant
from tradewind.core.text import fold, search_words
from tradewind.core.text_index import TextIndex

MESSAGE_INDEX = TextIndex(table="chat_message", column="search_text", label="Chat search")
SEARCH_TEXT_LENGTH = 8000


def message_search_text(body: str) -> str:
    return fold(body)[:SEARCH_TEXT_LENGTH]


@dataclass(frozen=True)
class MessageSearch:
    q: str = ""
    person: object = None  # a Membership: messages they wrote
    conversation: object = None  # a Conversation the member reads
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    has_file: bool = False


def readable_conversations(membership) -> Q:
    """The conversations `membership` may read, as a condition on Conversation (crm's rule for rooms)."""
    from tradewind.crm.permissions import sees_every_customer

    taking_part = Participant.objects.filter(membership=membership, left_at__isnull=True).values(
        "conversation_id"
    )
    channels = Q(kind=ConversationKind.CHANNEL) & (Q(is_private=False) | Q(pk__in=taking_part))
    direct = Q(kind=ConversationKind.DIRECT, pk__in=taking_part)
    rooms = Q(kind__in=[ConversationKind.CUSTOMER, ConversationKind.ORDER])
    if not sees_every_customer(membership):
        mine = Q(customer__owner__isnull=True) | Q(customer__owner=membership)
        mine_by_order = Q(order__customer__owner__isnull=True) | Q(order__customer__owner=membership)
        rooms = (Q(kind=ConversationKind.CUSTOMER) & mine) | (Q(kind=ConversationKind.ORDER) & mine_by_order)
    return channels | direct | rooms


def message_search(*, membership, search: MessageSearch) -> Found:
    """Matching messages, newest first (deleted ones never match: their text is gone), for slicing."""
    if not membership.is_active:
        return Found(Message.objects.none())
    conversations = Conversation.objects.filter(workspace_id=membership.workspace_id).filter(
        readable_conversations(membership)
    )
    rows = Message.objects.filter(
        workspace_id=membership.workspace_id,
        deleted_at__isnull=True,
        conversation__in=conversations.values("pk"),
    )
    words = search_words(search.q)[:10]
    if words:
        rows = rows.filter(MESSAGE_INDEX.text_condition(words))
    if search.person is not None:
        rows = rows.filter(author=search.person)
    if search.conversation is not None:  # within the readable ones above: another's gives nothing
        rows = rows.filter(conversation=search.conversation)
    if search.has_file:
        rows = rows.filter(has_files=True)
    if search.date_from:
        rows = rows.filter(created_at__date__gte=search.date_from)
    if search.date_to:
        rows = rows.filter(created_at__date__lte=search.date_to)
    return Found(rows)


class Found:
    """The matches, sliced by the paginators (`found[50:101]`): the slice's ids first, from the messages
    alone, then those rows with what a result shows. As one query, PostgreSQL joined every match's
    conversation, customer, order and author before the LIMIT, having misjudged how many the trigram
    condition keeps (a thousand, not one): 76 ms instead of 15 for "hamburg 40hq" (bench/README.md)."""

    def __init__(self, matches: QuerySet[Message]):
        self.matches = matches

    def __getitem__(self, item: slice) -> list[Message]:
        ids = list(self.matches.order_by("-id").values_list("id", flat=True)[item])
        if not ids:
            return []
        rows = (
            Message.objects.filter(pk__in=ids)
            .select_related("conversation__customer", "conversation__order", "author__user", "thread_root")
            .only(*RESULT_FIELDS)
        )
        return sorted(rows, key=lambda m: -m.pk)

    def __iter__(self):
        return iter(self[:])


RESULT_FIELDS = (
    *(f.name for f in Message._meta.concrete_fields if f.name not in ("search_text", "client_key")),
    "thread_root__public_id",
    *(f"conversation__{f}" for f in ("public_id", "workspace_id", "kind", "name", "is_private", "customer",
                                     "order", "customer__name", "customer__owner", "order__number")),
    "author__public_id",
    "author__user__full_name", "author__user__email",
)  # fmt: skip
