"""Shipments in headless Chromium (issue 12): logistics plans a shipment from the confirmed order's page,
adds a container (a wrong check digit is refused, the right one taken), moves the ETA and copies the
message drafted for the buyer — then the shipment's page on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory, MembershipFactory, UserFactory, workspace_today
from tests.test_catalog_services import kettle
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"
SHIPMENT_URL = re.compile(r"^https?://[^/]+/w/haitian/shipments/([0-9a-f-]{36})/(#.*)?$")


def _setup(team):
    """A confirmed order of 1,000 kettles for Hausmann GmbH (Li Na's customer), and Zhao Lei in logistics."""
    from tradewind.fx import services as fx
    from tradewind.trade import services as trade
    from tradewind.trade.lines import LineInput

    owner, rep = team.owner, team.colleagues[0]
    fx.trading_currency_add(actor=owner, code="EUR")
    for days in range(3):
        fx.rate_set(
            actor=owner,
            currency="EUR",
            on=workspace_today() - dt.timedelta(days=days),
            rate="1.08",
            confirm=True,
        )
    customer = CustomerFactory(
        actor=rep, name="Hausmann GmbH", country="DE", owner=rep,
        contacts=[{"name": "Jonas Vogel", "emails": ["einkauf@hausmann.example"]}],
    )  # fmt: skip
    quotation = trade.quotation_create(
        actor=rep, customer=customer, currency="EUR", incoterm="FOB", incoterm_place="Ningbo",
        payment_terms=[{"percent": "30", "method": "tt", "event": "deposit"},
                       {"percent": "70", "method": "tt", "event": "against_bl_copy"}],
        lines=[LineInput(product=kettle(owner), quantity="1000", unit_price="12.50")],
    )  # fmt: skip
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_confirm(
        actor=rep, order=trade.order_create_from_quotation(actor=rep, quotation=quotation)
    )
    logistics = MembershipFactory(
        workspace=team.workspace,
        role=Role.LOGISTICS,
        user=UserFactory(email="zhao.lei@haitian.example", full_name="Zhao Lei"),
    )
    return order, logistics


def test_logistics_ships_an_order_and_drafts_the_eta_message(browser: Browser, live_server, team):
    order, logistics = off_the_browser_thread(lambda: _setup(team))
    today = workspace_today()
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, logistics.user.email)
    page.goto(live_server.url + f"{WS}/orders/{order.public_id}/")
    expect(page.get_by_test_id("order-remaining")).to_have_text("1,000")
    page.get_by_test_id("new-shipment").click()
    page.get_by_label("Port of loading (UN/LOCODE)").fill("cnngb")
    page.get_by_label("Port of discharge (UN/LOCODE)").fill("DEHAM")
    page.get_by_label("ETD").fill((today + dt.timedelta(days=10)).isoformat())
    page.get_by_label("ETA", exact=True).fill((today + dt.timedelta(days=40)).isoformat())
    page.get_by_test_id("save-shipment").click()
    expect(page).to_have_url(SHIPMENT_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{order.number}-S1")
    expect(page.get_by_test_id("remaining")).to_have_text("0")

    page.get_by_test_id("add-container").click()
    page.get_by_label("Type").select_option("40HQ")
    page.get_by_label("Container number").fill("CSQU 305438 4")
    page.get_by_test_id("save-container").click()
    expect(page.get_by_text("by ISO 6346 it should be 3")).to_be_visible()
    page.get_by_label("Container number").fill("CSQU 305438 3")
    page.get_by_test_id("save-container").click()
    expect(page.get_by_test_id("container-number")).to_have_text("CSQU3054383")

    page.get_by_test_id("move-eta").click()
    page.get_by_label("New ETA").fill((today + dt.timedelta(days=45)).isoformat())
    page.get_by_label("Why it moved").fill("Port congestion in Hamburg")
    page.get_by_test_id("save-eta").click()
    expect(page).to_have_url(SHIPMENT_URL)
    draft = page.get_by_test_id("eta-draft")
    expect(draft).to_be_visible()
    expect(draft).to_have_value(re.compile(r"Dear Jonas Vogel.*Port congestion in Hamburg", re.S))

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, logistics.user.email)
    phone.goto(page.url)
    expect(phone.get_by_test_id("eta-draft")).to_be_visible()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "shipping-shipment-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the shipment's page is {width}px wide on a {PHONE['width']}px phone"
