"""Cards for the objects a message names — a task (T-12), a quotation, an order by its number, a customer
by the link to its page: the state now, only to readers who may see the object, on the page and in the
API, and the API's look-up of one reference."""

import pytest
from django.urls import reverse

from tests.sales import quote
from tests.test_chat_api import ChatApi, one
from tradewind.chat import services
from tradewind.chat.references import Reference, references_in
from tradewind.tasks import services as tasks
from tradewind.trade import services as trade
from tradewind.workspaces.choices import Role


def test_numbers_and_links_are_read_once_each_and_only_whole():
    body = (
        "T-12 and T-12 again; Q-2026-0001-R2, pi-2026-0009 is not upper case, PI-2026-0003-S1 is a "
        "shipment, see https://tw.example/w/acme/customers/0b8f6c64-2e8e-4d7e-9a76-1a2b3c4d5e6f/ and "
        "/w/other/orders/0b8f6c64-2e8e-4d7e-9a76-1a2b3c4d5e6f/, ZT-9"
    )
    assert references_in(body, "acme") == [
        Reference("task", "12"),
        Reference("quotation", "Q-2026-0001-R2"),
        Reference("customer", "0b8f6c64-2e8e-4d7e-9a76-1a2b3c4d5e6f"),
    ]


@pytest.fixture
def world(setup, member_factory):
    rep = setup["rep"]
    quotation = quote(setup)
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_create_from_quotation(actor=rep, quotation=quotation)
    task = tasks.task_create(actor=rep, title="Book the container")
    channel = services.channel_create(actor=setup["manager"], name="Sales")
    other = member_factory(Role.SALES)
    for member in (rep, other):
        services.channel_join(actor=member, conversation=channel)
    customer_link = reverse("crm:detail", args=[rep.workspace.slug, setup["customer"].public_id])
    message = services.message_send(
        actor=rep, conversation=channel,
        body=f"T-{task.number} for {order.number} ({quotation.number}), buyer: {customer_link}",
    )  # fmt: skip
    return {**setup, "other": other, "channel": channel, "message": message, "order": order, "task": task}


def test_each_reader_sees_the_cards_of_what_they_may_see(world, client_for):
    url = reverse("chat:conversation", args=[world["channel"].workspace.slug, world["channel"].public_id])
    page = client_for(world["rep"]).get(url).content.decode()
    assert page.count('class="chat-card"') == 4
    assert 'data-card="order"' in page and "Hausmann GmbH" in page and "Book the container" in page
    # A colleague's customer is private: its order, quotation and profile stay text to another rep.
    page = client_for(world["other"]).get(url).content.decode()
    assert page.count('class="chat-card"') == 1 and 'data-card="task"' in page
    assert world["order"].number in page  # the text as typed


def test_a_card_says_the_state_now(world):
    api = ChatApi(world["manager"])
    (item,) = api.get(one(world["channel"]) + "/messages").json()["items"]
    order_card = next(c for c in item["cards"] if c["kind"] == "order")
    assert order_card["reference"] == world["order"].number
    tasks.task_set_status(actor=world["rep"], task=world["task"], status="done")
    (item,) = api.get(one(world["channel"]) + "/messages").json()["items"]
    task_card = next(c for c in item["cards"] if c["kind"] == "task")
    assert task_card["state"] == "Done" and task_card["title"] == "Book the container"


def test_the_api_looks_up_one_reference_and_hides_what_the_caller_may_not_see(world):
    number = world["order"].number
    found = ChatApi(world["rep"]).get("/cards", {"ref": number})
    assert found.status_code == 200 and found.json()["kind"] == "order"
    assert ChatApi(world["other"]).get("/cards", {"ref": number}).status_code == 404
    assert ChatApi(world["rep"]).get("/cards", {"ref": "PI-1999-9999"}).status_code == 404
    assert ChatApi(world["rep"]).get("/cards", {"ref": "hello"}).status_code == 404
    assert ChatApi(world["rep"]).get("/cards", {"ref": ""}).status_code == 422
