"""The chat API: conversations (channels, direct messages, customer and order rooms), members, read markers,
messages paged by number and sent once per client key, edits, deletes, reactions, pins, threads and the
catch-up — roles, refusals that change nothing, constant query counts, and the outsider's 404."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CustomerFactory, MembershipFactory, WorkspaceFactory
from tests.sales import quote
from tests.test_catalog_api import Api
from tradewind.chat import services
from tradewind.chat.models import Conversation, Message, MessageRevision, Participant, Reaction
from tradewind.trade import services as trade
from tradewind.workspaces.choices import Role


class ChatApi(Api):
    """A token's client under …/chat, with PUT."""

    def __init__(self, member, slug=None):
        super().__init__(member, slug)
        self.base += "/chat"

    def put(self, path, data):
        return self.client.put(self.base + path, json.dumps(data), content_type="application/json")


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "sun": member_factory(Role.MERCHANDISER),
        "viewer": member_factory(Role.VIEWER),
    }


@pytest.fixture
def sales_channel(people):
    return services.channel_create(actor=people["amy"], name="Sales", topic="Quotes and orders")


def one(conversation) -> str:
    return f"/conversations/{conversation.public_id}"


def send(member, conversation, body, **extra):
    return services.message_send(actor=member, conversation=conversation, body=body, **extra)


# --- conversations ----------------------------------------------------------------------------------------


def test_a_channel_from_creation_to_archive(people):
    amy, kevin = ChatApi(people["amy"]), ChatApi(people["kevin"])
    r = amy.post(
        "/channels", {"name": "#Shipping", "topic": "Vessels", "members": [str(people["sun"].public_id)]}
    )
    assert r.status_code == 201, r.content
    channel = r.json()
    assert channel["name"] == "Shipping" and channel["kind"] == "channel" and not channel["is_private"]
    assert channel["me"] == {
        "taking_part": True, "last_read_seq": 0, "unread": 0, "notify": channel["me"]["notify"],
        "can_post": True, "can_manage": True,
    }  # fmt: skip
    assert channel["members"] is None and channel["customer"] is None and channel["order"] is None
    assert amy.post("/channels", {"name": "shipping"}).status_code == 409
    path = f"/conversations/{channel['id']}"
    members = amy.get(path + "/members").json()
    assert members["count"] == 2
    assert {m["member"]["id"] for m in members["items"]} == {
        str(people["amy"].public_id),
        str(people["sun"].public_id),
    }
    assert {m["presence"] for m in members["items"]} == {"offline"}  # nobody has a page open

    directory = kevin.get("/channels").json()
    assert [(c["name"], c["taking_part"]) for c in directory["items"]] == [("Shipping", False)]
    seen = kevin.get(path).json()
    assert seen["me"]["taking_part"] is False and not seen["me"]["can_post"] and not seen["me"]["can_manage"]
    r = kevin.post(path + "/messages", {"body": "hello"})
    assert r.status_code == 403 and r.json()["message"]  # a channel is joined first
    joined = kevin.post(path + "/join")
    assert joined.status_code == 200 and joined.json()["me"]["taking_part"] is True
    assert joined.json()["me"]["can_post"] is True
    assert [c["id"] for c in kevin.get("/conversations").json()] == [channel["id"]]

    r = kevin.patch(path, {"name": "Mine now"})
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    r = amy.patch(path, {"topic": "Vessels and containers", "description": "Bookings"})
    assert (
        r.status_code == 200
        and r.json()["topic"] == "Vessels and containers"
        and r.json()["name"] == "Shipping"
    )
    assert amy.patch(path, {"name": None}).status_code == 422  # a channel keeps a name
    assert kevin.post(path + "/archive").status_code == 403
    archived = amy.post(path + "/archive").json()
    assert archived["archived_at"] and not archived["me"]["can_post"]
    assert kevin.post(path + "/messages", {"body": "hello"}).status_code == 409
    assert amy.post(path + "/unarchive").json()["archived_at"] is None

    assert kevin.post(path + "/leave").status_code == 204
    assert kevin.get("/conversations").json() == []
    assert kevin.get(path).status_code == 200  # a public channel is still read


