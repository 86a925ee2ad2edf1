"""The catalog import in headless Chromium (issue 11): from the product list to the import page, a file
uploaded and checked, the rows imported, the products listed — and the same pages on a phone."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in
from tests.test_catalog_imports import ROWS

pytestmark = pytest.mark.browser

WS = "/w/haitian"


def _workbook(path) -> None:
    workbook = openpyxl.Workbook()
    for row in ROWS:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_products_imported_from_a_spreadsheet(browser: Browser, live_server, team, tmp_path):
    file = tmp_path / "toasters.xlsx"
    _workbook(file)
    base = live_server.url
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, base, team.owner.user.email)
    page.goto(f"{base}{WS}/products/")
    page.get_by_role("link", name="Import", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import products and prices")
    page.get_by_label("The file holds").select_option("prices")
    expect(page.get_by_label("Price list")).to_be_visible()  # a price import names its list
    page.get_by_label("The file holds").select_option("products")
    expect(page.get_by_label("Price list")).to_be_hidden()
    page.get_by_label("File", exact=True).set_input_files(str(file))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_test_id("import-status")).to_have_text("Checked")
    expect(page.get_by_test_id("import-new")).to_have_text("2")
    expect(page.get_by_test_id("import-errors")).to_contain_text("TB-500")
    page.get_by_test_id("import-start").click()
    expect(page.get_by_test_id("import-status")).to_have_text("Done")
    page.get_by_role("link", name="See the products").click()
    expect(page.locator("#product-table")).to_contain_text("TB-200")
    expect(page.locator("#product-table")).to_contain_text("Toaster 2 slices")
    import_url = page.url

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, base, team.owner.user.email)
    phone.goto(f"{base}{WS}/products/imports/")
    phone.get_by_role("link", name="toasters.xlsx").click()
    expect(phone.get_by_test_id("import-status")).to_have_text("Done")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the import page is {width}px wide on a phone"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOT_DIR / "catalog-import-phone.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "catalog-import-desktop.png"), full_page=True)
    assert import_url
