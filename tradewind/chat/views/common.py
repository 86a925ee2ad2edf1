"""What the chat pages share: the conversation list, and URLs for many ids from one reversal."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tradewind.chat import selectors
from tradewind.chat.choices import ConversationKind
from tradewind.chat.models import Participant
from tradewind.chat.naming import label_of
from tradewind.workspaces.presence import presence_states
from tradewind.workspaces.presence_dot import presence_dot

_PLACEHOLDER = uuid.UUID(int=0)


def url_for_each(name: str, *args) -> Callable[[object], str]:
    """The URL `name` with `args` and then one id, for many ids from one reversal: a page of 50 messages
    with 7 buttons each, or a pane of 200 conversations, spent a tenth of its time in reverse()."""
    template = reverse(name, args=[*args, _PLACEHOLDER])
    head, tail = template.split(str(_PLACEHOLDER))
    return lambda key: f"{head}{key}{tail}"


@dataclass
class Listed:
    pk: int
    public_id: object
    label: str
    unread: int
    kind: str
    url: str
    # A direct message with one other person: (their public id, their presence), shown as a dot.
    other: tuple[object, str] | None = None


def conversation_list(membership) -> list[Listed]:
    """The member's conversations for the left pane, labelled (direct messages by the other people):
    a few hundred rows, so they are read as plain values, their URLs made from one reversed URL."""
    rows = selectors.my_conversation_pane(membership)
    direct_ids = [r.pk for r in rows if r.kind == ConversationKind.DIRECT]
    others: dict[int, list[str]] = {}
    other_ids: dict[int, list[tuple[int, object]]] = {}
    if direct_ids:
        people = (
            Participant.objects.filter(conversation_id__in=direct_ids)
            .exclude(membership=membership)
            .order_by("joined_at", "pk")
            .values_list(
                "conversation_id", "membership__user__full_name", "membership__user__email",
                "membership_id", "membership__public_id",
            )
        )  # fmt: skip
        for conversation_id, full_name, email, member_id, member_public_id in people:
            others.setdefault(conversation_id, []).append(full_name or email)
            other_ids.setdefault(conversation_id, []).append((member_id, member_public_id))
    one_other = {pk: ids[0] for pk, ids in other_ids.items() if len(ids) == 1}
    states = presence_states({member_id for member_id, _ in one_other.values()})
    url = url_for_each("chat:conversation", membership.workspace.slug)
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
            url=url(r.public_id),
            other=(one_other[r.pk][1], states[one_other[r.pk][0]]) if r.pk in one_other else None,
        )
        for r in rows
    ]


def conversation_items(conversations: list[Listed], current=None) -> SafeString:
    """The left pane's rows as HTML, made in Python as the messages are (views/articles.py): a member in a
    few hundred conversations made the template's loop a fifth of the conversation page."""
    rows = []
    for c in conversations:
        mark = ' aria-current="true"' if current is not None and c.pk == current.pk else ""
        label = escape(c.label)
        unread = f'<span class="count" data-unread="{c.public_id}">{c.unread}</span>' if c.unread else ""
        dot = presence_dot(*c.other) if c.other else ""
        rows.append(
            f'<li{mark}><a href="{escape(c.url)}" data-testid="conversation-{label}">'
            f'<span class="chat-kind chat-kind-{escape(c.kind)}" aria-hidden="true"></span>'
            f'<span class="chat-label">{label}</span>{dot}{unread}</a></li>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value in it was escaped above