def test_a_private_channel_is_a_404_for_whoever_is_not_in_it(people):
    secret = services.channel_create(actor=people["amy"], name="Pricing", is_private=True)
    send(people["amy"], secret, "Floor price USD 11.20")
    kevin = ChatApi(people["kevin"])
    path = one(secret)
    message = Message.objects.get(conversation=secret)
    for r in (
        kevin.get(path),
        kevin.get(path + "/messages"),
        kevin.get(path + "/changes", {"after": 0}),
        kevin.get(path + "/members"),
        kevin.post(path + "/messages", {"body": "let me in"}),
        kevin.post(path + "/join"),
        kevin.post(path + "/read", {"seq": 1}),
        kevin.get(f"{path}/messages/{message.public_id}"),
        kevin.post(f"{path}/messages/{message.public_id}/reactions", {"emoji": "👀"}),
    ):
        assert r.status_code == 404, r.content
        assert "Pricing" not in r.content.decode() and "11.20" not in r.content.decode()
    assert [c["name"] for c in kevin.get("/channels").json()["items"]] == []
    assert (
        Message.objects.count() == 1 and not Participant.objects.filter(membership=people["kevin"]).exists()
    )

    amy = ChatApi(people["amy"])
    invited = amy.post(path + "/members", {"members": [str(people["kevin"].public_id)]})
    assert invited.status_code == 200 and [m["member"]["id"] for m in invited.json()] == [
        str(people["kevin"].public_id)
    ]
    assert kevin.get(path + "/messages").json()["items"][0]["body"] == "Floor price USD 11.20"
    assert kevin.post(path + "/leave").status_code == 204
    assert kevin.get(path).status_code == 404


def test_invitations_name_members_of_the_workspace(people, member_factory):
    channel = services.channel_create(actor=people["amy"], name="Pricing", is_private=True)
    amy = ChatApi(people["amy"])
    stranger = MembershipFactory(role=Role.SALES)  # another workspace's
    r = amy.post(
        one(channel) + "/members", {"members": [str(people["kevin"].public_id), str(stranger.public_id)]}
    )
    assert r.status_code == 404
    gone = member_factory(Role.SALES, is_active=False)
    r = amy.post(one(channel) + "/members", {"members": [str(gone.public_id)]})
    assert r.status_code == 422 and "members" in r.json()["fields"]
    assert amy.post(one(channel) + "/members", {"members": []}).status_code == 422
    assert list(Participant.objects.filter(conversation=channel).values_list("membership", flat=True)) == [
        people["amy"].pk
    ]
    room = services.direct_open(actor=people["amy"], members=[people["sun"]])
    r = amy.post(one(room) + "/members", {"members": [str(people["kevin"].public_id)]})
    assert r.status_code == 409 and r.json()["code"] == "conflict"


def test_direct_messages_have_one_history_per_group(people, member_factory):
    amy, kevin = ChatApi(people["amy"]), ChatApi(people["kevin"])
    r = amy.post("/direct", {"members": [str(people["kevin"].public_id)]})
    assert r.status_code == 200, r.content
    dm = r.json()
    assert dm["kind"] == "direct" and dm["name"] == ""
    assert {m["id"] for m in dm["members"]} == {str(people["amy"].public_id), str(people["kevin"].public_id)}
    assert kevin.post("/direct", {"members": [str(people["amy"].public_id)]}).json()["id"] == dm["id"]
    assert ChatApi(people["sun"]).get(f"/conversations/{dm['id']}").status_code == 404
    many = [str(member_factory().public_id) for _ in range(8)]
    r = amy.post("/direct", {"members": many})
    assert r.status_code == 422 and "members" in r.json()["fields"]
    r = amy.post("/direct", {"members": [str(people["amy"].public_id)]})  # only oneself
    assert r.status_code == 422 and "members" in r.json()["fields"]
    assert Conversation.objects.filter(kind="direct").count() == 1
    left = amy.post(f"/conversations/{dm['id']}/leave")
    assert left.status_code == 409 and left.json()["message"]


