"""The library in headless Chromium (issue 14): a documents clerk uploads a contract through the drop form
(its progress, one file a request), uploads a signed scan as its new version, restores the first one from
the versions list and downloads it; the folder on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.browser.test_customers import off_the_browser_thread
from tradewind.library import services
from tradewind.library.models import Document

pytestmark = pytest.mark.browser

WS = "/w/haitian"
FIRST = b"%PDF-1.4\n% contract, as sent\n%%EOF\n"
SIGNED = b"%PDF-1.4\n% contract, signed by the buyer\n%%EOF\n"


def test_a_clerk_adds_a_new_version_and_restores_the_old_one(browser: Browser, live_server, team, tmp_path):
    clerk = team.colleagues[1]  # Wang Fang, documents
    folder = off_the_browser_thread(lambda: services.folder_create(actor=clerk, name="Contracts"))
    contract = tmp_path / "Contract Hausmann.pdf"
    contract.write_bytes(FIRST)
    page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    sign_in(page, live_server.url, clerk.user.email)
    page.goto(live_server.url + f"{WS}/library/f/{folder.public_id}/")
    page.locator("#library-files").set_input_files(str(contract))  # the script sends it at once
    expect(page.get_by_text("1 file added.")).to_be_visible()
    page.get_by_role("link", name="Contract Hausmann.pdf").click()
    expect(page.get_by_test_id("version")).to_have_count(1)

    scan = tmp_path / "scan_0042.pdf"
    scan.write_bytes(SIGNED)
    page.get_by_label("File").set_input_files(str(scan))
    page.get_by_label("What changed").fill("signed by the buyer")
    page.get_by_role("button", name="Add the version").click()
    expect(page.get_by_text("New version added.")).to_be_visible()
    expect(page.get_by_test_id("version")).to_have_count(2)

    page.get_by_test_id("restore-1").click()
    expect(page.get_by_text("Version 1 is the current one again.")).to_be_visible()
    expect(page.get_by_test_id("version")).to_have_count(3)
    expect(page.get_by_test_id("version").first).to_contain_text("Version 1 restored")
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.path().read_bytes() == FIRST
    document = Document.objects.get(name="Contract Hausmann.pdf")
    assert document.version_count == 3

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, clerk.user.email)
    phone.goto(live_server.url + f"{WS}/library/f/{folder.public_id}/")
    expect(phone.get_by_test_id("document")).to_have_count(1)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "library-folder-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the folder page is {width}px wide on a {PHONE['width']}px phone"


def test_a_rep_finds_a_pdf_by_a_chinese_word_inside_it(browser: Browser, live_server, team, tmp_path):
    from weasyprint import HTML

    clerk, rep = team.colleagues[1], team.colleagues[0]
    folder = off_the_browser_thread(lambda: services.folder_create(actor=clerk, name="Shipping papers"))
    declaration = tmp_path / "PI-2026-0042.pdf"
    declaration.write_bytes(
        HTML(
            string="<h1 style=\"font-family:'Noto Sans CJK SC'\">出口货物报关单</h1><p>Ningbo</p>"
        ).write_pdf()
    )
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, clerk.user.email)
    page.goto(live_server.url + f"{WS}/library/f/{folder.public_id}/")
    page.locator("#library-files").set_input_files(str(declaration))  # read by the worker after the commit
    expect(page.get_by_text("1 file added.")).to_be_visible()

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server.url, rep.user.email)
    phone.goto(live_server.url + f"{WS}/library/")
    phone.get_by_label("Search the documents").fill("报关")
    phone.get_by_label("Search the documents").press("Enter")
    expect(phone.get_by_test_id("found")).to_have_count(1)
    expect(phone.get_by_test_id("found")).to_contain_text("PI-2026-0042.pdf")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the search page is {width}px wide on a {PHONE['width']}px phone"


def test_a_buyer_opens_a_share_link_in_a_fresh_browser_and_downloads(browser: Browser, live_server, team):
    from django.core.files.base import ContentFile

    from tradewind.library.services.shares import share_create

    rep = team.colleagues[0]

    def make():
        folder = services.folder_create(actor=rep, name="Catalogs")
        catalog = services.document_upload(
            actor=rep, folder=folder, upload=ContentFile(FIRST, name="Catalog 2026.pdf")
        ).document
        return share_create(actor=rep, document=catalog, password="hamburg-2026", language="zh-hans")[1]

    token = off_the_browser_thread(make)
    buyer = browser.new_context(viewport=PHONE, accept_downloads=True).new_page()  # nobody signed in
    buyer.goto(live_server.url + f"/s/{token}/")
    expect(buyer.get_by_role("heading", level=1)).to_have_text("Catalog 2026.pdf")
    buyer.get_by_label("密码").fill("hamburg-2026")
    buyer.get_by_role("button", name="打开文件").click()
    with buyer.expect_download() as download:
        buyer.get_by_role("link", name="下载").click()
    assert download.value.path().read_bytes() == FIRST
    expect(buyer.get_by_text("Ningbo Haitian Trading")).to_have_count(0)  # nothing of the workspace
