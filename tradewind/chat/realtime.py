"""Chat's live updates: one channel-layer group per conversation, joined by the open sockets of those
taking part. An event is a hint — {event, conversation, seq …}; the page then asks for what changed
after the last number it holds, so a lost or late event loses nothing (the page also asks after every
reconnect). Pushed after commit only (core/realtime.py).

Typing is the exception: a socket says {"type": "chat.typing", "conversation": <id>} while its member
writes (the page at most every 3 s), and it is passed straight to the conversation's other sockets —
never stored, and only by a socket in that conversation's group."""

from __future__ import annotations

from tradewind.core.realtime import (
    group_join_on_commit,
    group_leave_on_commit,
    membership_group,
    push_on_commit,
)

TOPIC = "chat"  # the page hears it as the DOM event "tw:chat"
TYPING_EVERY = 2.0  # seconds: what a socket says more often is dropped


def conversation_group(public_id) -> str:
    """By the public id, the one a page knows: a socket's typing names its group without a query."""
    return f"chat.{public_id}"


def chat_event_on_commit(conversation, event: str, **payload) -> None:
    """`event`: message, edited, deleted, reaction, pinned, changed (name, topic, archive); the socket
    itself adds joined and left (subscribe_on_commit)."""
    push_on_commit(
        conversation_group(conversation.public_id),
        TOPIC,
        {"event": event, "conversation": str(conversation.public_id), **payload},
    )


def read_event_on_commit(conversation, membership, seq: int) -> None:
    """Only the reader's own sockets hear that they read (their other tabs and devices clear the count):
    told to the whole conversation, one reader of a channel of 100 open pages cost 100 frames."""
    push_on_commit(
        membership_group(membership.pk),
        TOPIC,
        {"event": "read", "conversation": str(conversation.public_id), "seq": seq},
    )


def subscribe_on_commit(conversation, memberships) -> None:
    """Their open sockets join the conversation's group, then hear {"event": "joined"}: a page showing
    the conversation asks for what it missed (a message sent in the same instant may have gone by)."""
    payload = {"event": "joined", "conversation": str(conversation.public_id)}
    for membership in memberships:
        group_join_on_commit(membership, conversation_group(conversation.public_id), TOPIC, payload)


def unsubscribe_on_commit(conversation, membership) -> None:
    payload = {"event": "left", "conversation": str(conversation.public_id)}
    group_leave_on_commit(membership, conversation_group(conversation.public_id), TOPIC, payload)


def member_groups(membership) -> list[str]:
    """The groups a member's socket joins when it opens: the conversations they take part in and may
    still read (a room of a customer handed over since is left out)."""
    from tradewind.chat import permissions
    from tradewind.chat.models import Participant

    participants = Participant.objects.filter(
        membership=membership, left_at__isnull=True, conversation__workspace_id=membership.workspace_id
    ).select_related("conversation__customer", "conversation__order__customer")
    return [
        conversation_group(p.conversation.public_id)
        for p in participants
        if permissions.can_read(membership, p.conversation, p)
    ]


async def typing_heard(socket, content: dict) -> None:
    """`socket` (workspaces/consumers.py) says its member is writing in a conversation it takes part in."""
    public_id = str(content.get("conversation") or "")
    group = conversation_group(public_id)
    if group not in socket.groups_joined or not socket.may_say(group, TYPING_EVERY):
        return
    member = socket.membership
    payload = {
        "event": "typing",
        "conversation": public_id,
        "author": str(member.public_id),
        "name": member.user.display_name,
    }
    event = {"type": "realtime.event", "topic": TOPIC, "payload": payload}
    await socket.channel_layer.group_send(group, event)
