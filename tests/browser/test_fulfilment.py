"""Fulfilment end to end in headless Chromium (issue 12): a confirmed order goes from the deposit to closed,
each member doing their own stage on the order's page — finance the deposit and the balance (receipts
recorded in the same panel), the merchandiser production and QC, logistics booking and shipping, the
documents clerk the documents, the rep delivery and closing — each finding it in "My orders"; then customer
service resolves the buyer's claim with a credit note. The board and the order page on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory, MembershipFactory, UserFactory, workspace_today
from tests.test_catalog_services import kettle
from tradewind.trade import services as trade
from tradewind.trade.lines import LineInput
from tradewind.trade.payment_terms import preset_terms
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"
JOBS = {
    "merchandiser": (Role.MERCHANDISER, "sun.min@haitian.example", "Sun Min"),
    "logistics": (Role.LOGISTICS, "zhao.lei@haitian.example", "Zhao Lei"),
    "finance": (Role.FINANCE, "qian.fang@haitian.example", "Qian Fang"),
    "service": (Role.SERVICE, "grace.he@haitian.example", "Grace He"),
}


def _setup(team):
    """The workspace's order team, and 1,000 kettles at USD 12.50 for Hausmann GmbH (Li Na's), 30 % T/T
    deposit and 70 % against the B/L copy, confirmed by the buyer: its fulfilment has started."""
    from tradewind.trade.workflow import services as workflow

    owner, rep, clerk = team.owner, team.colleagues[0], team.colleagues[1]
    members = {
        job: MembershipFactory(
            workspace=team.workspace, role=role, user=UserFactory(email=email, full_name=name)
        )
        for job, (role, email, name) in JOBS.items()
    }
    workflow.team_defaults_set(actor=owner, documents=clerk, **members)
    customer = CustomerFactory(actor=rep, name="Hausmann GmbH", country="DE", owner=rep)
    order = trade.order_create(
        actor=rep, customer=customer, currency="USD", incoterm="FOB", incoterm_place="Ningbo",
        payment_terms=preset_terms("tt_30_70_bl"), buyer_name="Hausmann GmbH",
        lines=[LineInput(product=kettle(owner), quantity="1000", unit_price="12.50")],
        delivery_date=workspace_today() + dt.timedelta(days=40),
    )  # fmt: skip
    trade.order_confirm(actor=rep, order=order)
    return order, rep, clerk, members


def _do_stage(page, key: str, *, reason: str = ""):
    """Tick the stage's steps on the order page and complete it (or complete it with a reason)."""
    stage = page.get_by_test_id(f"stage-{key}")
    if not reason:
        while stage.locator('[data-testid="item"][aria-pressed="false"]').count():
            stage.locator('[data-testid="item"][aria-pressed="false"]').first.click()
            stage = page.get_by_test_id(f"stage-{key}")
    else:
        stage.get_by_placeholder("Steps open: say why it is complete anyway").fill(reason)
    stage.get_by_test_id(f"complete-{key}").click()
    expect(page.get_by_test_id(f"stage-{key}").locator(".status")).to_have_text("Done")


def _receipt(page, amount: str):
    panel = page.get_by_test_id("receivables-panel")
    if panel.locator("details#record-receipt").get_attribute("open") is None:
        panel.get_by_text("Record a receipt").click()
    form = panel.get_by_test_id("receipt-form")
    form.get_by_label("Amount paid").fill(amount)
    form.get_by_test_id("record-receipt").click()


def test_an_order_from_deposit_to_closed_and_a_claim_settled(browser: Browser, live_server, team):
    order, rep, clerk, members = off_the_browser_thread(lambda: _setup(team))
    base = live_server.url
    order_url = f"{base}{WS}/orders/{order.public_id}/"

    def as_member(member, *, viewport=DESKTOP):
        page = browser.new_context(viewport=viewport).new_page()
        sign_in(page, base, member.user.email)
        return page

    # Finance: the deposit (30 % of 12,500) arrives; the first stage is theirs.
    finance = as_member(members["finance"])
    finance.goto(f"{base}{WS}/fulfilment/mine/")
    finance.get_by_role("link", name=order.number).click()
    _receipt(finance, "3,750.00")
    expect(finance.get_by_test_id("receivables-panel").get_by_test_id("paid")).to_have_text("$3,750.00")
    _do_stage(finance, "deposit")
    expect(finance.get_by_test_id("stage-production").locator(".status")).to_have_text("In progress")

    # The merchandiser: production, then QC (which may run beside booking).
    merchandiser = as_member(members["merchandiser"])
    merchandiser.goto(f"{base}{WS}/fulfilment/mine/")
    expect(merchandiser.get_by_test_id(f"row-{order.number}")).to_be_visible()
    merchandiser.goto(order_url)
    expect(merchandiser.get_by_test_id("complete-deposit")).to_have_count(0)  # not theirs, and done
    _do_stage(merchandiser, "production")
    _do_stage(merchandiser, "qc", reason="Buyer's QC inspected at the factory; report by e-mail")

    # Logistics: booking and shipping.
    logistics = as_member(members["logistics"])
    logistics.goto(order_url)
    _do_stage(logistics, "booking")
    _do_stage(logistics, "shipped")

    # The documents clerk: the documents.
    documents = as_member(clerk)
    documents.goto(order_url)
    _do_stage(documents, "documents")

    # Finance again: the balance.
    finance.goto(order_url)
    _receipt(finance, "8,750.00")
    expect(finance.get_by_test_id("receivables-panel").get_by_test_id("open")).to_have_text("$0.00")
    _do_stage(finance, "balance")

    # The rep: delivered, closed.
    rep_page = as_member(rep)
    rep_page.goto(order_url)
    _do_stage(rep_page, "delivered")
    _do_stage(rep_page, "closed")
    expect(rep_page.get_by_test_id("stages")).to_contain_text("9/9")
    rep_page.goto(f"{base}{WS}/fulfilment/list/?closed=1")
    expect(rep_page.get_by_test_id(f"row-{order.number}")).to_be_visible()

    # Customer service: the buyer's claim, settled with a credit note on the next order.
    service = as_member(members["service"])
    service.goto(order_url)
    service.get_by_test_id("new-case").click()
    form = service.get_by_test_id("case-form")
    form.get_by_label("Type").select_option("damage")
    form.get_by_label("What the buyer reports").fill("12 cartons crushed on arrival; 36 kettles dented.")
    form.get_by_label("Claimed amount").fill("450")
    form.get_by_test_id("save-case").click()
    resolve = service.get_by_test_id("resolve-form")
    resolve.get_by_label("Resolution").select_option("credit_note")
    resolve.get_by_label("Agreed amount").fill("400")
    resolve.get_by_test_id("resolve").click()
    expect(service.get_by_test_id("resolution")).to_contain_text("400")
    expect(service.get_by_test_id("credit-open")).to_be_visible()

    # On a phone: the board and the closed order's page fit the screen.
    phone = as_member(rep, viewport=PHONE)
    for name, path in (("board", f"{WS}/fulfilment/"), ("order", f"{WS}/orders/{order.public_id}/")):
        phone.goto(base + path)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOT_DIR / f"fulfilment-{name}-phone.png"), full_page=True)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the {name} is {width}px wide on a {PHONE['width']}px phone"
