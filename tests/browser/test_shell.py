"""The app shell, end to end in headless Chromium: sign-in, language, workspaces, invitations, phones."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in, url_path_is
from tests.factories import MembershipFactory, WorkspaceFactory
from tradewind.accounts.models import User
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser


def catalog(message: str, language: str = "zh-hans") -> str:
    """What the translation catalog says right now, so the test follows the catalog as it fills."""
    with translation.override(language):
        return translation.gettext(message)


def members_table(page: Page):
    return page.locator("#member-table")


def member_row(page: Page, email: str):
    return page.locator(f'#member-table tr[data-member="{email}"]')


def test_sign_in_lands_on_team_and_language_switch_translates_shell(page: Page, live_server, team):
    sign_in(page, live_server.url, team.owner.user.email)

    expect(page).to_have_url(url_path_is("/w/haitian/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    expect(page.get_by_test_id("workspace-switcher")).to_contain_text("Ningbo Haitian Trading")
    for colleague in team.colleagues:
        expect(member_row(page, colleague.user.email)).to_contain_text(colleague.user.full_name)
    expect(member_row(page, team.owner.user.email)).to_contain_text("(you)")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_test_id("user-menu").click()
    menu = page.locator(".usermenu .dropdown-menu")
    expect(menu).to_be_visible()
    expect(menu.get_by_test_id("sign-out")).to_have_text("Sign out")
    menu.locator('button[name="language"][value="zh-hans"]').click()

    # Back on the same page, now in Chinese.
    expect(page).to_have_url(url_path_is("/w/haitian/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    team_label = catalog("Team")
    expect(page.locator("#main-nav a[aria-current=page]")).to_have_text(team_label)
    expect(page.get_by_role("heading", level=1)).to_have_text(team_label)
    expect(page.get_by_test_id("sign-out")).to_have_text(catalog("Sign out"))
    if team_label != "Team":  # once the catalog is filled, no English may be left in the nav
        expect(page.locator("#main-nav")).not_to_contain_text("Team")
    expect(page.locator('.usermenu button[name="language"][value="zh-hans"]')).to_have_attribute(
        "aria-current", "true"
    )

    # The choice is saved on the account, so it survives a reload (and a new device).
    assert User.objects.get(pk=team.owner.user.pk).language == "zh-hans"
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(team_label)


def test_switch_workspace(page: Page, live_server, team):
    other = WorkspaceFactory(name="Yiwu Smallwares", slug="yiwu-smallwares")
    MembershipFactory(workspace=other, user=team.owner.user, role=Role.MANAGER)
    user = team.owner.user
    user.last_workspace = team.workspace
    user.save(update_fields=["last_workspace"])

    sign_in(page, live_server.url, user.email)
    expect(page).to_have_url(url_path_is("/w/haitian/"))

    switcher = page.get_by_test_id("workspace-switcher")
    menu = page.locator(".switcher .dropdown-menu")
    expect(menu).to_be_hidden()
    switcher.click()
    expect(switcher).to_have_attribute("aria-expanded", "true")
    expect(menu.locator("a[aria-current=page]")).to_contain_text("Ningbo Haitian Trading")
    menu.get_by_role("link", name=re.compile(r"^Yiwu Smallwares")).click()

    expect(page).to_have_url(url_path_is("/w/yiwu-smallwares/"))
    expect(switcher.locator(".ws-name")).to_have_text("Yiwu Smallwares")
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    expect(page.locator("main p.muted").first).to_contain_text("your role: Sales manager")
    # Li Na is in Haitian only.
    expect(members_table(page)).not_to_contain_text("Li Na")


def test_invitation_new_account_joins_workspace(page: Page, browser: Browser, live_server, team, settings):
    settings.SITE_URL = live_server.url  # links in invitations point at the public base URL
    invitee_email = "zhao.lei@haitian.example"

    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is("/w/haitian/"))
    page.locator("#main-nav").get_by_role("link", name="Invitations").click()
    expect(page).to_have_url(url_path_is("/w/haitian/invitations/"))
    page.get_by_label("E-mail").fill(invitee_email)
    page.get_by_label("Role").select_option("merchandiser")
    page.get_by_role("button", name="Send invitation").click()

    expect(page.locator(".messages")).to_contain_text(f"Invitation sent to {invitee_email}.")
    link_input = page.get_by_test_id("invitation-link")
    expect(link_input).to_be_visible()
    link = link_input.input_value()
    assert link.startswith(live_server.url + "/invitations/"), link
    waiting = page.locator("section.card", has_text="Waiting for an answer")
    expect(waiting.locator("tr", has_text=invitee_email)).to_contain_text("Merchandiser")

    invitee_context = browser.new_context()
    try:
        invitee = invitee_context.new_page()
        response = invitee.goto(link)
        assert response is not None and response.ok, response and response.status
        expect(invitee.get_by_role("heading", level=1)).to_have_text("Join Ningbo Haitian Trading")
        expect(invitee.locator(".auth-card")).to_contain_text(
            f"Chen Wei invited {invitee_email} to join as Merchandiser."
        )
        invitee.get_by_label("Full name").fill("Zhao Lei")
        invitee.get_by_label("Choose a password").fill("Lantern-quay-7301")
        invitee.get_by_test_id("accept-invitation").click()

        expect(invitee).to_have_url(url_path_is("/w/haitian/"))
        expect(invitee.get_by_role("heading", level=1)).to_have_text("Team")
        expect(invitee.locator(".messages")).to_contain_text("Welcome to Ningbo Haitian Trading.")
        expect(invitee.get_by_test_id("user-menu")).to_contain_text("Zhao Lei")
        expect(invitee.locator("main p.muted").first).to_contain_text("your role: Merchandiser")
    finally:
        invitee_context.close()

    page.goto(live_server.url + "/w/haitian/")
    row = member_row(page, invitee_email)
    expect(row).to_contain_text("Zhao Lei")
    # The owner may change this role, so it is shown as a select with the current role chosen.
    role_cell = row.locator('td[data-label="Role"]')
    expect(role_cell.locator("select[name=role]")).to_have_value("merchandiser")
    expect(role_cell.locator("select[name=role] option:checked")).to_have_text("Merchandiser")
    expect(row.locator('td[data-label="Status"]')).to_have_text("Active")


def test_sign_out_then_workspace_requires_sign_in(page: Page, live_server, team):
    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is("/w/haitian/"))

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(url_path_is("/accounts/sign-in/"))
    expect(page.locator(".messages")).to_contain_text("You are signed out.")

    page.goto(live_server.url + "/w/haitian/")
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next=(/|%2F)w(/|%2F)haitian(/|%2F)$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_test_id("workspace-switcher")).to_have_count(0)


def assert_no_horizontal_overflow(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"{page.url}: page is {scroll_width}px wide in a {width}px viewport"


@pytest.fixture
def phone_page(browser: Browser, live_server, team):
    """A 390 px wide page, signed in as the owner, on the Team page."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is("/w/haitian/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    yield page
    context.close()