def test_customer_and_order_rooms_follow_who_may_see_them(setup, member_factory):
    rep, manager, other = setup["rep"], setup["manager"], member_factory(Role.SALES)
    customer = setup["customer"]
    r = ChatApi(rep).post(f"/customers/{customer.public_id}/room")
    assert r.status_code == 200, r.content
    room = r.json()
    assert room["kind"] == "customer" and room["customer"] == {
        "id": str(customer.public_id),
        "name": "Hausmann GmbH",
    }
    assert ChatApi(manager).post(f"/customers/{customer.public_id}/room").json()["id"] == room["id"]
    outsider = ChatApi(other)
    assert outsider.post(f"/customers/{customer.public_id}/room").status_code == 404
    assert outsider.get(f"/conversations/{room['id']}").status_code == 404
    assert outsider.post(f"/conversations/{room['id']}/messages", {"body": "hi"}).status_code == 404

    quotation = quote(setup)
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_create_from_quotation(actor=rep, quotation=quotation)
    r = ChatApi(rep).post(f"/orders/{order.public_id}/room")
    assert r.status_code == 200 and r.json()["order"] == {"id": str(order.public_id), "name": order.number}
    assert outsider.post(f"/orders/{order.public_id}/room").status_code == 404
    assert Conversation.objects.filter(kind__in=["customer", "order"]).count() == 2
    assert not Participant.objects.filter(membership=other).exists()


def test_read_markers_and_notification_levels(people, sales_channel):
    services.channel_join(actor=people["kevin"], conversation=sales_channel)
    for text in ("one", "two", "three"):
        send(people["amy"], sales_channel, text)
    kevin = ChatApi(people["kevin"])
    (row,) = kevin.get("/conversations").json()
    assert row["me"]["unread"] == 3 and row["last_seq"] == 3
    path = one(sales_channel)
    assert kevin.post(path + "/read", {"seq": 2}).json()["me"]["unread"] == 1
    assert kevin.post(path + "/read", {"seq": 1}).json()["me"]["last_read_seq"] == 2  # never backwards
    assert kevin.post(path + "/read", {"seq": -1}).status_code == 422
    r = kevin.put(path + "/notify", {"notify": "mute"})
    assert r.status_code == 200 and r.json()["me"]["notify"] == "mute"
    r = kevin.put(path + "/notify", {"notify": "loud"})
    assert r.status_code == 422 and "notify" in r.json()["fields"]
    assert Participant.objects.get(conversation=sales_channel, membership=people["kevin"]).notify == "mute"


# --- messages ---------------------------------------------------------------------------------------------


def test_send_edit_react_pin_and_delete(people, sales_channel):
    services.channel_join(actor=people["kevin"], conversation=sales_channel)
    amy, kevin = ChatApi(people["amy"]), ChatApi(people["kevin"])
    path = one(sales_channel) + "/messages"
    r = amy.post(path, {"body": "报价已发 **Hausmann**"})
    assert r.status_code == 201, r.content
    sent = r.json()
    assert sent["seq"] == 1 and sent["author"] == {
        "id": str(people["amy"].public_id),
        "name": people["amy"].user.display_name,
    }
    assert sent["body"] == "报价已发 **Hausmann**" and not sent["deleted"] and sent["reactions"] == []
    assert sent["thread_root"] is None and sent["reply_count"] == 0 and sent["edited_at"] is None
    message = f"{path}/{sent['id']}"

    r = kevin.patch(message, {"body": "mine now"})
    assert r.status_code == 403 and r.json()["message"]
    edited = amy.patch(message, {"body": "报价已发 **Hausmann GmbH**"}).json()
    assert edited["edited_at"] and edited["body"].endswith("GmbH**")
    assert MessageRevision.objects.get().body == "报价已发 **Hausmann**"

    assert kevin.post(message + "/reactions", {"emoji": "👍"}).status_code == 200
    reacted = amy.post(message + "/reactions", {"emoji": "👍"}).json()
    assert reacted["reactions"] == [{"emoji": "👍", "count": 2, "mine": True}]
    assert kevin.get(message).json()["reactions"] == [{"emoji": "👍", "count": 2, "mine": True}]
    undone = amy.post(message + "/reactions", {"emoji": "👍"}).json()
    assert undone["reactions"] == [{"emoji": "👍", "count": 1, "mine": False}]
    assert amy.post(message + "/reactions", {"emoji": "two words"}).status_code == 422

    assert amy.post(message + "/pin").json()["pinned_at"]
    assert amy.delete(message + "/pin").json()["pinned_at"] is None

    assert kevin.delete(message).status_code == 403
    deleted = amy.delete(message).json()
    assert deleted["deleted"] and deleted["body"] == "" and deleted["reactions"] == []
    assert amy.patch(message, {"body": "back"}).status_code == 409
    assert amy.post(message + "/reactions", {"emoji": "👍"}).status_code == 409
    assert amy.get(path).json()["items"][0]["deleted"] is True


