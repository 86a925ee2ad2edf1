"""Chat in two browsers on a real server (`tradewind serve`: HTTP and websockets): a message with a
mention reaches the other member live and rings their bell, a thread reply shows on the message, a pasted
image arrives as a thumbnail, and a message written while the server restarts is delivered once, nothing
lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from tests.processes import free_port, serving
from tradewind.chat import services
from tradewind.chat.models import Message
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def chat_team(transactional_db):
    workspace = WorkspaceFactory(name="Ningbo Haitian Trading", slug="haitian")
    amy = MembershipFactory(
        workspace=workspace,
        role=Role.SALES,
        user=UserFactory(email="amy@haitian.example", full_name="Amy Liu"),
    )
    kevin = MembershipFactory(
        workspace=workspace,
        role=Role.SALES,
        user=UserFactory(email="kevin@haitian.example", full_name="Kevin Zhou", language="zh-hans"),
    )
    channel = services.channel_create(actor=amy, name="sales", members=[kevin])
    return amy, kevin, channel


@pytest.fixture
def chat_server(transactional_db, tmp_path):
    """`tradewind serve` with its worker: notifications of messages are the worker's."""
    with serving(free_port(), tmp_path / "serve.log", worker=True) as base:
        yield base


def _open(context, base, member, channel):
    page = context.new_page()
    sign_in(page, base, member.user.email)
    page.goto(f"{base}/w/haitian/chat/{channel.public_id}/")
    expect(page.locator("body")).to_have_attribute("data-live", "on")  # the websocket is open
    return page


def test_a_mention_and_a_thread_reply_arrive_live(browser: Browser, chat_server: str, chat_team):
    amy, kevin, channel = chat_team
    a_context, b_context = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=PHONE)
    try:
        b = _open(b_context, chat_server, kevin, channel)
        b.evaluate("window.twNotReloaded = true")
        a = _open(a_context, chat_server, amy, channel)
        composer = a.locator("#chat-body")
        composer.fill("报价已发给 Hausmann, please check ")
        composer.press_sequentially("@Kev")
        # Kevin sees her writing (in his language), and not once her message is there.
        expect(b.locator("[data-testid=typing]")).to_have_text("Amy Liu 正在输入…")
        a.locator(".chat-mentions li", has_text="Kevin Zhou").click()
        composer.press("Enter")
        expect(a.locator("#m1")).to_contain_text("报价已发给 Hausmann")
        expect(b.locator("[data-testid=typing]")).to_be_hidden()

        message = b.locator("#m1")  # Kevin's phone, not reloaded
        expect(message).to_contain_text("报价已发给 Hausmann")
        expect(message.locator(".mention")).to_have_text("@Kevin Zhou")
        expect(b.locator("a[data-testid=bell] .bell-count")).to_have_text("1")
        assert b.evaluate("window.twNotReloaded === true")

        message.get_by_role("link", name="在话题中回复").click()
        reply = b.locator("#thread-body")
        reply.fill("收到，我来跟进")
        reply.press("Enter")
        expect(b.locator(".chat-replies")).to_contain_text("收到，我来跟进")
        expect(a.locator("#m1")).to_contain_text("1 reply")  # Amy's page, live
    finally:
        a_context.close()
        b_context.close()


# What pasting a screenshot does: a paste event whose clipboard holds an image file.
PASTE_AN_IMAGE = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 48; canvas.height = 32;
  const g = canvas.getContext("2d"); g.fillStyle = "#1478c8"; g.fillRect(0, 0, 48, 32);
  const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
  const clipboard = new DataTransfer();
  clipboard.items.add(new File([blob], "image.png", { type: "image/png" }));
  const area = document.getElementById("chat-body");
  area.focus();
  const paste = new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true });
  area.dispatchEvent(paste);
}"""


def test_a_pasted_image_arrives_as_a_thumbnail(browser: Browser, asgi_server: str, chat_team):
    amy, kevin, channel = chat_team
    a_context, b_context = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=PHONE)
    try:
        b = _open(b_context, asgi_server, kevin, channel)
        a = _open(a_context, asgi_server, amy, channel)
        a.evaluate(PASTE_AN_IMAGE)
        expect(a.locator(".chat-chosen")).to_contain_text("image.png")  # waits in the composer
        a.locator("#chat-body").fill("The carton marks")
        a.locator("#chat-body").press("Enter")
        expect(a.locator(".chat-chosen")).to_be_hidden()
        thumbnail = b.locator("#m1 .chat-files img")  # Kevin's phone, live
        expect(thumbnail).to_be_visible()
        expect(b.locator("#m1")).to_contain_text("The carton marks")
        b.wait_for_function(  # the thumbnail itself loads (an image, served to the reader)
            "() => { const img = document.querySelector('#m1 .chat-files img');"
            " return img && img.complete && img.naturalWidth > 0; }"
        )
    finally:
        a_context.close()
        b_context.close()


def test_a_message_written_while_the_server_restarts_is_delivered_once(browser: Browser, chat_team, tmp_path):
    amy, kevin, channel = chat_team
    port, log = free_port(), tmp_path / "serve.log"
    a_context, b_context = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=DESKTOP)
    try:
        with serving(port, log) as base:
            a = _open(a_context, base, amy, channel)
            b = _open(b_context, base, kevin, channel)
        # The server is down: Amy writes anyway; the page keeps it and shows it as sending.
        expect(a.locator("body")).to_have_attribute("data-live", "off")
        a.locator("#chat-body").fill("Container CAIU 2345672 sealed")
        a.locator("#chat-body").press("Enter")
        expect(a.locator("[data-pending]")).to_contain_text("Container CAIU 2345672 sealed")
        with serving(port, log):
            # Both sockets come back by themselves (no reload); the queued message is sent once.
            expect(a.locator("#m1")).to_contain_text("Container CAIU 2345672 sealed", timeout=40_000)
            expect(b.locator("#m1")).to_contain_text("Container CAIU 2345672 sealed", timeout=40_000)
            expect(a.locator("[data-pending]")).to_have_count(0)
        assert Message.objects.filter(conversation=channel).count() == 1
    finally:
        a_context.close()
        b_context.close()
