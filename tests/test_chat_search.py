"""Searching the chat: words in any script through the index, only where the member may read, with the
person and date filters; the page and the API."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import CustomerFactory, workspace_today
from tradewind.chat import services
from tradewind.chat.models import Message
from tradewind.chat.search import MESSAGE_INDEX, MessageSearch, message_search
from tradewind.core.text import search_words
from tradewind.workspaces.choices import Role


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "manager": member_factory(Role.MANAGER),
    }


@pytest.fixture
def talk(people):
    amy, kevin = people["amy"], people["kevin"]
    sales = services.channel_create(actor=amy, name="Sales", members=[kevin])
    secret = services.channel_create(actor=amy, name="Pricing", is_private=True)
    room = services.customer_room_open(actor=amy, customer=CustomerFactory(actor=amy, name="Hausmann GmbH"))
    said = {
        "quote": services.message_send(actor=amy, conversation=sales, body="新报价单已发给 Hausmann"),
        "bl": services.message_send(actor=kevin, conversation=sales, body="B/L draft for PI-2026-0042 is OK"),
        "secret": services.message_send(actor=amy, conversation=secret, body="底价报价 11.90 only for us"),
        "room": services.message_send(actor=amy, conversation=room, body="Hausmann 要看报价的样品"),
    }
    return sales, secret, room, said


def found(member, **search) -> list:
    return list(message_search(membership=member, search=MessageSearch(**search)))


def test_words_in_any_script_find_the_messages_that_contain_them(people, talk):
    _sales, _secret, _room, said = talk
    assert found(people["amy"], q="报价") == [said["room"], said["secret"], said["quote"]]
    assert found(people["amy"], q="hausmann 报价单") == [said["quote"]]
    assert found(people["amy"], q="b/l pi-2026") == [said["bl"]]
    assert found(people["amy"], q="nothing like it") == []


def test_only_conversations_the_member_may_read_are_searched(people, talk):
    _sales, _secret, _room, said = talk
    # Kevin: not in the private channel, and the room's customer is Amy's.
    assert found(people["kevin"], q="报价") == [said["quote"]]
    assert found(people["manager"], q="报价") == [said["room"], said["quote"]]  # rooms, no private channel


def test_deleted_and_edited_messages(people, talk):
    _sales, _secret, _room, said = talk
    services.message_edit(actor=people["amy"], message=said["quote"], body="Quotation sent to Hausmann")
    services.message_delete(actor=people["amy"], message=said["room"])
    assert found(people["amy"], q="报价") == [said["secret"]]
    assert found(people["amy"], q="quotation sent") == [said["quote"]]


def test_person_and_dates(people, talk):
    _sales, _secret, _room, said = talk
    assert found(people["amy"], person=people["kevin"]) == [said["bl"]]
    today = workspace_today()
    assert len(found(people["amy"], date_from=today, date_to=today)) == 4
    assert found(people["amy"], date_to=today - dt.timedelta(days=1)) == []


def test_the_index_agrees_with_the_scan(people, talk):
    for q in ("报价", "报", "hausmann", "b/l", "pi-2026-0042", "样品", "only for us"):
        words = search_words(q)
        scan = Message.objects.filter(
            *[__import__("django.db.models", fromlist=["Q"]).Q(search_text__contains=w) for w in words]
        )
        indexed = Message.objects.filter(MESSAGE_INDEX.condition(words)).filter(pk__in=scan.values("pk"))
        assert set(indexed.values_list("pk", flat=True)) == set(scan.values_list("pk", flat=True)), q


def test_the_search_page_and_the_api(client, people, talk):
    sales, _secret, room, said = talk
    client.force_login(people["kevin"].user)
    page = client.get(reverse("chat:search", args=[sales.workspace.slug]), {"q": "报价"}).content.decode()
    assert page.count('data-testid="result"') == 1 and f"?at={said['quote'].seq}#m{said['quote'].seq}" in page
    assert "底价" not in page
    bad = client.get(
        reverse("chat:search", args=[sales.workspace.slug]),
        {"date_from": "2026-12-09", "date_to": "2026-12-01"},
    )
    assert bad.status_code == 400
    client.force_login(people["amy"].user)  # within one of her conversations: the room only
    within = {"q": "报价", "conversation": str(room.public_id)}
    page = client.get(reverse("chat:search", args=[sales.workspace.slug]), within).content.decode()
    assert page.count('data-testid="result"') == 1 and "要看报价的样品" in page
    assert 'data-testid="within"' in page and "Hausmann GmbH" in page
    client.force_login(people["kevin"].user)  # a room he may not read
    assert client.get(reverse("chat:search", args=[sales.workspace.slug]), within).status_code == 404
    at = client.get(reverse("chat:conversation", args=[sales.workspace.slug, sales.public_id]), {"at": 1})
    assert 'id="m1"' in at.content.decode()
    api = client.get(f"/api/v1/workspaces/{sales.workspace.slug}/chat/search", {"q": "报价"})
    assert api.status_code == 200
    (item,) = api.json()["items"]
    assert item["id"] == str(said["quote"].public_id) and item["conversation"] == str(sales.public_id)