def test_an_administrator_deletes_another_members_message(people, sales_channel):
    message = send(people["amy"], sales_channel, "wrong group")
    r = ChatApi(people["owner"]).delete(f"{one(sales_channel)}/messages/{message.public_id}")
    assert r.status_code == 200 and r.json()["deleted"] is True


def test_a_retry_with_the_same_client_key_posts_once(people, sales_channel):
    services.channel_join(actor=people["kevin"], conversation=sales_channel)
    amy = ChatApi(people["amy"])
    path = one(sales_channel) + "/messages"
    first = amy.post(path, {"body": "Deposit received", "client_key": "tab-1:42"})
    again = amy.post(path, {"body": "Deposit received", "client_key": "tab-1:42"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert amy.post(path, {"body": "Deposit received", "client_key": "tab-1:43"}).status_code == 201
    assert amy.post(path, {"body": "Deposit received"}).status_code == 201
    assert Message.objects.filter(conversation=sales_channel).count() == 3
    # The key is the sender's: another member's same key is another message.
    assert ChatApi(people["kevin"]).post(path, {"body": "ok", "client_key": "tab-1:42"}).status_code == 201


def test_bad_input_is_refused_and_changes_nothing(people, sales_channel):
    amy = ChatApi(people["amy"])
    path = one(sales_channel) + "/messages"
    for body, field in (
        ({"body": "   "}, "body"),
        ({"body": ""}, "body"),
        ({"body": "x" * 8001}, "body"),
        ({"body": "hi", "surprise": 1}, "surprise"),
        ({"body": "hi", "client_key": "k" * 65}, "client_key"),
        ({"body": "hi\u0000"}, "body"),
    ):
        r = amy.post(path, body)
        assert r.status_code == 422 and r.json()["code"] == "validation_error", (body, r.content)
        assert field in r.json()["fields"], (body, r.content)
    other = services.channel_create(actor=people["amy"], name="Other")
    elsewhere = send(people["amy"], other, "in another channel")
    r = amy.post(path, {"body": "a reply", "thread": str(elsewhere.public_id)})
    assert r.status_code == 404
    r = amy.post(one(sales_channel) + "/messages/" + str(elsewhere.public_id) + "/reactions", {"emoji": "👍"})
    assert r.status_code == 404
    gone = send(people["amy"], sales_channel, "to be deleted")
    services.message_delete(actor=people["amy"], message=gone)
    r = amy.post(path, {"body": "a reply", "thread": str(gone.public_id)})
    assert r.status_code == 422 and "thread" in r.json()["fields"]
    assert amy.post("/channels", {"name": " # "}).status_code == 422
    assert amy.post("/channels", {"name": "x" * 81}).status_code == 422
    assert list(Message.objects.filter(conversation=sales_channel).values_list("body", flat=True)) == [""]
    assert Conversation.objects.filter(kind="channel").count() == 2


def test_a_viewer_reads_but_does_not_post(people, sales_channel):
    message = send(people["amy"], sales_channel, "ETD 12 May")
    viewer = ChatApi(people["viewer"])
    path = one(sales_channel)
    assert viewer.get(path + "/messages").json()["items"][0]["body"] == "ETD 12 May"
    assert viewer.get(path).json()["me"]["can_post"] is False
    r = viewer.post(path + "/messages", {"body": "hello"})
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    assert viewer.post(f"{path}/messages/{message.public_id}/reactions", {"emoji": "👍"}).status_code == 403
    assert viewer.post(f"{path}/messages/{message.public_id}/pin").status_code == 403
    assert viewer.post("/channels", {"name": "Viewers"}).status_code == 403
    assert viewer.post("/direct", {"members": [str(people["amy"].public_id)]}).status_code == 403
    assert Message.objects.count() == 1 and not Reaction.objects.exists()
    assert Conversation.objects.count() == 1


def test_history_pages_by_number(people, sales_channel):
    services.channel_join(actor=people["kevin"], conversation=sales_channel)
    for n in range(1, 8):
        send(people["amy"], sales_channel, f"message {n}")
    root = Message.objects.get(conversation=sales_channel, seq=2)
    send(people["kevin"], sales_channel, "a reply", thread_root=root)  # seq 8: read with its thread
    amy = ChatApi(people["amy"])
    path = one(sales_channel) + "/messages"

    def page(**params):
        data = amy.get(path, params).json()
        return [m["seq"] for m in data["items"]], data["next"], data["last_seq"]

    assert page(limit=3) == ([5, 6, 7], 5, 8)
    assert page(limit=3, before=5) == ([2, 3, 4], 2, 8)
    assert page(limit=3, before=2) == ([1], None, 8)
    assert page(limit=3, after=0) == ([1, 2, 3], 3, 8)
    assert page(limit=3, after=3) == ([4, 5, 6], 6, 8)
    assert page(limit=3, after=6) == ([7], None, 8)
    assert page(limit=7) == ([1, 2, 3, 4, 5, 6, 7], None, 8)
    assert page() == ([1, 2, 3, 4, 5, 6, 7], None, 8)
    assert amy.get(path, {"limit": 0}).status_code == 422
    assert amy.get(path, {"limit": 101}).status_code == 422
    assert amy.get(path, {"before": 2**70}).status_code == 422
    listed = amy.get(path).json()["items"]
    assert listed[1]["reply_count"] == 1 and listed[1]["last_reply_at"]


def test_threads_and_the_catch_up(people, sales_channel):
    amy = ChatApi(people["amy"])
    path = one(sales_channel) + "/messages"
    root = amy.post(path, {"body": "Who books the vessel?"}).json()
    reply = amy.post(path, {"body": "Zhao", "thread": root["id"]}).json()
    nested = amy.post(path, {"body": "ok", "thread": reply["id"]}).json()
    assert reply["thread_root"] == root["id"] and nested["thread_root"] == root["id"]
    amy.post(path, {"body": "Next topic"})
    thread = amy.get(f"{path}/{root['id']}/thread").json()
    assert thread["root"]["id"] == root["id"] and thread["root"]["reply_count"] == 2
    assert [m["body"] for m in thread["replies"]] == ["Zhao", "ok"]
    assert amy.get(f"{path}/{reply['id']}/thread").json()["root"]["id"] == root["id"]

    changes = amy.get(one(sales_channel) + "/changes", {"after": 1}).json()
    assert [(m["seq"], m["thread_root"]) for m in changes["items"]] == [
        (2, root["id"]), (3, root["id"]), (4, None)
    ]  # fmt: skip
    assert changes["next"] is None and changes["last_seq"] == 4
    first = amy.get(one(sales_channel) + "/changes", {"after": 0, "limit": 2}).json()
    assert [m["seq"] for m in first["items"]] == [1, 2] and first["next"] == 2
    assert amy.get(one(sales_channel) + "/changes").status_code == 422  # `after` is required


def test_the_message_list_reads_a_fixed_number_of_queries(people, sales_channel, member_factory):
    amy = ChatApi(people["amy"])
    path = one(sales_channel) + "/messages"
    authors = [people["amy"], people["kevin"], people["sun"]]
    for member in authors[1:]:
        services.channel_join(actor=member, conversation=sales_channel)
    amy.get("/channels")  # the token's first use writes when it was last used

    def grow(n):
        for i in range(n):
            message = send(authors[i % 3], sales_channel, f"line {i}")
            services.message_react(actor=people["kevin"], message=message, emoji="👍")
            services.message_react(actor=authors[(i + 1) % 3], message=message, emoji="🚢")

    def count():
        with CaptureQueriesContext(connection) as queries:
            r = amy.get(path, {"limit": 100})
        assert r.status_code == 200
        return len(queries), len(r.json()["items"])

    grow(2)
    few, listed = count()
    assert listed == 2
    grow(30)
    many, listed = count()
    assert listed == 32 and many == few
    with CaptureQueriesContext(connection) as queries:
        amy.get(one(sales_channel) + "/changes", {"after": 0})
    assert len(queries) == few


def test_my_conversations_read_a_fixed_number_of_queries(people, member_factory):
    amy = ChatApi(people["amy"])
    amy.get("/channels")  # the token's first use writes when it was last used

    def count():
        with CaptureQueriesContext(connection) as queries:
            r = amy.get("/conversations")
        assert r.status_code == 200
        return len(queries), len(r.json())

    services.direct_open(actor=people["amy"], members=[people["kevin"]])
    services.channel_create(actor=people["amy"], name="Sales")
    few, listed = count()
    for n in range(5):
        services.direct_open(actor=people["amy"], members=[member_factory(), member_factory()])
        services.channel_create(actor=people["amy"], name=f"Channel {n}")
    many, listed = count()
    assert listed == 12 and many == few


def test_another_workspace_gets_a_404_for_everything(people, sales_channel):
    message = send(people["amy"], sales_channel, "Floor price USD 11.20")
    stranger = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="rival-co"))
    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    mine = f"{one(sales_channel)}/messages/{message.public_id}"
    for api in (ChatApi(stranger, slug=people["amy"].workspace.slug), ChatApi(stranger)):
        for r in (
            api.get(one(sales_channel)),
            api.get(one(sales_channel) + "/messages"),
            api.post(one(sales_channel) + "/messages", {"body": "hi"}),
            api.post(one(sales_channel) + "/join"),
            api.get(mine),
            api.patch(mine, {"body": "x"}),
            api.delete(mine),
            api.post(mine + "/pin"),
            api.post(f"/customers/{customer.public_id}/room"),
            api.post("/direct", {"members": [str(people["amy"].public_id)]}),
        ):
            assert r.status_code == 404, r.content
            assert "11.20" not in r.content.decode() and "Sales" not in r.content.decode()
    assert Message.objects.count() == 1 and Message.objects.get().body == "Floor price USD 11.20"
    assert not Participant.objects.filter(membership=stranger).exists()


