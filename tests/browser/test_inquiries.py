"""Inquiries in headless Chromium: a rep corrects an inquiry on its edit page (the buyer now wants more,
CIF Hamburg) and the inquiry page shows the change."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in, url_path_is
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory
from tradewind.trade.inquiries.models import Inquiry
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"


def _setup(team):
    from tradewind.trade.inquiries import services as inquiries

    rep = team.colleagues[0]  # Li Na, sales
    assert rep.role == Role.SALES
    customer = CustomerFactory(
        actor=rep, name="Hausmann GmbH", country="DE",
        contacts=[{"name": "Jonas Vogel"}, {"name": "Petra Lang"}],
    )  # fmt: skip
    inquiry = inquiries.inquiry_create(
        actor=rep, customer=customer, contact=customer.contacts.get(name="Jonas Vogel"),
        message="Please quote 1,000 glass teapots.",
        items=[{"description": "Glass teapot", "quantity": "1000"}],
    )  # fmt: skip
    return rep, inquiry


def test_a_rep_edits_an_inquiry(browser: Browser, live_server, team):
    rep, inquiry = off_the_browser_thread(lambda: _setup(team))
    base = live_server.url
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, base, rep.user.email)
    detail = f"{WS}/inquiries/{inquiry.public_id}/"
    page.goto(base + detail)
    page.get_by_test_id("edit-inquiry").click()
    expect(page).to_have_url(url_path_is(f"{detail}edit/"))
    expect(page.locator("input[name=item-0-quantity]")).to_have_value("1000")
    page.get_by_label("Contact", exact=True).select_option(label="Petra Lang")
    page.get_by_label("Incoterm").select_option("CIF")
    page.get_by_label("Destination port (UN/LOCODE)").fill("DEHAM")
    page.locator("input[name=item-0-quantity]").fill("1500")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_path_is(detail))
    expect(page.get_by_text("CIF DEHAM")).to_be_visible()
    expect(page.get_by_text("1500")).to_be_visible()
    saved = off_the_browser_thread(lambda: Inquiry.objects.select_related("contact").get(pk=inquiry.pk))
    assert (saved.incoterm, saved.destination_port, saved.contact.name) == ("CIF", "DEHAM", "Petra Lang")

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, base, rep.user.email)
    phone.goto(f"{base}{detail}edit/")
    expect(phone.locator("input[name=item-0-quantity]")).to_have_value("1500")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the inquiry's edit page is {width}px wide on a phone"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "inquiry-edit-phone.png"), full_page=True)
