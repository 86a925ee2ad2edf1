"""Pushing events to open websockets.

Group names are internal (never in a URL). Every push goes through `broadcast_on_commit`, so
nothing is announced for a transaction that rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from tradewind.serving.mainloop import call_in_main_loop

log = logging.getLogger(__name__)


def workspace_group(workspace_id: int) -> str:
    return f"workspace.{workspace_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def membership_group(membership_id: int) -> str:
    return f"membership.{membership_id}"


def _send(group: str, message: dict[str, Any]) -> None:
    _send_many([(group, message)])


def _send_many(messages: list[tuple[str, dict[str, Any]]]) -> None:
    """Group sends, all in one hop to the event loop (a hop costs more than a send): from a request
    thread into the loop that holds this process's websockets (serving/mainloop.py). A dead channel
    layer must not fail the request that already committed: it is logged."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def send_all():
        for group, message in messages:
            try:
                await layer.group_send(group, message)
            except Exception:  # one dead send must not stop the others
                log.exception("realtime push to %s failed", group)

    try:
        if not call_in_main_loop(send_all):
            async_to_sync(send_all)()
    except Exception:
        log.exception("realtime pushes failed")


def send_on_commit(group: str, message: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _send(group, message))


def push_now(group: str, topic: str, payload: dict[str, Any]) -> None:
    """Push immediately; for callers already running after a commit (see on_commit_once)."""
    _send(group, {"type": "realtime.event", "topic": topic, "payload": payload})


def push_many_now(events: list[tuple[str, str, dict[str, Any]]]) -> None:
    """push_now for many (group, topic, payload) at once."""
    _send_many([(g, {"type": "realtime.event", "topic": t, "payload": p}) for g, t, p in events])


def broadcast_on_commit(workspace, topic: str, payload: dict[str, Any] | None = None) -> None:
    """Tell every open page of `workspace` that `topic` changed, once the transaction commits."""
    send_on_commit(
        workspace_group(workspace.pk),
        {"type": "realtime.event", "topic": topic, "payload": payload or {}},
    )


def notify_user_on_commit(user, topic: str, payload: dict[str, Any] | None = None) -> None:
    send_on_commit(user_group(user.pk), {"type": "realtime.event", "topic": topic, "payload": payload or {}})


# Apps that push to groups of their own (chat: one group per conversation) say which of them a member's
# socket joins when it opens; afterwards they move a live socket in or out with group_join_on_commit.
_SOCKET_GROUPS: list[Callable[[Any], list[str]]] = []


def socket_groups_register(provider: Callable[[Any], list[str]]) -> None:
    """`provider(membership)` -> the names of the extra groups that member's sockets join on connect."""
    _SOCKET_GROUPS.append(provider)


def socket_groups(membership) -> list[str]:
    return [group for provider in _SOCKET_GROUPS for group in provider(membership)]


# What a socket may say besides ping and presence: {"type": "<kind>", …} is handed to the handler its app
# registered, as `await handler(consumer, content)`; an unknown kind is ignored. Handlers are ephemeral
# (chat's typing indicator): nothing a socket says is stored.
_SOCKET_MESSAGES: dict[str, Callable[[Any, dict], Any]] = {}


def socket_messages_register(kind: str, handler: Callable[[Any, dict], Any]) -> None:
    _SOCKET_MESSAGES[kind] = handler


def socket_message_handler(kind: str) -> Callable[[Any, dict], Any] | None:
    return _SOCKET_MESSAGES.get(kind)


def group_join_on_commit(membership, group: str, topic: str = "", payload: dict | None = None) -> None:
    """The member's open sockets join `group` (they were invited, they opened a room), then hear `topic`
    with `payload`, if given: from then on nothing sent to the group passes them by."""
    event = {"type": "group.join", "group": group, "topic": topic, "payload": payload or {}}
    send_on_commit(membership_group(membership.pk), event)


def group_leave_on_commit(membership, group: str, topic: str = "", payload: dict | None = None) -> None:
    event = {"type": "group.leave", "group": group, "topic": topic, "payload": payload or {}}
    send_on_commit(membership_group(membership.pk), event)


def push_on_commit(group: str, topic: str, payload: dict[str, Any]) -> None:
    send_on_commit(group, {"type": "realtime.event", "topic": topic, "payload": payload})


def close_sockets_on_commit(group: str, reason: str) -> None:
    """Close every socket in `group` (deactivated member, signed out everywhere, password changed)."""
    send_on_commit(group, {"type": "session.close", "reason": reason})
