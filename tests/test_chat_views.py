"""The chat pages: the list, a conversation, the composer (with and without its script), threads, the
buttons, customer and order rooms, and what outsiders get."""

import pytest
from django.urls import reverse

from tests.factories import CustomerFactory, MembershipFactory, WorkspaceFactory
from tradewind.chat import services
from tradewind.chat.models import Conversation, Message
from tradewind.workspaces.choices import Role

SCRIPT = {"HTTP_X_TRADEWIND_CHAT": "1"}


@pytest.fixture
def amy(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def kevin(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def channel(amy, kevin):
    channel = services.channel_create(actor=amy, name="Sales")
    services.channel_join(actor=kevin, conversation=channel)
    return channel


def url(name, conversation, *args):
    return reverse(name, args=[conversation.workspace.slug, conversation.public_id, *args])


def test_the_chat_home_lists_conversations_or_says_how_to_start(client, amy, kevin):
    client.force_login(amy.user)
    page = client.get(reverse("chat:home", args=[amy.workspace.slug])).content.decode()
    assert "You take part in no conversation yet" in page and "New channel" in page
    response = client.post(reverse("chat:channel_new", args=[amy.workspace.slug]), {"name": "Shipping"})
    channel = Conversation.objects.get(name="Shipping")
    assert response.status_code == 302 and response["Location"].endswith(f"/chat/{channel.public_id}/")
    page = client.get(reverse("chat:home", args=[amy.workspace.slug])).content.decode()
    assert 'data-testid="conversation-#Shipping"' in page


def test_a_direct_message_is_opened_from_the_form(client, amy, kevin):
    client.force_login(amy.user)
    response = client.post(
        reverse("chat:direct_new", args=[amy.workspace.slug]), {"members": [str(kevin.public_id)]}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert kevin.user.display_name in page


def test_the_composer_with_its_script_gets_the_message_back_and_a_retry_is_stored_once(client, amy, channel):
    client.force_login(amy.user)
    data = {"body": f"**报价** sent to <@{amy.public_id}>", "client_key": "abc-1"}
    first = client.post(url("chat:send", channel), data, **SCRIPT)
    again = client.post(url("chat:send", channel), data, **SCRIPT)
    html = first.content.decode()
    assert first.status_code == 200 and 'data-seq="1"' in html and "<strong>报价</strong>" in html
    assert f'<span class="mention">@{amy.user.display_name}</span>' in html
    assert again.status_code == 200 and Message.objects.filter(conversation=channel).count() == 1


def test_a_refused_message_says_why_in_the_readers_language(client, amy, channel):
    amy.user.language = "zh-hans"
    amy.user.save(update_fields=["language"])
    client.force_login(amy.user)
    response = client.post(url("chat:send", channel), {"body": "   "}, **SCRIPT)
    assert response.status_code == 400 and response.content.decode() == "请先输入消息。"
    response = client.post(
        url("chat:send", channel), {"body": " "}
    )  # without the script: back, with a message
    assert response.status_code == 302 and not Message.objects.exists()


def test_the_page_shows_history_and_asks_for_what_came_after(client, amy, kevin, channel):
    for text in ("one", "two", "three"):
        services.message_send(actor=amy, conversation=channel, body=text)
    client.force_login(kevin.user)
    page = client.get(url("chat:conversation", channel)).content.decode()
    assert 'id="m1"' in page and 'id="m3"' in page and 'data-last-seq="3"' in page
    assert "Shown(" not in page and page.count('<article class="chat-message') == 3  # once each, nowhere else
    newer = client.get(url("chat:messages", channel), {"after": 2}, **SCRIPT).content.decode()
    assert 'id="m3"' in newer and 'id="m2"' not in newer
    older = client.get(url("chat:messages", channel), {"before": 2}).content.decode()
    assert 'id="m1"' in older and 'id="m3"' not in older
    assert 'id="m3"' in client.get(url("chat:messages", channel)).content.decode()  # the newest page
    assert client.post(url("chat:read", channel), {"seq": "3"}).status_code == 204
    assert client.post(url("chat:read", channel), {"seq": "x"}).status_code == 400


def test_threads_edits_reactions_pins_and_deletes_from_the_page(client, amy, kevin, channel):
    root = services.message_send(actor=amy, conversation=channel, body="Who books?")
    client.force_login(kevin.user)
    client.post(url("chat:send", channel), {"body": "I do", "thread": str(root.public_id)}, **SCRIPT)
    pane = client.get(url("chat:thread", channel, root.public_id), HTTP_HX_REQUEST="true").content.decode()
    assert "I do" in pane and "<html" not in pane
    assert "<html" in client.get(url("chat:thread", channel, root.public_id)).content.decode()
    refused = client.post(url("chat:edit", channel, root.public_id), {"body": "changed"}, **SCRIPT)
    assert refused.status_code == 400
    client.post(url("chat:react", channel, root.public_id), {"emoji": "👍"}, **SCRIPT)
    shown = client.post(url("chat:pin", channel, root.public_id), {"pinned": "1"}, **SCRIPT).content.decode()
    assert "👍 1" in shown and "Pinned" in shown
    client.force_login(amy.user)
    edited = client.post(
        url("chat:edit", channel, root.public_id), {"body": "Who books the vessel?"}, **SCRIPT
    )
    assert "(edited)" in edited.content.decode()
    deleted = client.post(url("chat:delete", channel, root.public_id), **SCRIPT).content.decode()
    assert "Message deleted" in deleted


def test_joining_leaving_and_settings(client, amy, kevin, member_factory):
    channel = services.channel_create(actor=amy, name="Sales")
    sun = member_factory(Role.MERCHANDISER)
    client.force_login(sun.user)
    assert (
        "Join the channel to write in it." in client.get(url("chat:conversation", channel)).content.decode()
    )
    client.post(url("chat:join", channel))
    assert 'name="body"' in client.get(url("chat:conversation", channel)).content.decode()
    client.post(url("chat:settings", channel), {"part": "notify", "notify": "mute"})
    assert channel.participants.get(membership=sun).notify == "mute"
    assert client.post(url("chat:settings", channel), {"part": "archive"}).status_code == 302
    channel.refresh_from_db()
    assert channel.archived_at is None  # only its creator and the leads archive it
    client.post(url("chat:leave", channel))
    assert channel.participants.get(membership=sun).left_at is not None
    client.force_login(amy.user)
    client.post(url("chat:settings", channel), {"part": "archive"})
    channel.refresh_from_db()
    assert channel.archived_at is not None
    assert "Archived: read only" in client.get(url("chat:conversation", channel)).content.decode()


def test_the_settings_page_lists_who_takes_part_and_invites_to_a_private_channel(
    client, amy, kevin, member_factory
):
    from tradewind.workspaces.presence import presence_connect

    channel = services.channel_create(actor=amy, name="报价", is_private=True)
    sun = member_factory(Role.MERCHANDISER)
    presence_connect(amy)
    client.force_login(amy.user)
    page = client.get(url("chat:settings", channel)).content.decode()
    assert f'data-presence="{amy.public_id}" data-state="online"' in page  # her own page is open
    assert 'data-testid="invite"' in page and kevin.user.display_name in page
    response = client.post(
        url("chat:settings", channel), {"part": "invite", "members": [str(kevin.public_id)]}
    )
    assert response.status_code == 302 and response["Location"].endswith("/settings/")
    page = client.get(url("chat:settings", channel)).content.decode()
    assert f'data-presence="{kevin.public_id}" data-state="offline"' in page
    # Not one of the workspace's members, or nobody: refused, nothing changes.
    bad = client.post(url("chat:settings", channel), {"part": "invite", "members": ["not-an-id"]})
    assert bad.status_code == 400 and channel.participants.count() == 2
    # Sun is outside the private channel: its page is a 404 to him, and he cannot invite himself in.
    client.force_login(sun.user)
    assert client.get(url("chat:settings", channel)).status_code == 404
    assert (
        client.post(
            url("chat:settings", channel), {"part": "invite", "members": [str(sun.public_id)]}
        ).status_code
        == 404
    )
    services.conversation_archive(actor=amy, conversation=channel)
    client.force_login(kevin.user)  # an archived channel takes nobody in: no form to do it
    assert 'data-testid="invite"' not in client.get(url("chat:settings", channel)).content.decode()


def test_customer_rooms_open_for_those_who_see_the_customer(client, amy, kevin):
    customer = CustomerFactory(actor=amy, name="Hausmann GmbH")
    client.force_login(amy.user)
    response = client.post(reverse("chat:customer_room", args=[amy.workspace.slug, customer.public_id]))
    assert response.status_code == 302 and "/chat/" in response["Location"]
    assert "Hausmann GmbH" in client.get(response["Location"]).content.decode()
    client.force_login(kevin.user)  # another rep's customer: its room is not theirs
    assert client.get(response["Location"]).status_code == 404


def test_outsiders_and_private_channels_are_404(client, amy, kevin, channel):
    secret = services.channel_create(actor=amy, name="Pricing", is_private=True)
    client.force_login(kevin.user)
    assert client.get(url("chat:conversation", secret)).status_code == 404
    assert client.post(url("chat:send", secret), {"body": "hi"}, **SCRIPT).status_code == 404
    stranger = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory())
    client.force_login(stranger.user)
    other = reverse("chat:conversation", args=[stranger.workspace.slug, channel.public_id])
    assert client.get(other).status_code == 404


def test_the_shell_counts_unread_chat_messages(client, amy, kevin, channel):
    services.message_send(actor=amy, conversation=channel, body="one")
    services.message_send(actor=amy, conversation=channel, body="two")
    client.force_login(kevin.user)
    page = client.get(reverse("chat:home", args=[kevin.workspace.slug])).content.decode()
    assert "data-chat-unread >2</span>" in page


def test_administrators_export_a_conversation_and_it_is_audited(client, owner, amy, channel):
    from tradewind.workspaces.audit import AuditEntry

    services.message_send(actor=amy, conversation=channel, body="=SUM(A1) 报价 12.50")
    client.force_login(amy.user)  # a sales rep may not
    assert client.get(url("chat:export", channel)).status_code == 302
    assert not AuditEntry.objects.filter(action="chat_conversation_exported").exists()
    client.force_login(owner.user)
    assert 'data-testid="export"' in client.get(url("chat:settings", channel)).content.decode()
    response = client.get(url("chat:export", channel))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200 and "'=SUM(A1) 报价 12.50" in text  # a formula is kept inert
    assert AuditEntry.objects.filter(action="chat_conversation_exported", target="Sales").count() == 1
    api = client.get(
        f"/api/v1/workspaces/{channel.workspace.slug}/chat/conversations/{channel.public_id}/export"
    )
    assert api.status_code == 200 and "报价" in b"".join(api.streaming_content).decode("utf-8-sig")
