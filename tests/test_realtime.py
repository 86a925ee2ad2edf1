"""The websocket endpoint: who may connect, what they hear, and when they are cut off."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client

from tests.factories import MembershipFactory, WorkspaceFactory
from tradewind.accounts.services import user_sign_out_everywhere
from tradewind.asgi import application
from tradewind.core.realtime import broadcast_on_commit
from tradewind.workspaces.choices import Role
from tradewind.workspaces.consumers import CLOSE_NOT_MEMBER, CLOSE_SESSION_ENDED, CLOSE_UNAUTHENTICATED
from tradewind.workspaces.services import membership_deactivate

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_channel_layer"),
]


@pytest.fixture
def team(transactional_db):
    workspace = WorkspaceFactory(slug="live-co")
    admin = MembershipFactory(workspace=workspace, role=Role.ADMIN)
    rep = MembershipFactory(workspace=workspace, role=Role.SALES)
    return workspace, admin, rep


def _cookie_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def _connect(path, *, session=None, origin="http://testserver"):
    headers = [(b"host", b"testserver")]
    if origin:
        headers.append((b"origin", origin.encode()))
    if session:
        headers.append((b"cookie", f"sessionid={session}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_anonymous_connection_is_refused(team):
    workspace, _admin, _rep = team
    _communicator, connected, code = await _connect(f"/ws/w/{workspace.slug}/")
    assert not connected and code == CLOSE_UNAUTHENTICATED


async def test_a_foreign_origin_is_refused(team):
    workspace, _admin, rep = team
    session = await sync_to_async(_cookie_for)(rep.user)
    _communicator, connected, _code = await _connect(
        f"/ws/w/{workspace.slug}/", session=session, origin="https://evil.example"
    )
    assert not connected


async def test_a_non_member_is_refused(team):
    workspace, _admin, _rep = team
    outsider = await sync_to_async(MembershipFactory)()
    session = await sync_to_async(_cookie_for)(outsider.user)
    _communicator, connected, code = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert not connected and code == CLOSE_NOT_MEMBER


async def test_a_member_hears_committed_changes_and_nothing_that_rolled_back(team):
    workspace, _admin, rep = team
    session = await sync_to_async(_cookie_for)(rep.user)
    communicator, connected, _ = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert connected
    assert (await communicator.receive_json_from())["topic"] == "hello"

    def rolled_back():
        try:
            with transaction.atomic():
                broadcast_on_commit(workspace, "members", {"n": 1})
                raise RuntimeError("abort")
        except RuntimeError:
            pass

    def committed():
        with transaction.atomic():
            broadcast_on_commit(workspace, "members", {"n": 2})

    await sync_to_async(rolled_back)()
    await sync_to_async(committed)()
    message = await communicator.receive_json_from(timeout=2)
    assert message == {"topic": "members", "payload": {"n": 2}}
    assert await communicator.receive_nothing(timeout=0.2)
    await communicator.disconnect()


async def test_another_workspace_hears_nothing(team):
    workspace, _admin, _rep = team
    neighbour = await sync_to_async(MembershipFactory)()
    session = await sync_to_async(_cookie_for)(neighbour.user)
    communicator, connected, _ = await _connect(f"/ws/w/{neighbour.workspace.slug}/", session=session)
    assert connected
    await communicator.receive_json_from()  # hello

    def committed():
        with transaction.atomic():
            broadcast_on_commit(workspace, "members", {"secret": True})

    await sync_to_async(committed)()
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_a_deactivated_members_open_socket_is_closed(team):
    workspace, admin, rep = team
    session = await sync_to_async(_cookie_for)(rep.user)
    communicator, connected, _ = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert connected
    await communicator.receive_json_from()  # hello
    await sync_to_async(membership_deactivate)(actor=admin, target=rep)
    messages = [await communicator.receive_output(timeout=2) for _ in range(3)]
    closes = [m for m in messages if m["type"] == "websocket.close"]
    assert closes and closes[0]["code"] == CLOSE_SESSION_ENDED
    # and it cannot come back
    _again, connected, code = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert not connected and code == CLOSE_NOT_MEMBER


async def test_signing_out_everywhere_closes_open_sockets(team):
    workspace, _admin, rep = team
    session = await sync_to_async(_cookie_for)(rep.user)
    communicator, connected, _ = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert connected
    await communicator.receive_json_from()
    await sync_to_async(user_sign_out_everywhere)(user=rep.user, ip=None)
    outputs = [await communicator.receive_output(timeout=2) for _ in range(2)]
    assert any(o["type"] == "websocket.close" and o["code"] == CLOSE_SESSION_ENDED for o in outputs)
    _again, connected, code = await _connect(f"/ws/w/{workspace.slug}/", session=session)
    assert not connected and code == CLOSE_UNAUTHENTICATED
