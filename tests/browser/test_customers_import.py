"""Customer import end to end in headless Chromium: an Excel file with one bad row, from the customer list
through the columns and the preview to the finished import — on a desktop and on a phone."""

from __future__ import annotations

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, SCREENSHOT_DIR, sign_in, url_path_is
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.models import Customer

pytestmark = pytest.mark.browser

WS = "/w/haitian"


@pytest.fixture
def alibaba_xlsx(tmp_path):
    """An export as Alibaba.com makes it: one row has an e-mail address without a domain."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Company Name", "Country/Region", "Contact Name", "Email", "Tel"])
    sheet.append(
        [
            "Müller Haushaltswaren GmbH",
            "Germany",
            "Hans Müller",
            "h.mueller@mueller-haushalt.de",
            "040 30123456",
        ]
    )
    sheet.append(["Broken Mail Trading Ltd", "United Kingdom", "Bob Smith", "bob@", ""])
    sheet.append(["宁波海天贸易有限公司", "中国", "张伟", "zhang@haitian-trade.cn", 8613800138000])
    path = tmp_path / "alibaba-customers.xlsx"
    workbook.save(path)
    return path


def import_file(page: Page, live_server, path, *, on_columns=None) -> None:
    page.goto(f"{live_server.url}{WS}/customers/")
    page.get_by_test_id("import-customers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import customers")
    page.locator("input[type=file]").set_input_files(path)
    page.get_by_role("button", name="Upload").click()

    # The columns were guessed from Alibaba.com's headers.
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the columns")
    expect(page.get_by_label("Email")).to_have_value("contact_emails")
    expect(page.get_by_label("Country/Region")).to_have_value("country")
    if on_columns:
        on_columns()
    page.get_by_role("button", name="Check the file").click()


def test_import_an_excel_file_with_one_bad_row(page: Page, live_server, team, alibaba_xlsx):
    sign_in(page, live_server.url, team.owner.user.email)
    import_file(page, live_server, alibaba_xlsx)

    # The preview names the bad row and its column; the whole file was checked.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
    bad = page.locator('tr[data-row="3"]')
    expect(bad.get_by_test_id("row-errors")).to_contain_text("Email")
    expect(bad.get_by_test_id("row-errors")).to_contain_text("“bob@” is not a complete e-mail address")
    expect(page.locator('tr[data-row="2"]')).to_contain_text("new")
    summary = page.get_by_test_id("import-summary")
    expect(summary).to_contain_text("New customers")
    page.screenshot(path=SCREENSHOT_DIR / "customers-import-preview-desktop.png", full_page=True)
    page.get_by_test_id("start-import").click()

    # The progress page: the bar reaches the end, two customers in, one row reported.
    job = ImportJob.objects.get()
    expect(page).to_have_url(url_path_is(f"{WS}/customers/imports/{job.public_id}/"))
    expect(page.get_by_test_id("import-status")).to_have_text("Done")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("import-created")).to_have_text("2")
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Email")
    expect(errors).to_contain_text("bob@")
    page.screenshot(path=SCREENSHOT_DIR / "customers-import-done-desktop.png", full_page=True)

    # The other rows are customers now, in the list.
    page.get_by_role("link", name="See the customers").click()
    table = page.locator("#customer-table")
    expect(table).to_contain_text("Müller Haushaltswaren GmbH")
    expect(table).to_contain_text("宁波海天贸易有限公司")
    expect(table).not_to_contain_text("Broken Mail Trading Ltd")
    assert Customer.objects.get(country="CN").contacts.get().phones == ["+8613800138000"]


def test_import_on_a_phone(browser, live_server, team, alibaba_xlsx):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, team.owner.user.email)

        def fits():  # nothing is wider than the screen: the tables turn into cards
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], width

        def columns_page():
            fits()
            page.screenshot(path=SCREENSHOT_DIR / "customers-import-columns-phone.png", full_page=True)

        import_file(page, live_server, alibaba_xlsx, on_columns=columns_page)
        expect(page.locator('tr[data-row="3"]').get_by_test_id("row-errors")).to_be_visible()
        fits()
        page.screenshot(path=SCREENSHOT_DIR / "customers-import-preview-phone.png", full_page=True)
        page.get_by_test_id("start-import").click()
        expect(page.get_by_test_id("import-status")).to_have_text("Done")
    finally:
        context.close()


def test_duplicate_decisions_in_the_preview(page: Page, live_server, team, tmp_path):
    """A colleague's customer is in the file: skipped unless the importer says "create anyway"."""
    from tests.browser.test_tasks import off_the_browser_thread
    from tradewind.crm import services

    li_na = team.colleagues[0]
    off_the_browser_thread(
        lambda: services.customer_create(
            actor=li_na,
            data={"name": "Acme Trading LLC", "country": "US"},
            contacts=[{"name": "John Smith", "emails": ["john@acme-trading.com"]}],
        )
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Company Name", "Country/Region", "Contact Name", "Email"])
    sheet.append(["ACME TRADING L.L.C.", "United States", "Mary Jones", "mary@acme-trading.com"])
    sheet.append(["Gulf Star General Trading", "United Arab Emirates", "Ahmed Ali", "ahmed@gulfstar.ae"])
    path = tmp_path / "fair-leads.xlsx"
    workbook.save(path)

    sign_in(page, live_server.url, team.owner.user.email)
    import_file(page, live_server, path)
    row = page.locator('tr[data-row="2"]')
    expect(row).to_contain_text("owned by Li Na")
    expect(row.get_by_label("Skip")).to_be_checked()
    page.screenshot(path=SCREENSHOT_DIR / "customers-import-duplicates-desktop.png", full_page=True)
    row.get_by_label("Create anyway").check()
    page.get_by_test_id("start-import").click()
    expect(page.get_by_test_id("import-status")).to_have_text("Done")
    expect(page.get_by_test_id("import-created")).to_have_text("2")
    assert Customer.objects.filter(name__icontains="acme").count() == 2


def test_the_page_says_the_file_is_being_read_then_moves_on_to_the_columns(
    page: Page, live_server, team, alibaba_xlsx
):
    """The upload only stores the file; the worker reads it while the page polls, then the page goes on."""
    from huey.contrib.djhuey import HUEY

    from tests.browser.test_tasks import off_the_browser_thread
    from tradewind.crm.imports import services as imports

    sign_in(page, live_server.url, team.owner.user.email)
    page.goto(f"{live_server.url}{WS}/customers/imports/")
    page.locator("input[type=file]").set_input_files(alibaba_xlsx)
    HUEY.immediate = False  # no worker for now: the reading waits in the queue
    try:
        page.get_by_role("button", name="Upload").click()
        job = ImportJob.objects.get()
        expect(page).to_have_url(url_path_is(f"{WS}/customers/imports/{job.public_id}/"))
        expect(page.get_by_test_id("import-status")).to_have_text("Reading the file")
        page.screenshot(path=SCREENSHOT_DIR / "customers-import-reading-desktop.png", full_page=True)
    finally:
        HUEY.immediate = True
    off_the_browser_thread(lambda: imports.import_inspect(job.pk))  # the worker's turn
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the columns")
    expect(page.get_by_label("Email")).to_have_value("contact_emails")


def test_a_refused_file_says_why(page: Page, live_server, team, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"Spalte{i}" for i in range(300)) + "\n" + ",".join("x" * 300) + "\n")
    sign_in(page, live_server.url, team.owner.user.email)
    page.goto(f"{live_server.url}{WS}/customers/imports/")
    page.locator("input[type=file]").set_input_files(path)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_test_id("import-status")).to_have_text("Refused")
    expect(page.get_by_test_id("import-refused")).to_contain_text("Row 1 has more than 256 columns")
    expect(page.get_by_test_id("import-refused")).not_to_contain_text("Spalte")
    page.get_by_role("link", name="Upload another file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import customers")
