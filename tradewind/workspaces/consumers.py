"""The one websocket endpoint: /ws/w/<slug>/.

A page opens it to hear about changes in its workspace. The connection is accepted only for a
signed-in, active member (Origin is checked by the router, see asgi.py); it joins the user's,
the membership's and the workspace's groups, and is closed by the server when the membership is
deactivated, the user signs out everywhere or changes the password.

Besides listening, a socket says that it is still there (ping), whether its page is in use (presence:
active / away, workspaces/presence.py) and what its apps registered (chat: typing). Nothing it says is
trusted beyond its own member and the groups it joined.
"""

from __future__ import annotations

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from tradewind.core.realtime import (
    membership_group,
    socket_groups,
    socket_message_handler,
    user_group,
    workspace_group,
)
from tradewind.workspaces import presence
from tradewind.workspaces.models import Membership

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_MEMBER = 4404
CLOSE_SESSION_ENDED = 4403


@database_sync_to_async
def _active_membership(user, slug: str):
    return (
        Membership.objects.filter(workspace__slug=slug, user=user, is_active=True, user__is_active=True)
        .select_related("workspace", "user")
        .first()
    )


@database_sync_to_async
def _extra_groups(membership) -> list[str]:
    return socket_groups(membership)


class WorkspaceConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]
    membership: Membership | None = None

    async def connect(self):
        self.groups_joined = []
        self.active = True  # a page that opens is in use
        self.touched = time.monotonic()
        self.said: dict[str, float] = {}  # when this socket last said what (throttle)
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        membership = await _active_membership(user, self.scope["url_route"]["kwargs"]["slug"])
        if membership is None:
            await self.close(code=CLOSE_NOT_MEMBER)
            return
        # Told before this socket joins the workspace's group: others (and the member's other pages) hear
        # it, this page knows already.
        self.membership = membership
        await self._tell_presence(await database_sync_to_async(presence.presence_connect)(membership))
        self.groups_joined = [
            user_group(user.pk),
            membership_group(membership.pk),
            workspace_group(membership.workspace_id),
            *await _extra_groups(membership),  # e.g. one per chat conversation the member takes part in
        ]
        # One after another: joined all at once (even 16 at a time) the sockets of a crowd connecting
        # together ran channels_redis out of pool connections ("Too many connections", a 500).
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_json({"topic": "hello", "payload": {}})

    async def disconnect(self, code):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.membership is not None:
            state = await database_sync_to_async(presence.presence_disconnect)(
                self.membership, was_active=self.active
            )
            await self._tell_presence(state)

    async def receive_json(self, content, **kwargs):
        if self.membership is None or not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "ping":  # also keeps proxies from closing an idle socket
            await self.send_json({"topic": "pong", "payload": {}})
            if time.monotonic() - self.touched >= presence.TOUCH_EVERY.total_seconds():
                self.touched = time.monotonic()
                await database_sync_to_async(presence.presence_touch)(self.membership)
        elif kind == "presence" and content.get("state") in ("active", "away"):
            active = content["state"] == "active"
            if active != self.active:
                self.active = active
                change = database_sync_to_async(presence.presence_change)
                await self._tell_presence(await change(self.membership, active=active))
        elif isinstance(kind, str) and (handler := socket_message_handler(kind)) is not None:
            await handler(self, content)

    def may_say(self, key: str, every: float) -> bool:
        """At most once per `every` seconds for `key` on this socket (a chatty page is ignored, not
        closed)."""
        now = time.monotonic()
        if now - self.said.get(key, -every) < every:
            return False
        self.said[key] = now
        return True

    async def _tell_presence(self, state: str | None) -> None:
        if state is None:
            return
        payload = {"member": str(self.membership.public_id), "state": state}
        await self.channel_layer.group_send(
            workspace_group(self.membership.workspace_id),
            {"type": "realtime.event", "topic": presence.TOPIC, "payload": payload},
        )

    async def realtime_event(self, event):
        await self.send_json({"topic": event["topic"], "payload": event.get("payload", {})})

    async def group_join(self, event):
        if event["group"] not in self.groups_joined:
            self.groups_joined.append(event["group"])
            await self.channel_layer.group_add(event["group"], self.channel_name)
        if event.get("topic"):  # told once in: the page catches up with what came before
            await self.send_json({"topic": event["topic"], "payload": event.get("payload", {})})

    async def group_leave(self, event):
        if event["group"] in self.groups_joined:
            self.groups_joined.remove(event["group"])
            await self.channel_layer.group_discard(event["group"], self.channel_name)
        if event.get("topic"):
            await self.send_json({"topic": event["topic"], "payload": event.get("payload", {})})

    async def session_close(self, event):
        await self.send_json({"topic": "session.closed", "payload": {"reason": event.get("reason", "")}})
        await self.close(code=CLOSE_SESSION_ENDED)
