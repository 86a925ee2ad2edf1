"""What the chat API answers: conversations as the caller sees them, members, messages with their reactions.

Lists are answered in a fixed number of queries whatever their length: the reactions of a page of
messages and the members of its direct messages are each read once.
"""

from __future__ import annotations

from django.urls import reverse

from tradewind.chat import permissions, selectors
from tradewind.chat.choices import ConversationKind
from tradewind.chat.files import files_by_message
from tradewind.chat.references import cards_for
from tradewind.trade.api.answers import member_ref
from tradewind.workspaces.presence import presence_states


def _ref(obj, name: str) -> dict | None:
    return None if obj is None else {"id": obj.public_id, "name": name}


def _direct_members(conversations) -> dict[int, list[dict]]:
    direct = [c for c in conversations if c.kind == ConversationKind.DIRECT]
    members: dict[int, list[dict]] = {c.pk: [] for c in direct}
    if direct:
        for p in selectors.taking_part(direct):
            members[p.conversation_id].append(member_ref(p.membership))
    return members


def conversation_out(m, conversation, participant, members: list[dict] | None) -> dict:
    inside = permissions.is_participant(participant)
    last_read = participant.last_read_seq if participant is not None else 0
    return {
        "id": conversation.public_id,
        "kind": conversation.kind,
        "name": conversation.name,
        "topic": conversation.topic,
        "description": conversation.description,
        "is_private": conversation.is_private,
        "archived_at": conversation.archived_at,
        "customer": _ref(conversation.customer, conversation.customer.name)
        if conversation.customer_id
        else None,
        "order": _ref(conversation.order, conversation.order.number) if conversation.order_id else None,
        "members": members,
        "last_seq": conversation.last_seq,
        "last_message_at": conversation.last_message_at,
        "created_at": conversation.created_at,
        "me": {
            "taking_part": inside,
            "last_read_seq": last_read,
            "unread": max(0, conversation.last_seq - last_read) if inside else 0,
            "notify": participant.notify if inside else None,
            "can_post": permissions.can_post(m, conversation, participant),
            "can_manage": permissions.can_manage(m, conversation),
        },
    }


def conversations_out(m, rows) -> list[dict]:
    """`rows`: (conversation, the caller's participant or None) pairs."""
    members = _direct_members([c for c, _p in rows])
    return [conversation_out(m, c, p, members.get(c.pk)) for c, p in rows]


def channel_out(channel) -> dict:
    """A channel of the directory, annotated with `taking_part` (the caller's)."""
    return {
        "id": channel.public_id,
        "name": channel.name,
        "topic": channel.topic,
        "description": channel.description,
        "archived_at": channel.archived_at,
        "last_message_at": channel.last_message_at,
        "taking_part": channel.taking_part,
    }


def members_out(participants) -> list[dict]:
    """A page of participants, with whether each has Tradewind open now (one query for the page)."""
    states = presence_states(p.membership_id for p in participants)
    return [
        {"member": member_ref(p.membership), "joined_at": p.joined_at, "presence": states[p.membership_id]}
        for p in participants
    ]


def _file_out(slug: str, sent) -> dict:
    where = {"slug": slug, "conversation_id": sent.conversation_public_id, "file_id": sent.public_id}
    return {
        "id": sent.public_id,
        "name": sent.file.original_name,
        "size": sent.file.size,
        "content_type": sent.file.content_type,
        "is_image": sent.is_image,
        "download": reverse("api:chat_file_download", kwargs=where),
        "thumbnail": reverse("api:chat_file_thumbnail", kwargs=where) if sent.is_image else None,
    }


def card_out(card) -> dict:
    return {
        "kind": card.kind, "reference": card.reference, "title": card.title, "state": card.state,
        "details": card.details, "url": card.url,
    }  # fmt: skip


def _message_out(m, message, reactions, files, cards) -> dict:
    root = message.thread_root if message.thread_root_id else None
    return {
        "id": message.public_id,
        "seq": message.seq,
        "author": member_ref(message.author),
        "body": message.body,
        "deleted": message.deleted_at is not None,
        "edited_at": message.edited_at,
        "thread_root": root.public_id if root else None,
        "reply_count": message.reply_count,
        "last_reply_at": message.last_reply_at,
        "pinned_at": message.pinned_at,
        "reactions": [{"emoji": r.emoji, "count": r.count, "mine": r.mine} for r in reactions],
        "files": [_file_out(m.workspace.slug, f) for f in files],
        "cards": [card_out(c) for c in cards],
        "created_at": message.created_at,
    }


def messages_out(m, messages) -> list[dict]:
    """Messages read with their author (`author__user`) and, for replies, their thread's first message."""
    messages = list(messages)
    reactions = selectors.reaction_summaries(messages, m)
    files = files_by_message(messages)
    cards = cards_for(m, {message.pk: message.body for message in messages if message.deleted_at is None})
    return [
        _message_out(
            m, message, reactions.get(message.pk, []), files.get(message.pk, []), cards.get(message.pk, [])
        )
        for message in messages
    ]


def message_out(m, message) -> dict:
    return messages_out(m, [message])[0]
