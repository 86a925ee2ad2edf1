"""Presence: a member is online while one of their pages is open and in use, away while every open page is
idle or hidden, offline when none is open — counted per socket, told to the workspace only when it
changes, and never kept alive by counts a dead process left behind."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from tests.factories import MembershipFactory, WorkspaceFactory
from tests.test_chat_realtime import _socket, topic_events
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Presence
from tradewind.workspaces.presence import (
    STALE,
    presence_change,
    presence_connect,
    presence_disconnect,
    presence_states,
    presence_touch,
)


@pytest.mark.django_db
def test_two_pages_count_as_one_member_until_the_last_closes():
    amy = MembershipFactory()
    assert presence_states([amy.pk]) == {amy.pk: "offline"}
    assert presence_connect(amy) == "online"  # told
    assert presence_connect(amy) is None  # her phone too: no change, nothing told
    assert presence_change(amy, active=False) is None  # one page idle, the other in use
    assert presence_change(amy, active=False) == "away"  # both idle
    assert presence_states([amy.pk]) == {amy.pk: "away"}
    assert presence_change(amy, active=True) == "online"
    assert presence_disconnect(amy, was_active=True) == "away"  # the page left is the idle one
    assert presence_disconnect(amy, was_active=False) == "offline"
    assert Presence.objects.get(membership=amy).sockets == 0


@pytest.mark.django_db
def test_counts_a_dead_process_left_go_stale_and_start_again():
    amy = MembershipFactory()
    presence_connect(amy)
    presence_connect(amy)  # two sockets of a process that was killed: never disconnected
    Presence.objects.filter(membership=amy).update(seen_at=timezone.now() - STALE - timedelta(seconds=1))
    assert presence_states([amy.pk]) == {amy.pk: "offline"}
    assert presence_connect(amy) == "online"
    assert presence_disconnect(amy, was_active=True) == "offline"  # the dead two are not counted


@pytest.mark.django_db
def test_a_living_socket_keeps_its_member_fresh():
    amy = MembershipFactory()
    presence_connect(amy)
    Presence.objects.filter(membership=amy).update(seen_at=timezone.now() - STALE + timedelta(seconds=5))
    presence_touch(amy)
    assert presence_states([amy.pk]) == {amy.pk: "online"}
    assert Presence.objects.get(membership=amy).seen_at > timezone.now() - timedelta(seconds=5)


async def _presence_events(communicator) -> list[dict]:
    return await topic_events(communicator, "presence")


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fresh_channel_layer")
async def test_the_workspace_hears_a_member_come_go_idle_and_leave():
    workspace = await sync_to_async(WorkspaceFactory)(slug="presence-co")
    amy, kevin = [await sync_to_async(MembershipFactory)(workspace=workspace, role=Role.SALES) for _ in "ab"]
    outsider = await sync_to_async(MembershipFactory)(role=Role.SALES)
    amy_socket, outside = await _socket(amy), await _socket(outsider)
    await _presence_events(amy_socket)
    kevin_socket = await _socket(kevin)
    kevin_id = str(kevin.public_id)
    assert await _presence_events(amy_socket) == [{"member": kevin_id, "state": "online"}]
    await kevin_socket.send_json_to({"type": "presence", "state": "away"})
    await kevin_socket.send_json_to({"type": "presence", "state": "away"})  # said twice, counted once
    assert await _presence_events(amy_socket) == [{"member": kevin_id, "state": "away"}]
    await kevin_socket.send_json_to({"type": "presence", "state": "asleep"})  # not a state: ignored
    await kevin_socket.disconnect()
    assert await _presence_events(amy_socket) == [{"member": kevin_id, "state": "offline"}]
    assert await sync_to_async(presence_states)([kevin.pk]) == {kevin.pk: "offline"}
    assert await _presence_events(outside) == []  # another workspace hears nothing of them
    await amy_socket.disconnect()
    await outside.disconnect()
