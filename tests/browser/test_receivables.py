"""Receivables in headless Chromium (issue 12): finance records the buyer's deposit on the order's page (an
over-payment is refused until confirmed), then the receivables list with its ageing on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory, MembershipFactory, UserFactory, workspace_today
from tests.test_catalog_services import kettle
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"


def _setup(team):
    """A confirmed order of 1,000 kettles at EUR 12.50 for Hausmann GmbH (30 % deposit, 70 % against B/L),
    a second one in USD whose deposit is 40 days overdue, and Qian Fang in finance."""
    from tradewind.fx import services as fx
    from tradewind.trade import services as trade
    from tradewind.trade.lines import LineInput
    from tradewind.trade.services.payments import order_payments_due_set

    owner, rep = team.owner, team.colleagues[0]
    fx.trading_currency_add(actor=owner, code="EUR")
    for days in range(3):
        on = workspace_today() - dt.timedelta(days=days)
        fx.rate_set(actor=owner, currency="EUR", on=on, rate="1.08", confirm=True)
    customer = CustomerFactory(actor=rep, name="Hausmann GmbH", country="DE", owner=rep)
    product = kettle(owner)
    orders = []
    for currency in ("EUR", "USD"):
        quotation = trade.quotation_create(
            actor=rep, customer=customer, currency=currency, incoterm="FOB", incoterm_place="Ningbo",
            payment_terms=[{"percent": "30", "method": "tt", "event": "deposit"},
                           {"percent": "70", "method": "tt", "event": "against_bl_copy"}],
            lines=[LineInput(product=product, quantity="1000", unit_price="12.50")],
        )  # fmt: skip
        trade.quotation_mark_sent(actor=rep, quotation=quotation)
        trade.quotation_accept(actor=rep, quotation=quotation)
        orders.append(
            trade.order_confirm(
                actor=rep, order=trade.order_create_from_quotation(actor=rep, quotation=quotation)
            )
        )
    deposit = orders[1].payments.get(position=0)
    order_payments_due_set(due=[(deposit, workspace_today() - dt.timedelta(days=40))])
    finance = MembershipFactory(
        workspace=team.workspace,
        role=Role.FINANCE,
        user=UserFactory(email="qian.fang@haitian.example", full_name="Qian Fang"),
    )
    return orders[0], finance


def test_finance_records_a_deposit_and_reads_the_ageing(browser: Browser, live_server, team):
    order, finance = off_the_browser_thread(lambda: _setup(team))
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, finance.user.email)
    page.goto(live_server.url + f"{WS}/orders/{order.public_id}/")
    panel = page.get_by_test_id("receivables-panel")
    expect(panel.get_by_test_id("open")).to_have_text("€12,500.00")
    form = panel.get_by_test_id("receipt-form")
    form.get_by_label("Amount paid").fill("13,000.00")
    form.get_by_test_id("record-receipt").click()
    expect(page.get_by_text("Confirm the over-payment")).to_be_visible()  # the form again, with the error
    page.get_by_label("Amount paid").fill("4,000.00")
    page.get_by_label("Bank charges").fill("25")
    page.get_by_label("Bank reference").fill("FT26120700042")
    page.get_by_test_id("record-receipt").click()
    panel = page.get_by_test_id("receivables-panel")
    expect(panel.get_by_test_id("paid")).to_have_text("€4,000.00")
    expect(panel.get_by_test_id("open")).to_have_text("€8,500.00")
    expect(panel.get_by_test_id("receipt")).to_have_count(1)

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, finance.user.email)
    phone.goto(live_server.url + f"{WS}/receivables/")
    expect(phone.get_by_test_id("receivable")).to_have_count(2)
    expect(phone.get_by_test_id("currency-total")).to_have_count(2)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "receivables-list-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the receivables list is {width}px wide on a {PHONE['width']}px phone"
    phone.goto(live_server.url + f"{WS}/orders/{order.public_id}/")
    phone.screenshot(path=str(SCREENSHOT_DIR / "receivables-order-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the order's page is {width}px wide on a {PHONE['width']}px phone"
