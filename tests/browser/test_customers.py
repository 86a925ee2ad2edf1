"""Customers end to end in headless Chromium: the live duplicate check, logging a call, merging,
phones and screenshots, and the Chinese list page."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connections
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in, url_path_is
from tests.factories import MembershipFactory, UserFactory
from tradewind.accounts.models import User
from tradewind.crm import services
from tradewind.crm.localtime import local_time
from tradewind.crm.models import Customer
from tradewind.crm.selectors import crm_settings, grades
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"
CUSTOMER_URL = re.compile(r"^https?://[^/]+/w/haitian/customers/([0-9a-f-]{36})/$")


def catalog(message: str, language: str = "zh-hans") -> str:
    """What the translation catalog says right now, so the test follows the catalog as it fills."""
    with translation.override(language):
        return translation.gettext(message)


def off_the_browser_thread(make):
    """Run make() in another thread, as a request would run it.

    Playwright keeps an event loop running in the test thread, where the services' realtime pushes
    (async_to_sync) would fail and log errors; in a worker thread they behave as in the app.
    """

    def run():
        try:
            return make()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(run).result()


def workspace_today(workspace) -> dt.date:
    """Today where the workspace is: the app's "today" for a user without a time zone of their own."""
    return dt.datetime.now(zoneinfo.ZoneInfo(workspace.time_zone)).date()


def checked_name(url: str) -> str | None:
    """The name a duplicate-check request asked about (None for any other request)."""
    parts = urlsplit(url)
    if not parts.path.endswith("/customers/check/"):
        return None
    return parse_qs(parts.query).get("name", [""])[0]