def test_shell_on_a_phone(phone_page: Page):
    page = phone_page
    assert_no_horizontal_overflow(page, PHONE["width"])

    nav = page.locator("#main-nav")
    toggle = page.locator("button.nav-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    for label in ("Team", "Invitations", "API tokens", "Audit log", "Settings"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    assert_no_horizontal_overflow(page, PHONE["width"])

    # The user menu opens on screen, and the page does not get wider.
    page.get_by_test_id("user-menu").click()
    expect(page.get_by_test_id("sign-out")).to_be_in_viewport()
    assert_no_horizontal_overflow(page, PHONE["width"])
    page.keyboard.press("Escape")  # closes the open menus, as the shell promises
    expect(page.get_by_test_id("sign-out")).to_be_hidden()
    expect(nav).to_be_hidden()

    toggle.click()
    nav.get_by_role("link", name="Invitations").click()
    expect(page).to_have_url(url_path_is("/w/haitian/invitations/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations")
    expect(nav).to_be_hidden()  # a new page starts with the menu closed
    assert_no_horizontal_overflow(page, PHONE["width"])


def test_workspace_switcher_menu_fits_on_a_phone(phone_page: Page):
    page = phone_page
    page.get_by_test_id("workspace-switcher").click()
    menu = page.locator(".switcher .dropdown-menu")
    expect(menu).to_be_visible()
    assert_no_horizontal_overflow(page, PHONE["width"])
    expect(menu.locator("a[aria-current=page]")).to_be_in_viewport(ratio=1)


PAGES = [
    ("sign-in", "/accounts/sign-in/"),
    ("team", "/w/haitian/"),
    ("invitations", "/w/haitian/invitations/"),
    ("api-tokens", "/w/haitian/tokens/"),
    ("audit-log", "/w/haitian/audit/"),
    ("settings", "/w/haitian/settings/"),
    ("preferences", "/accounts/preferences/"),
]


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_screenshots_of_main_pages(browser: Browser, live_server, team, viewport_name):
    viewport = {"desktop": DESKTOP, "phone": PHONE}[viewport_name]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    problems = []
    try:
        page = context.new_page()
        for name, path in PAGES:
            if name == "team":  # everything after the sign-in page needs an account
                sign_in(page, live_server.url, team.owner.user.email)
                expect(page).to_have_url(url_path_is("/w/haitian/"))
            response = page.goto(live_server.url + path)
            assert response is not None, path
            assert response.ok, f"{path} answered {response.status}"
            expect(page).to_have_url(url_path_is(path))
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.screenshot(path=SCREENSHOT_DIR / f"{name}-{viewport_name}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"] + 1:
                problems.append(f"{path}: {width}px wide")
    finally:
        context.close()
    assert not problems, f"horizontal overflow at {viewport['width']}px: {problems}"
