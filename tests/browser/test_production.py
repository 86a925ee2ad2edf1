"""Production and QC in headless Chromium (issue 12): the merchandiser adds a factory, places the confirmed
order's production from its page, records progress with a photo (a date past the delivery date puts the
order at risk), books an inspection that fails and blocks booking — and the manager accepts the risk. The
pages on a phone."""

from __future__ import annotations

import datetime as dt
import io
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
INSPECTION_URL = re.compile(r"^https?://[^/]+/w/haitian/inspections/[0-9a-f-]{36}/(#.*)?$")


def _setup(team):
    """A confirmed order of 1,000 kettles for Hausmann GmbH (Li Na's), due in 30 days; Sun Min follows
    production, Zhang Wei manages."""
    from tradewind.fx import services as fx
    from tradewind.trade import services as trade
    from tradewind.trade.lines import LineInput

    owner, rep = team.owner, team.colleagues[0]
    fx.trading_currency_add(actor=owner, code="EUR")
    for days in range(3):
        on = workspace_today() - dt.timedelta(days=days)
        fx.rate_set(actor=owner, currency="EUR", on=on, rate="1.08", confirm=True)
    customer = CustomerFactory(actor=rep, name="Hausmann GmbH", country="DE", owner=rep)
    quotation = trade.quotation_create(
        actor=rep, customer=customer, currency="EUR", incoterm="FOB", incoterm_place="Ningbo",
        payment_terms=[{"percent": "100", "method": "tt", "event": "deposit"}],
        lines=[LineInput(product=kettle(owner), quantity="1000", unit_price="12.50")],
    )  # fmt: skip
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_create_from_quotation(
        actor=rep, quotation=quotation, delivery_date=workspace_today() + dt.timedelta(days=30)
    )
    order = trade.order_confirm(actor=rep, order=order)
    merchandiser = MembershipFactory(
        workspace=team.workspace,
        role=Role.MERCHANDISER,
        user=UserFactory(email="sun.min@haitian.example", full_name="Sun Min"),
    )
    manager = MembershipFactory(
        workspace=team.workspace,
        role=Role.MANAGER,
        user=UserFactory(email="zhang.wei@haitian.example", full_name="Zhang Wei"),
    )
    return order, merchandiser, manager


def _photo() -> dict:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (70, 110, 150)).save(out, "JPEG")
    return {"name": "assembly.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def _fits_the_phone(browser, live_server, email, path, name):
    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, email)
    phone.goto(live_server.url + path)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / f"production-{name}-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px phone"


def test_the_merchandiser_follows_production_and_qc(browser: Browser, live_server, team):
    order, merchandiser, manager = off_the_browser_thread(lambda: _setup(team))
    today = workspace_today()
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, merchandiser.user.email)

    page.goto(live_server.url + f"{WS}/suppliers/")
    page.get_by_test_id("new-supplier").click()
    page.get_by_label("Name").fill("Cixi Jiadian Small Appliance Factory")
    page.get_by_label("City").fill("Cixi")
    page.get_by_test_id("save-supplier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cixi Jiadian")

    order_path = f"{WS}/orders/{order.public_id}/"
    page.goto(live_server.url + order_path)
    page.get_by_test_id("place-production").click()
    page.get_by_label("Supplier").select_option(label="Cixi Jiadian Small Appliance Factory")
    page.get_by_label("Planned start").fill((today + dt.timedelta(days=5)).isoformat())
    page.get_by_label("Planned ready date").fill(today.isoformat())
    page.get_by_test_id("save-production").click()
    expect(page.get_by_text("The planned ready date cannot be before the planned start.")).to_be_visible()
    page.get_by_label("Planned ready date").fill((today + dt.timedelta(days=25)).isoformat())
    page.get_by_test_id("save-production").click()
    expect(page.locator("#production")).to_contain_text("Cixi Jiadian")

    page.locator("#production").get_by_role("link", name="Cixi Jiadian Small Appliance Factory").click()
    page.get_by_label("Progress (%)").fill("40")
    page.get_by_label("New expected ready date").fill((today + dt.timedelta(days=38)).isoformat())
    page.get_by_label("Note").fill("Thermostats two weeks late")
    page.get_by_label("Photos").set_input_files([_photo()])
    page.get_by_test_id("record-progress").click()
    expect(page.locator("#updates img")).to_have_count(1)
    expect(page.get_by_text("late for delivery")).to_be_visible()
    production_path = page.url.removeprefix(live_server.url).split("#")[0]

    page.goto(live_server.url + order_path)
    page.get_by_test_id("book-inspection").click()
    page.get_by_label("Inspected by").select_option("sgs")
    page.get_by_test_id("save-inspection").click()
    expect(page).to_have_url(INSPECTION_URL)
    page.get_by_label("Result").select_option("fail")
    page.get_by_label("Defects found").fill("9 of 200 lids do not close flush")
    page.get_by_test_id("record-result").click()
    expect(page.get_by_test_id("booking-blocked")).to_be_visible()
    inspection_path = page.url.removeprefix(live_server.url).split("#")[0]

    boss = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(boss, live_server.url, manager.user.email)
    boss.goto(live_server.url + inspection_path)
    boss.get_by_label("Why the risk is accepted").fill("Buyer takes them at 3% off")
    boss.get_by_test_id("accept-risk").click()
    expect(boss.get_by_test_id("booking-blocked")).to_have_count(0)
    expect(boss.get_by_text("Buyer takes them at 3% off").first).to_be_visible()

    _fits_the_phone(browser, live_server, merchandiser.user.email, order_path, "order")
    _fits_the_phone(browser, live_server, merchandiser.user.email, production_path, "production")
    _fits_the_phone(browser, live_server, merchandiser.user.email, inspection_path, "inspection")
    _fits_the_phone(browser, live_server, merchandiser.user.email, f"{WS}/suppliers/", "suppliers")