def assert_no_horizontal_overflow(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"{page.url}: page is {scroll_width}px wide in a {width}px viewport"


def fact(page: Page, label: str):
    """The value of one fact ("Owner", "Next follow-up" …) on a customer profile."""
    return (
        page.locator("dl.facts > div")
        .filter(has=page.locator("dt", has_text=re.compile(rf"^{re.escape(label)}$")))
        .locator("dd")
    )


def member(workspace, role: str, name: str, email: str):
    return MembershipFactory(workspace=workspace, role=role, user=UserFactory(email=email, full_name=name))


@pytest.fixture
def rep(team):
    """Zhang Min, a second sales rep beside Li Na."""
    return member(team.workspace, Role.SALES, "Zhang Min", "zhang.min@haitian.example")


@pytest.fixture
def manager(team):
    return member(team.workspace, Role.MANAGER, "Zhou Jie", "zhou.jie@haitian.example")


@pytest.fixture
def admin(team):
    return member(team.workspace, Role.ADMIN, "Sun Li", "sun.li@haitian.example")


# --- 1. a new customer and the live duplicate check -------------------------------------------------


def test_live_duplicate_check_then_confirm_and_create(page: Page, live_server, team, rep):
    colleague = team.colleagues[0]  # Li Na, sales
    acme = off_the_browser_thread(
        lambda: services.customer_create(actor=colleague, data={"name": "ACME Co., Ltd.", "country": "US"})
    )

    sign_in(page, live_server.url, rep.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + f"{WS}/customers/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New customer")
    duplicates = page.locator("#duplicates")
    expect(duplicates).to_be_empty()

    # As the rep types, the form asks the server who has this company already.
    name = page.get_by_label("Company name")
    with page.expect_response(lambda r: checked_name(r.url) == "Acme Corporation") as checked:
        name.press_sequentially("Acme Corporation", delay=20)
    assert checked.value.ok, checked.value.status
    match = duplicates.locator("li.dup")
    expect(match).to_have_count(1)
    expect(match.get_by_role("link")).to_have_text("ACME Co., Ltd.")
    expect(match).to_contain_text("owned by Li Na")
    expect(match.locator(".badge")).to_have_text("exact")
    expect(match).to_contain_text("same company name")
    assert Customer.objects.filter(workspace=team.workspace).count() == 1  # nothing submitted yet

    page.get_by_label("Country", exact=True).select_option(label="Germany")
    page.get_by_label("City").fill("Hamburg")
    page.get_by_label("Source", exact=True).select_option("trade_fair")
    page.get_by_label("Source detail").fill("Canton Fair autumn 2026, booth 12.1F23")
    page.get_by_label("Stage").select_option("prospect")
    page.get_by_label("Contact name").fill("Jonas Weber")
    page.get_by_label("Job title").fill("Head of purchasing")
    page.get_by_label("E-mails").fill(
        "jonas.weber@acme-corporation.example, einkauf@acme-corporation.example"
    )
    page.get_by_label("Phones").fill("+49 40 1234567")
    page.get_by_role("button", name="Add customer").click()

    # Not saved: the duplicates are shown, and the rep must confirm.
    expect(page.locator(".form-errors")).to_contain_text("This customer may exist already.")
    expect(duplicates.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    expect(duplicates.locator("li.dup")).to_contain_text("ACME Co., Ltd.")
    expect(duplicates.locator("li.dup")).to_contain_text("owned by Li Na")
    confirm = page.get_by_label("I checked the possible duplicates: save anyway")
    expect(confirm).not_to_be_checked()
    expect(page.get_by_label("Company name")).to_have_value("Acme Corporation")
    expect(page.get_by_label("Contact name")).to_have_value("Jonas Weber")
    assert Customer.objects.filter(workspace=team.workspace).count() == 1
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / "customers-new-duplicates-desktop.png", full_page=True)

    confirm.check()
    page.get_by_role("button", name="Add customer").click()

    expect(page).to_have_url(CUSTOMER_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Corporation")
    expect(page.locator(".messages")).to_contain_text("Acme Corporation added.")
    public_id = CUSTOMER_URL.match(page.url).group(1)
    customer = Customer.objects.get(public_id=public_id)
    assert customer.pk != acme.pk
    assert (customer.name, customer.country, customer.city) == ("Acme Corporation", "DE", "Hamburg")
    assert (customer.source, customer.stage, customer.owner_id) == ("trade_fair", "prospect", rep.pk)
    expect(fact(page, "Owner")).to_have_text("Zhang Min")
    expect(fact(page, "Country")).to_have_text("Germany, Hamburg")
    expect(fact(page, "Stage")).to_have_text("Prospect")
    expect(fact(page, "Source")).to_have_text("Trade fair · Canton Fair autumn 2026, booth 12.1F23")
    contacts = page.locator("#contacts")
    expect(contacts).to_contain_text("Jonas Weber")
    expect(contacts).to_contain_text("Head of purchasing")
    expect(contacts).to_contain_text("jonas.weber@acme-corporation.example")
    expect(contacts).to_contain_text("einkauf@acme-corporation.example")
    # A German number of a German buyer: national format, dialled as E.164.
    phone = contacts.get_by_role("link", name="040 1234567")
    expect(phone).to_have_attribute("href", "tel:+49401234567")


# --- 2. logging a call ------------------------------------------------------------------------------


def test_log_a_call_sets_next_follow_up_by_grade(page: Page, live_server, team, rep):
    grade_b = next(g for g in grades(team.workspace) if g.code == "B")
    assert grade_b.follow_up_days == 14
    customer = off_the_browser_thread(
        lambda: services.customer_create(
            actor=rep,
            data={"name": "Hamburg Import GmbH", "country": "DE", "city": "Hamburg"},
            contacts=[{"name": "Jonas Weber", "emails": ["jonas@hamburg-import.example"]}],
            grade="B",
        )
    )
    path = f"{WS}/customers/{customer.public_id}/"
    settings = crm_settings(team.workspace)

    def expected_badges() -> set[str]:
        local = local_time(
            country=customer.country, zone="Europe/Berlin", settings=settings, now=timezone.now()
        )
        return {local.holiday_today or ("open" if local.business_hours else "closed")}

    sign_in(page, live_server.url, rep.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    badges = expected_badges()
    page.goto(live_server.url + path)
    badges |= expected_badges()  # the page was made between the two
    expect(page.get_by_role("heading", level=1)).to_have_text("Hamburg Import GmbH")
    expect(fact(page, "Grade")).to_have_text("B")
    expect(fact(page, "Next follow-up")).to_have_text("—")
    expect(fact(page, "Last contact")).to_have_text("—")

    # The customer's local time and whether they are at work now.
    clock = fact(page, "Local time").locator(".local-time")
    expect(clock).to_be_visible()
    expect(clock).to_have_attribute("title", "Europe/Berlin")
    expect(clock).to_have_text(re.compile(r"^\d\d:\d\d\s"))
    badge = clock.locator(".badge")
    expect(badge).to_be_visible()
    assert badge.inner_text().strip() in badges, (badge.inner_text(), badges)

    log = page.locator("section.card", has=page.get_by_role("heading", name="Log an interaction"))
    expect(log.get_by_label("How")).to_have_value("call")
    log.get_by_label("How").select_option(label="Call")
    log.get_by_label("With").select_option(label="Jonas Weber")
    log.get_by_label("What happened").fill("Called Jonas about the spring order: 2 × 40HQ of garden chairs.")
    log.get_by_label("Outcome").fill("Wants a quote in EUR, FOB Ningbo")
    log.get_by_label("Next step").fill("Send the quote by Friday")
    due_dates = {workspace_today(team.workspace) + dt.timedelta(days=grade_b.follow_up_days)}
    log.get_by_role("button", name="Log", exact=True).click()

    expect(page).to_have_url(url_path_is(path))
    expect(page.locator(".messages")).to_contain_text("Logged.")
    entry = page.locator("#timeline li.timeline-entry").first
    expect(entry).to_have_class(re.compile(r"\bchannel-call\b"))
    expect(entry.locator(".chip")).to_have_text("Call")
    expect(entry).to_contain_text("Zhang Min")
    expect(entry).to_contain_text("Jonas Weber")
    expect(entry).to_contain_text("Called Jonas about the spring order: 2 × 40HQ of garden chairs.")
    expect(entry).to_contain_text("Outcome: Wants a quote in EUR, FOB Ningbo")
    expect(entry).to_contain_text("Next step: Send the quote by Friday")
    expect(page.locator("#timeline li.timeline-entry")).to_have_count(2)  # and "Customer created"

    # Today plus grade B's 14 days (either side of midnight in Ningbo, should the test straddle it).
    due_dates.add(workspace_today(team.workspace) + dt.timedelta(days=grade_b.follow_up_days))
    expect(fact(page, "Next follow-up")).to_have_text(
        re.compile("^(" + "|".join(d.isoformat() for d in due_dates) + ")$")
    )
    expect(fact(page, "Last contact")).not_to_have_text("—")
    customer.refresh_from_db()
    assert customer.next_follow_up_on in due_dates, (customer.next_follow_up_on, due_dates)
    expect(page.locator("#fu-date")).to_have_value(customer.next_follow_up_on.isoformat())
    assert customer.last_contact_at is not None


# --- 3. merging two customers -----------------------------------------------------------------------


def test_manager_merges_two_customers(page: Page, live_server, team, manager):
    colleague = team.colleagues[0]

    def make():
        survivor = services.customer_create(
            actor=colleague,
            data={"name": "Hamburg Import GmbH", "country": "DE"},
            contacts=[{"name": "Jonas Weber", "emails": ["jonas@hamburg-import.example"]}],
        )
        merged = services.customer_create(
            actor=colleague,
            data={"name": "HH Import Hamburg", "country": "DE", "website": "hh-import.example"},
            confirm_duplicates=True,  # it is one; that is why it gets merged
            contacts=[{"name": "Anna Schmidt", "emails": ["anna@hh-import.example"]}],
        )
        return survivor, merged

    survivor, merged = off_the_browser_thread(make)
    survivor_path = f"{WS}/customers/{survivor.public_id}/"

    sign_in(page, live_server.url, manager.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + survivor_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hamburg Import GmbH")
    expect(page.locator("#contacts")).not_to_contain_text("Anna Schmidt")

    # The duplicate check's finding is offered to merge; the manager confirms what will happen.
    candidate = page.locator(".merge li", has_text="HH Import Hamburg")
    asked = []

    def confirm(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", confirm)
    candidate.get_by_role("button", name="Merge into this one").click()

    expect(page).to_have_url(url_path_is(survivor_path))
    expect(page.locator(".messages")).to_contain_text("Merged.")
    assert asked and "Merge HH Import Hamburg (" in asked[0] and "stays with" in asked[0]
    contacts = page.locator("#contacts")
    expect(contacts).to_contain_text("Jonas Weber")
    expect(contacts).to_contain_text("Anna Schmidt")
    expect(contacts).to_contain_text("anna@hh-import.example")
    merges = page.locator("section.card", has=page.get_by_role("heading", name="Merged", exact=True))
    expect(merges).to_contain_text("HH Import Hamburg")
    expect(merges).to_contain_text("Zhou Jie")
    expect(page.locator("#timeline")).to_contain_text("Merged with HH Import Hamburg")
    expect(fact(page, "Website")).to_have_text("hh-import.example")  # filled from the merged profile

    # Its old link leads to the survivor.
    page.goto(live_server.url + f"{WS}/customers/{merged.public_id}/")
    expect(page).to_have_url(url_path_is(survivor_path))
    expect(page.locator(".messages")).to_contain_text("That customer was merged into this one.")
    assert not Customer.objects.filter(pk=merged.pk).exists()


# --- 4. phones and screenshots ----------------------------------------------------------------------


@dataclass
class CrmData:
    profile: Customer  # a full profile: contacts, timeline, tags


@pytest.fixture
def crm_data(team, manager, admin) -> CrmData:
    """Customers of the manager in several countries, with follow-ups overdue, today and upcoming."""
    li_na = team.colleagues[0]

    def make():
        grades(team.workspace)
        today = workspace_today(team.workspace)
        profile = services.customer_create(
            actor=manager,
            data={
                "name": "Hamburg Import GmbH",
                "name_latin": "Hamburg Import",
                "country": "DE",
                "city": "Hamburg",
                "website": "https://www.hamburg-import.example",
                "industry": "Garden furniture wholesale",
                "source": "trade_fair",
                "source_detail": "Canton Fair autumn 2026, booth 12.1F23",
                "stage": "customer",
                "languages": "German, English",
                "products": "Garden chairs, parasols",
                "typical_volume": "2 × 40HQ a quarter",
                "incoterm": "FOB",
                "named_place": "Ningbo",
                "payment_terms": "T/T 30% deposit, 70% against B/L copy",
                "currency": "EUR",
                "destination_port": "DEHAM",
                "certifications": "CE, REACH, FSC",
                "price_sensitivity": "high",
                "notes": "Prefers **e-mail** in the morning, German time.",
            },
            contacts=[
                {
                    "name": "Jonas Weber",
                    "title": "Head of purchasing",
                    "emails": ["jonas.weber@hamburg-import.example", "einkauf@hamburg-import.example"],
                    "phones": ["+49 40 1234567", "+49 171 2345678"],
                    "whatsapp": "+49 171 2345678",
                },
                {"name": "Anna Schmidt", "title": "Quality assurance", "wechat": "anna_hh"},
            ],
            grade="A",
            tags=["key account", "fair 2026"],
        )
        services.timeline_log(
            actor=manager,
            customer=profile,
            channel="email",
            summary="Sent the 2026 catalogue and the price list.",
            at=timezone.now() - dt.timedelta(days=3),
        )
        services.timeline_log(
            actor=manager,
            customer=profile,
            channel="call",
            summary="Jonas wants samples of the stacking chair in anthracite.",
            outcome="Samples by DHL",
            next_step="Send the tracking number",
        )
        others = [
            ("Distribuidora Andina S.A.C.", "PE", "B", today),
            ("Gulf Star General Trading LLC", "AE", "C", today + dt.timedelta(days=5)),
            (
                "Société Générale d'Importation et de Distribution de Matériel Électrique SARL",
                "FR",
                "B",
                today - dt.timedelta(days=4),
            ),
            ("Sakura Shoji K.K.", "JP", "D", None),
        ]
        for name, country, grade, due in others:
            customer = services.customer_create(
                actor=manager, data={"name": name, "country": country}, grade=grade
            )
            Customer.objects.filter(pk=customer.pk).update(next_follow_up_on=due)
        Customer.objects.filter(pk=profile.pk).update(next_follow_up_on=today - dt.timedelta(days=1))
        services.customer_create(actor=li_na, data={"name": "ACME Co., Ltd.", "country": "US"})
        services.customer_create(
            actor=manager, data={"name": "Nordic Home AB", "country": "SE"}, owner=None
        )  # in the pool
        profile.refresh_from_db()
        return CrmData(profile=profile)

    return off_the_browser_thread(make)


def customer_pages(data: CrmData) -> list[tuple[str, str, str, bool]]:
    """(screenshot name, path, who looks: "manager" or "admin", must fit a phone)."""
    return [
        ("customers-list", f"{WS}/customers/", "manager", True),
        ("customers-profile", f"{WS}/customers/{data.profile.public_id}/", "manager", True),
        ("customers-new", f"{WS}/customers/new/", "manager", True),
        ("customers-follow-ups", f"{WS}/customers/follow-ups/", "manager", True),
        ("customers-handover", f"{WS}/customers/handover/", "manager", False),
        ("customers-rules", f"{WS}/customers/settings/", "admin", False),
    ]


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_customer_pages_fit_and_screenshots(
    browser: Browser, live_server, team, manager, admin, crm_data, viewport_name
):
    viewport = {"desktop": DESKTOP, "phone": PHONE}[viewport_name]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    people = {"manager": manager, "admin": admin}
    overflow = []
    for who, person in people.items():
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            sign_in(page, live_server.url, person.user.email)
            expect(page).to_have_url(url_path_is(f"{WS}/"))
            for name, path, viewer, must_fit in customer_pages(crm_data):
                if viewer != who:
                    continue
                response = page.goto(live_server.url + path)
                assert response is not None, path
                assert response.ok, f"{path} answered {response.status}"
                heading = page.get_by_role("heading", level=1)
                expect(heading).to_be_visible()
                expect(heading).to_be_in_viewport()
                page.screenshot(path=SCREENSHOT_DIR / f"{name}-{viewport_name}.png", full_page=True)
                width = page.evaluate("document.documentElement.scrollWidth")
                if must_fit and width > viewport["width"] + 1:
                    overflow.append(f"{path}: {width}px wide")
        finally:
            context.close()
    assert not overflow, f"horizontal overflow at {viewport['width']}px: {overflow}"


# --- 5. Chinese -------------------------------------------------------------------------------------


def test_customer_list_in_chinese(page: Page, live_server, team, rep):
    off_the_browser_thread(
        lambda: services.customer_create(actor=rep, data={"name": "汉堡进口有限公司", "country": "DE"})
    )
    User.objects.filter(pk=rep.user.pk).update(language="zh-hans")

    sign_in(page, live_server.url, rep.user.email)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    page.goto(live_server.url + f"{WS}/customers/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    heading = catalog("Customers")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#main-nav a[aria-current=page]")).to_have_text(heading)
    expect(page.locator("#customer-table")).to_contain_text("汉堡进口有限公司")
    if heading != "Customers":  # once translated, the heading is not English any more
        expect(page.get_by_role("heading", level=1)).not_to_contain_text("Customers")


# --- regressions of bugs found while writing these tests -----------------------------------------


def test_local_time_uses_the_countrys_main_zone(page: Page, live_server, team, rep):
    def make():
        for name, country in (
            ("Lakeside Outdoor Inc.", "US"),
            ("PT Sinar Jaya", "ID"),
            ("OOO Volga Trade", "RU"),
        ):
            services.customer_create(actor=rep, data={"name": name, "country": country})

    off_the_browser_thread(make)
    sign_in(page, live_server.url, rep.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + f"{WS}/customers/?sort=country")
    rows = page.locator("#customer-table tbody tr")
    expect(rows).to_have_count(3)
    zones = [
        rows.nth(i).locator(".local-time").get_attribute("title") for i in range(3)
    ]  # Indonesia, Russia, United States
    assert zones[0] == "Asia/Jakarta", zones
    assert zones[1] == "Europe/Moscow", zones
    assert zones[2] in {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}, zones
