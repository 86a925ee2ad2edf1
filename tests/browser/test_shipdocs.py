"""Shipping documents in headless Chromium (issue 12): the documents clerk records the L/C of a CIF order paid
by L/C, makes the shipment's checklist (insurance and the L/C's papers appear, with the presentation
deadline), hands in the B/L draft and checks it — then the documents page on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory, workspace_today
from tests.test_catalog_services import kettle

pytestmark = pytest.mark.browser

WS = "/w/haitian"


def _setup(team):
    """A confirmed order of 1,000 kettles CIF Hamburg, 100 % L/C at sight, shipped in one container; Wang Fang
    is the workspace's documents clerk."""
    from tradewind.fx import services as fx
    from tradewind.trade import services as trade
    from tradewind.trade.lines import LineInput
    from tradewind.trade.payment_terms import preset_terms
    from tradewind.trade.shipping.models import Container, Shipment, ShipmentLine
    from tradewind.trade.workflow.models import TeamDefaults

    owner, rep, clerk = team.owner, team.colleagues[0], team.colleagues[1]
    fx.trading_currency_add(actor=owner, code="EUR")
    for days in range(3):
        on = workspace_today() - dt.timedelta(days=days)
        fx.rate_set(actor=owner, currency="EUR", on=on, rate="1.08", confirm=True)
    customer = CustomerFactory(actor=rep, name="Hausmann GmbH", country="DE", owner=rep)
    quotation = trade.quotation_create(
        actor=rep,
        customer=customer,
        currency="EUR",
        incoterm="CIF",
        incoterm_place="Hamburg",
        payment_terms=preset_terms("lc_sight"),
        lines=[LineInput(product=kettle(owner), quantity="1000", unit_price="12.50")],
    )
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_confirm(
        actor=rep, order=trade.order_create_from_quotation(actor=rep, quotation=quotation)
    )
    TeamDefaults.objects.update_or_create(workspace=team.workspace, defaults={"documents": clerk})
    shipment = Shipment.objects.create(
        workspace=team.workspace,
        order=order,
        number=f"{order.number}-S1",
        port_of_discharge="DEHAM",
        bl_number="MEDU7781204",
        bl_date=workspace_today(),
    )
    line = order.lines.get()
    ShipmentLine.objects.create(
        workspace=team.workspace, shipment=shipment, order_line=line, quantity=line.quantity
    )
    Container.objects.create(
        workspace=team.workspace,
        shipment=shipment,
        container_type="40HQ",
        number="CSQU3054383",
        seal_number="SL-1",
        cartons=167,
        gross_kg=order.gross_kg,
        cbm=order.cbm,
    )
    return order, shipment, clerk


def test_the_clerk_records_the_lc_and_works_the_checklist(browser: Browser, live_server, team, tmp_path):
    order, shipment, clerk = off_the_browser_thread(lambda: _setup(team))
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, clerk.user.email)
    page.goto(live_server.url + f"{WS}/orders/{order.public_id}/")
    panel = page.get_by_test_id("shipdocs-order-panel")
    expect(panel).to_contain_text("paid by L/C but none is recorded")
    panel.get_by_test_id("lc-edit").click()
    page.get_by_label("L/C number").fill("LC-HH-2026-01")
    page.get_by_label("Issuing bank").fill("Commerzbank Hamburg")
    page.get_by_label("Expiry date").fill((workspace_today() + dt.timedelta(days=60)).isoformat())
    page.get_by_label("Inspection certificate").check()
    page.get_by_test_id("save-lc").click()
    expect(page.get_by_test_id("shipdocs-order-panel")).to_contain_text("LC-HH-2026-01")

    page.goto(live_server.url + f"{WS}/shipments/{shipment.public_id}/documents/")
    page.get_by_test_id("recompute").click()
    documents = page.get_by_test_id("document")
    expect(documents).to_have_count(8)
    expect(page.locator("article", has_text="Insurance policy")).to_contain_text("Incoterm CIF")
    deadline = workspace_today() + dt.timedelta(days=21)
    expect(page.get_by_test_id("deadline")).to_have_text(re.compile(str(deadline.day)))

    bl = page.locator("article", has_text="Bill of lading")
    bl.get_by_text("Upload a version").click()
    draft = tmp_path / "bl-draft.pdf"
    draft.write_bytes(b"%PDF-1.4 draft B/L")
    bl.locator("input[type=file]").set_input_files(str(draft))
    bl.get_by_test_id("upload").click()
    bl = page.locator("article", has_text="Bill of lading")
    expect(bl.get_by_test_id("version")).to_contain_text("bl-draft.pdf")
    expect(bl.get_by_test_id("document-status")).to_have_text("Drafted")
    bl.get_by_text("Change the status").click()
    bl.locator("select[name=status]").select_option("checked")
    bl.get_by_test_id("set-status").click()
    expect(page.locator("article", has_text="Bill of lading").get_by_test_id("document-status")).to_have_text(
        "Checked"
    )
    expect(page.get_by_test_id("ci-total")).to_have_text("€12,500.00")

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, clerk.user.email)
    phone.goto(page.url)
    expect(phone.get_by_test_id("document").first).to_be_visible()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "shipdocs-documents-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the documents page is {width}px wide on a {PHONE['width']}px phone"
