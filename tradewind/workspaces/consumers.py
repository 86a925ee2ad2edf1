"""The one websocket endpoint: /ws/w/<slug>/.

A page opens it to hear about changes in its workspace. The connection is accepted only for a
signed-in, active member (Origin is checked by the router, see asgi.py); it joins the user's,
the membership's and the workspace's groups, and is closed by the server when the membership is
deactivated, the user signs out everywhere or changes the password.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from tradewind.core.realtime import membership_group, socket_groups, user_group, workspace_group
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

    async def connect(self):
        self.groups_joined = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        membership = await _active_membership(user, self.scope["url_route"]["kwargs"]["slug"])
        if membership is None:
            await self.close(code=CLOSE_NOT_MEMBER)
            return
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

    async def receive_json(self, content, **kwargs):
        # Clients only listen; a ping keeps proxies from closing an idle socket.
        if content.get("type") == "ping":
            await self.send_json({"topic": "pong", "payload": {}})

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
