"""Sales end to end in headless Chromium (issue 11): a rep answers an inquiry with a EUR quotation whose
discount needs approval, the manager approves, the rep sends it; the buyer accepts, the PI is made and
confirmed, and the order appears — then the same pages on a phone."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory, MembershipFactory, UserFactory, workspace_today
from tests.test_catalog_services import kettle
from tradewind.core.money import Money
from tradewind.trade.models import Order, Quotation
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"
QUOTATION_URL = re.compile(r"^https?://[^/]+/w/haitian/quotations/([0-9a-f-]{36})/$")


def _setup(team):
    from tradewind.catalog import services as catalog
    from tradewind.fx import services as fx
    from tradewind.trade.inquiries import services as inquiries

    owner = team.owner
    fx.trading_currency_add(actor=owner, code="EUR")
    fx.trading_currency_add(actor=owner, code="CNY")
    today = workspace_today()
    for days in range(5):
        fx.rate_set(
            actor=owner, currency="EUR", on=today - dt.timedelta(days=days), rate="1.08", confirm=True
        )
        fx.rate_set(
            actor=owner, currency="CNY", on=today - dt.timedelta(days=days), rate="0.14", confirm=True
        )
    manager = MembershipFactory(
        workspace=team.workspace,
        role=Role.MANAGER,
        user=UserFactory(email="zhang.min@haitian.example", full_name="Zhang Min"),
    )
    rep = team.colleagues[0]  # Li Na, sales
    product = kettle(manager)
    catalog.product_update(actor=manager, product=product, cost=Money(Decimal("70"), "CNY"))
    customer = CustomerFactory(
        actor=rep, name="Hausmann GmbH", country="DE", owner=rep,
        contacts=[{"name": "Jonas Vogel", "emails": ["einkauf@hausmann.example"]}],
    )  # fmt: skip
    inquiry = inquiries.inquiry_create(
        actor=rep, customer=customer, message="Please quote 1,000 kettles KT-1700, FOB Ningbo.",
        items=[{"product": product, "quantity": "1000"}],
    )  # fmt: skip
    return manager, rep, inquiry


def test_inquiry_to_order(browser: Browser, live_server, team):
    manager, rep, inquiry = off_the_browser_thread(lambda: _setup(team))
    base = live_server.url
    rep_page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(rep_page, base, rep.user.email)
    rep_page.goto(f"{base}{WS}/inquiries/{inquiry.public_id}/")
    rep_page.get_by_role("link", name="Make a quotation").click()
    expect(rep_page.get_by_role("heading", level=1)).to_have_text("New quotation")
    rep_page.get_by_label("Currency").select_option("EUR")
    rep_page.get_by_label("Named place").fill("Ningbo")
    rep_page.locator("input[name=line-price]").first.fill("14")
    rep_page.locator("input[name=line-discount]").first.fill("15")
    rep_page.get_by_test_id("save-document").click()
    expect(rep_page).to_have_url(QUOTATION_URL)
    quotation_url = rep_page.url
    expect(rep_page.get_by_test_id("total")).to_have_text("€11,900.00")
    rep_page.get_by_test_id("submit").click()
    expect(rep_page.get_by_test_id("awaiting-approval")).to_contain_text("a discount of 15 %")

    boss = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(boss, base, manager.user.email)
    boss.goto(quotation_url)
    boss.get_by_label("Comment").fill("OK for a first order")
    boss.get_by_test_id("approve").click()
    expect(boss.get_by_test_id("status")).to_have_text("Approved")

    rep_page.goto(quotation_url)
    expect(rep_page.get_by_label("To", exact=True)).to_have_value("einkauf@hausmann.example")
    rep_page.get_by_test_id("send").click()
    expect(rep_page.get_by_test_id("status")).to_have_text("Sent")
    assert mail.outbox and mail.outbox[-1].attachments[0][2] == "application/pdf"
    rep_page.get_by_test_id("accept").click()
    expect(rep_page.get_by_test_id("status")).to_have_text("Accepted")
    rep_page.get_by_test_id("make-pi").click()
    rep_page.get_by_label("Port of discharge").fill("Hamburg")
    rep_page.get_by_test_id("save-pi").click()
    expect(rep_page.get_by_test_id("status")).to_have_text("Proforma sent, awaiting confirmation")
    rep_page.get_by_test_id("confirm-order").click()
    expect(rep_page.get_by_test_id("status")).to_have_text("Confirmed")
    expect(rep_page.get_by_test_id("payment-amount").first).to_have_text("€3,570.00")  # 30 % of 11,900

    rep_page.goto(f"{base}{WS}/orders/")
    order = Order.objects.get()
    expect(rep_page.get_by_role("link", name=order.number)).to_be_visible()
    quotation = Quotation.objects.get()
    assert quotation.inquiry_id == inquiry.pk
    inquiry.refresh_from_db()
    assert inquiry.status == "won"

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, base, rep.user.email)
    phone.goto(quotation_url)
    expect(phone.get_by_test_id("total")).to_be_visible()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "sales-quotation-phone.png"), full_page=True)
    phone.goto(f"{base}{WS}/orders/{order.public_id}/")
    expect(phone.get_by_test_id("status")).to_have_text("Confirmed")
    phone.screenshot(path=str(SCREENSHOT_DIR / "sales-order-phone.png"), full_page=True)