def test_a_message_becomes_a_task_or_a_timeline_note_from_the_api(people):
    amy = ChatApi(people["amy"])
    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    room = services.customer_room_open(actor=people["amy"], customer=customer)
    message = send(people["amy"], room, "Samples by Friday")
    path = f"{one(room)}/messages/{message.public_id}"
    made = amy.post(path + "/task", {"assignee": str(people["owner"].public_id), "due_date": "2026-12-31"})
    assert made.status_code == 201, made.content
    from tradewind.tasks.models import Task

    task = Task.objects.get(public_id=made.json()["id"])
    assert task.assignee_id == people["owner"].pk and task.title == "Samples by Friday"
    # Kevin may not read the room of Amy's customer: the task service refuses him as its assignee.
    refused = amy.post(path + "/task", {"assignee": str(people["kevin"].public_id)})
    assert refused.status_code == 422 and "assignee" in refused.json()["fields"]
    assert amy.post(path + "/task", {"assignee": "00000000-0000-0000-0000-000000000000"}).status_code == 404
    assert amy.post(path + "/log", {}).status_code == 201
    channel = services.channel_create(actor=people["amy"], name="Sales")
    elsewhere = send(people["amy"], channel, "hello")
    refused = amy.post(f"{one(channel)}/messages/{elsewhere.public_id}/log", {})
    assert refused.status_code == 422
    outsider = ChatApi(people["kevin"])  # the room of Amy's customer is not his
    assert outsider.post(path + "/task", {}).status_code == 404
