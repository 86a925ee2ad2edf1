"""E-mail in headless Chromium (issue 15), against the real Dovecot and SMTP servers of tests/mailservers.py:
a rep connects her mailbox through the form, finds the buyer's e-mail on the customer's page, replies with a
template, the quotation's PDF as Tradewind makes it and a file from the customer's documents, and schedules
an e-mail for the buyer's morning; the outbox on a phone."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Browser, expect

from tests import mail_samples as samples
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tests.factories import CustomerFactory
from tests.sales import TT_30_70
from tests.test_catalog_services import kettle
from tradewind.library import services as library
from tradewind.mail.models import MailTemplate, OutgoingMail
from tradewind.trade import services as trade
from tradewind.trade.lines import LineInput

pytestmark = pytest.mark.browser

WS = "/w/haitian"


def test_a_rep_connects_replies_with_a_template_and_a_pdf_and_schedules_for_the_buyers_morning(
    browser: Browser, live_server, team, imap_server, smtp_server
):
    rep = team.colleagues[0]  # Li Na, sales
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    imap_server.deliver(account, samples.plain(subject="Inquiry: kettles", message_id="<q1@hausmann.de>"))

    def prepare():
        customer = CustomerFactory(
            actor=rep, name="Hausmann GmbH", country="DE",
            contacts=[{"name": "Hans Müller", "emails": ["hans@hausmann.de"], "is_primary": True}],
        )  # fmt: skip
        library.document_upload(
            actor=rep,
            folder=library.customer_folder(customer),
            upload=SimpleUploadedFile("Quotation Q-2026-0042.pdf", b"%PDF-1.4\n% Q-2026-0042\n%%EOF\n"),
        )
        quotation = trade.quotation_create(
            actor=rep, customer=customer, currency=rep.workspace.currency, incoterm="FOB",
            incoterm_place="Ningbo", payment_terms=TT_30_70,
            lines=[LineInput(product=kettle(team.owner), quantity="1000", unit_price="12.50")],
        )  # fmt: skip
        MailTemplate.objects.create(
            workspace=rep.workspace, name="Quotation follow-up", language="en",
            subject="Our offer for {{ company }}",
            body="Dear {{ contact_name }},\nplease find our quotation attached.",
        )  # fmt: skip
        return customer, quotation

    customer, quotation = off_the_browser_thread(prepare)
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, rep.user.email)

    # Connect: the servers are tried, then the first sync brings the buyer's e-mail.
    page.goto(live_server.url + f"{WS}/mail/connect/")
    page.get_by_label("E-mail address").fill(account[0])
    page.get_by_label("Password or app password").fill(account[1])
    page.get_by_label("IMAP server").fill(imap_server.host)
    page.get_by_label("IMAP port").fill(str(imap_server.port))
    page.get_by_label("IMAP security").select_option("none")
    page.get_by_label("SMTP server").fill(smtp_server.host)
    page.get_by_label("SMTP port").fill(str(smtp_server.port))
    page.get_by_label("SMTP security").select_option("none")
    page.get_by_label("Sync mail from").fill("2020-01-01")
    page.get_by_test_id("connect-submit").click()
    expect(page.get_by_test_id("state")).to_have_text("Synced")
    expect(page.get_by_test_id("thread")).to_have_count(1)

    # The customer's page shows it, and the thread offers a reply.
    page.goto(live_server.url + f"{WS}/customers/{customer.public_id}/")
    expect(page.get_by_test_id("customer-mail")).to_contain_text("Inquiry: kettles")
    page.get_by_test_id("customer-mail-message").get_by_role("link").click()
    expect(page.get_by_test_id("message")).to_have_count(1)
    page.get_by_test_id("reply").click()
    page.get_by_role("button", name="Use it").click()  # the one template
    expect(page.get_by_label("Subject")).to_have_value("Our offer for Hausmann GmbH")
    expect(page.get_by_label("Text")).to_contain_text("Dear Hans Müller,")
    expect(page.get_by_label("To", exact=True)).to_have_value("hans@hausmann.de")
    page.get_by_label("Quotation Q-2026-0042.pdf").check()
    page.get_by_label(f"Quotation {quotation.number}", exact=True).check()
    page.get_by_test_id("send").click()
    expect(page.get_by_text("Sending now.")).to_be_visible()
    sent = OutgoingMail.objects.get(subject="Our offer for Hausmann GmbH")
    assert sent.state == "sent"
    names = sorted(a.file.original_name for a in sent.attachments.select_related("file"))
    assert names == [f"{quotation.number}.pdf", "Quotation Q-2026-0042.pdf"]
    assert smtp_server.sent_with_id(sent.message_id)

    # A new e-mail for the buyer's morning, from the customer's page.
    page.goto(live_server.url + f"{WS}/customers/{customer.public_id}/")
    page.get_by_test_id("write-mail").click()
    expect(page.get_by_label("To", exact=True)).to_have_value("Hans Müller <hans@hausmann.de>")
    page.get_by_label("Subject").fill("Catalog 2027")
    page.get_by_label("At a time of the buyer's day").check()
    page.get_by_label("Time of the buyer's day", exact=True).fill("09:30")
    page.get_by_test_id("send").click()
    expect(page.get_by_text("Scheduled for")).to_be_visible()
    expect(page.get_by_test_id("outgoing")).to_have_count(2)

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, rep.user.email)
    phone.goto(live_server.url + f"{WS}/mail/outbox/")
    expect(phone.get_by_test_id("cancel")).to_have_count(1)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "mail-outbox-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the outbox is {width}px wide on a {PHONE['width']}px phone"
    phone.get_by_test_id("cancel").click()
    expect(phone.get_by_text("Cancelled.")).to_be_visible()
