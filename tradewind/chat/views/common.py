"""What the chat pages share: the conversation list and a page of messages made ready to show."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.urls import reverse

from tradewind.chat import permissions, selectors
from tradewind.chat.choices import ConversationKind
from tradewind.chat.files import files_by_message
from tradewind.chat.models import Participant
from tradewind.chat.naming import label_of
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
    urls: dict  # the message's buttons: thread, edit, react, pin, to_task, log, delete


_PLACEHOLDER = uuid.UUID(int=0)  # reversed once, replaced by each row's id
MESSAGE_ACTIONS = ("thread", "edit", "react", "pin", "to_task", "log", "delete")


def _message_urls(conversation, messages) -> dict[int, dict[str, str]]:
    """Each message's action URLs, from one reversal per action (a page has 50 messages and 7 buttons
    each; reversing each of them cost a tenth of the page)."""
    slug = conversation.workspace.slug
    templates = {
        action: reverse(f"chat:{action}", args=[slug, conversation.public_id, _PLACEHOLDER])
        for action in MESSAGE_ACTIONS
    }
    placeholder = str(_PLACEHOLDER)
    return {
        m.pk: {action: url.replace(placeholder, str(m.public_id)) for action, url in templates.items()}
        for m in messages
    }


def shown_messages(membership, conversation, messages) -> list[Shown]:
    names = mention_names(messages, membership.workspace_id)
    urls = _message_urls(conversation, messages)
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
            urls=urls[m.pk],
        )
        for m in messages
    ]


@dataclass
class Listed:
    pk: int
    public_id: object
    label: str
    unread: int
    kind: str
    url: str


def conversation_list(membership) -> list[Listed]:
    """The member's conversations for the left pane, labelled (direct messages by the other people):
    a few hundred rows, so they are read as plain values, their URLs made from one reversed URL."""
    rows = selectors.my_conversation_pane(membership)
    direct_ids = [r.pk for r in rows if r.kind == ConversationKind.DIRECT]
    others: dict[int, list[str]] = {}
    if direct_ids:
        people = (
            Participant.objects.filter(conversation_id__in=direct_ids)
            .exclude(membership=membership)
            .order_by("joined_at", "pk")
            .values_list("conversation_id", "membership__user__full_name", "membership__user__email")
        )
        for conversation_id, full_name, email in people:
            others.setdefault(conversation_id, []).append(full_name or email)
    template = reverse("chat:conversation", args=[membership.workspace.slug, _PLACEHOLDER])
    placeholder = str(_PLACEHOLDER)
    return [
        Listed(
            pk=r.pk,
            public_id=r.public_id,
            label=label_of(
                r.kind,
                name=r.name,
                customer_name=r.customer_name,
                order_number=r.order_number,
                other_names=others.get(r.pk, ()),
            ),
            unread=r.unread,
            kind=r.kind,
            url=template.replace(placeholder, str(r.public_id)),
        )
        for r in rows
    ]
