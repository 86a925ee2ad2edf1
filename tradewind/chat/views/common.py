"""What the chat pages share: the conversation list and a page of messages made ready to show."""

from __future__ import annotations

from dataclasses import dataclass

from tradewind.chat import permissions, selectors
from tradewind.chat.choices import ConversationKind
from tradewind.chat.files import files_by_message
from tradewind.chat.models import Participant
from tradewind.chat.naming import conversation_label
from tradewind.chat.references import cards_for
from tradewind.chat.rendering import mention_names, message_html


@dataclass
class Shown:
    """A message as the page shows it."""

    message: object
    html: str
    reactions: list
    mine: bool
    can_delete: bool
    files: list
    cards: list


def shown_messages(membership, messages) -> list[Shown]:
    names = mention_names(messages, membership.workspace_id)
    reactions = selectors.reaction_summaries(messages, membership)
    files = files_by_message(messages)
    cards = cards_for(membership, {m.pk: m.body for m in messages if m.deleted_at is None})
    return [
        Shown(
            message=m,
            html=message_html(m.body, names) if m.deleted_at is None else "",
            reactions=reactions.get(m.pk, []),
            mine=m.author_id == membership.pk,
            can_delete=m.deleted_at is None and permissions.can_delete(membership, m),
            files=files.get(m.pk, []),
            cards=cards.get(m.pk, []),
        )
        for m in messages
    ]


@dataclass
class Listed:
    conversation: object
    label: str
    unread: int
    kind: str


def conversation_list(membership) -> list[Listed]:
    """The member's conversations for the left pane, labelled (direct messages by the other people)."""
    rows = selectors.my_conversations(membership)
    direct_ids = [r.conversation.pk for r in rows if r.conversation.kind == ConversationKind.DIRECT]
    others: dict[int, list] = {}
    if direct_ids:
        for p in Participant.objects.filter(conversation_id__in=direct_ids).select_related(
            "membership__user"
        ):
            if p.membership_id != membership.pk:
                others.setdefault(p.conversation_id, []).append(p.membership)
    return [
        Listed(
            conversation=r.conversation,
            label=conversation_label(r.conversation, membership, others.get(r.conversation.pk)),
            unread=r.unread,
            kind=r.conversation.kind,
        )
        for r in rows
    ]
