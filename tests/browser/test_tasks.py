"""Tasks end to end in headless Chromium: boards and kanban drag and drop, the live bell over websockets,
phones, screenshots and the Chinese status labels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOT_DIR, sign_in, url_path_is
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory, workspace_today
from tradewind.accounts.models import User
from tradewind.tasks import services
from tradewind.tasks.choices import Priority, TaskStatus
from tradewind.tasks.models import Board, Task
from tradewind.workspaces.choices import Role

pytestmark = pytest.mark.browser

WS = "/w/haitian"


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

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def column(page: Page, status: str):
    return page.locator(f"ol.kanban-cards[data-status={status}]")


def card(page: Page, code: str):
    return page.get_by_test_id(f"card-{code}")


def assert_no_horizontal_overflow(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"{page.url}: page is {scroll_width}px wide in a {width}px viewport"


def create_task_through_form(page: Page, *, title: str, assignee: str, due: dt.date, priority: str) -> None:
    """On the "New task" page: fill the form as a person would and submit it."""
    expect(page.get_by_role("heading", level=1)).to_have_text("New task")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Assignee").select_option(label=assignee)
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_label("Priority").select_option(priority)
    page.get_by_role("button", name="Create task").click()


# --- 1. boards and the kanban -----------------------------------------------------------------------


def test_sales_rep_creates_board_and_tasks_and_drags_a_card_to_done(page: Page, live_server, team):
    rep = team.colleagues[0]  # Li Na, sales
    sign_in(page, live_server.url, rep.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))

    page.goto(live_server.url + f"{WS}/boards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Boards")
    page.get_by_label("Name").fill("Canton Fair 2026")
    page.get_by_role("button", name="Create board").click()
    expect(page).to_have_url(re.compile(r"/w/haitian/boards/[0-9a-f-]{36}/$"))

    board = Board.objects.get(workspace=team.workspace, name="Canton Fair 2026")
    board_path = f"{WS}/boards/{board.public_id}/"
    expect(page).to_have_url(url_path_is(board_path))
    expect(page.get_by_role("heading", level=1)).to_have_text("Canton Fair 2026")
    expect(page.locator("#board-progress")).to_contain_text("0 of 0 done")

    due = workspace_today() + dt.timedelta(days=10)
    titles = ["Book the booth", "Print catalogues", "Ship samples to Guangzhou"]
    for n, title in enumerate(titles, start=1):
        page.get_by_role("link", name="+ New task").click()
        expect(page).to_have_url(re.compile(re.escape(f"{WS}/tasks/new/?board={board.public_id}") + "$"))
        create_task_through_form(page, title=title, assignee="Li Na", due=due, priority=Priority.HIGH)
        expect(page).to_have_url(url_path_is(board_path))
        expect(page.locator(".messages")).to_contain_text(f"T-{n} created.")

    todo = column(page, TaskStatus.TODO)
    for n, title in enumerate(titles, start=1):
        expect(todo.locator(f'[data-testid="card-T-{n}"]')).to_contain_text(title)
    expect(todo.locator("li.kanban-card")).to_have_count(3)
    expect(column(page, TaskStatus.DONE).locator("li.kanban-card")).to_have_count(0)
    expect(page.locator("#board-progress")).to_contain_text("0 of 3 done")

    # Drag T-2 onto the Done column; SortableJS moves it, board.js tells the server.
    with page.expect_response(lambda r: r.request.method == "POST" and "/move/" in r.url) as moved:
        card(page, "T-2").drag_to(column(page, TaskStatus.DONE))
    assert moved.value.status == 204, moved.value.status
    expect(column(page, TaskStatus.DONE).locator('[data-testid="card-T-2"]')).to_be_visible()

    task = Task.objects.get(workspace=team.workspace, number=2)
    assert task.status == TaskStatus.DONE
    assert task.board_id == board.pk
    assert Task.objects.get(workspace=team.workspace, number=1).status == TaskStatus.TODO

    page.reload()
    expect(column(page, TaskStatus.DONE).locator('[data-testid="card-T-2"]')).to_be_visible()
    expect(column(page, TaskStatus.TODO).locator("li.kanban-card")).to_have_count(2)
    expect(page.locator("#board-progress")).to_contain_text("1 of 3 done")
    expect(page.locator("#board-progress [role=progressbar]")).to_have_attribute("aria-valuenow", "33")


def test_move_a_card_with_the_keyboard_fallback(page: Page, live_server, team):
    rep = team.colleagues[0]

    def make():
        board = services.board_create(actor=rep, name="Key account: Hamburg Import GmbH")
        for title in ("Send the price list", "Confirm the PI"):
            services.task_create(actor=rep, title=title, board=board, assignee=rep)
        return board

    board = off_the_browser_thread(make)
    board_path = f"{WS}/boards/{board.public_id}/"

    sign_in(page, live_server.url, rep.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + board_path)
    target = card(page, "T-1")
    expect(column(page, TaskStatus.TODO).locator('[data-testid="card-T-1"]')).to_be_visible()

    # No mouse: open "Move" with Enter, choose the column, press the button.
    summary = target.locator("details.card-move > summary")
    summary.focus()
    page.keyboard.press("Enter")
    status_select = target.locator("select[name=status]")
    expect(status_select).to_be_visible()
    expect(status_select).to_have_value(TaskStatus.TODO)
    status_select.select_option(TaskStatus.IN_PROGRESS)
    target.locator("form.move-form button").press("Enter")

    expect(page).to_have_url(url_path_is(board_path))
    expect(column(page, TaskStatus.IN_PROGRESS).locator('[data-testid="card-T-1"]')).to_be_visible()
    expect(column(page, TaskStatus.TODO).locator("li.kanban-card")).to_have_count(1)
    assert Task.objects.get(workspace=team.workspace, number=1).status == TaskStatus.IN_PROGRESS

    # And on to Done the same way.
    target = card(page, "T-1")
    target.locator("details.card-move > summary").click()
    target.locator("select[name=status]").select_option(TaskStatus.DONE)
    target.locator("form.move-form button").click()
    expect(column(page, TaskStatus.DONE).locator('[data-testid="card-T-1"]')).to_be_visible()
    expect(page.locator("#board-progress")).to_contain_text("1 of 2 done")
    assert Task.objects.get(workspace=team.workspace, number=1).status == TaskStatus.DONE


# --- 2. live updates over the websocket -------------------------------------------------------------


@pytest.fixture
def asgi_team(transactional_db):
    workspace = WorkspaceFactory(name="Ningbo Haitian Trading", slug="haitian")
    chen = MembershipFactory(
        workspace=workspace,
        role=Role.SALES,
        user=UserFactory(email="chen.wei@haitian.example", full_name="Chen Wei"),
    )
    wang = MembershipFactory(
        workspace=workspace,
        role=Role.SALES,
        user=UserFactory(email="wang.fang@haitian.example", full_name="Wang Fang"),
    )
    return workspace, chen, wang


def test_assigning_a_task_rings_the_colleagues_bell_live(browser: Browser, asgi_server: str, asgi_team):
    _, chen, wang = asgi_team
    context_a = browser.new_context(viewport=DESKTOP)
    context_b = browser.new_context(viewport=DESKTOP)
    try:
        b = context_b.new_page()
        sign_in(b, asgi_server, wang.user.email)
        expect(b).to_have_url(url_path_is(f"{WS}/"))
        b.goto(asgi_server + f"{WS}/tasks/")
        expect(b.get_by_role("heading", level=1)).to_have_text("My work")
        expect(b.locator("#my-work")).to_contain_text("Nothing on your plate")
        bell_count = b.locator("a[data-testid=bell] .bell-count[data-unread-count]")
        expect(bell_count).to_be_hidden()
        expect(bell_count).to_have_text("0")
        expect(b.locator("body")).to_have_attribute("data-live", "on")  # the websocket is open
        b.evaluate("window.twNotReloaded = true")  # gone if the page reloads

        a = context_a.new_page()
        sign_in(a, asgi_server, chen.user.email)
        expect(a).to_have_url(url_path_is(f"{WS}/"))
        a.goto(asgi_server + f"{WS}/tasks/new/")
        create_task_through_form(
            a,
            title="Chase the L/C amendment",
            assignee="Wang Fang",
            due=workspace_today() + dt.timedelta(days=3),
            priority=Priority.URGENT,
        )
        expect(a.get_by_role("heading", level=1)).to_have_text("Chase the L/C amendment")
        task = Task.objects.get(title="Chase the L/C amendment")
        assert task.assignee_id == wang.pk

        # B did not reload: the bell and My work follow the websocket.
        expect(bell_count).to_be_visible()
        expect(bell_count).to_have_text("1")
        expect(b.locator("#my-work")).to_contain_text("Chase the L/C amendment")
        expect(b.locator("#my-work")).to_contain_text(task.code)
        assert b.evaluate("window.twNotReloaded === true"), "B's page reloaded"
        assert b.url == asgi_server + f"{WS}/tasks/"
    finally:
        context_a.close()
        context_b.close()


# --- 3. phones and screenshots ----------------------------------------------------------------------


@pytest.fixture
def busy_workspace(team):
    """A board with tasks in several columns, and a notification for the owner."""
    owner, rep = team.owner, team.colleagues[0]

    def make():
        board = services.board_create(
            actor=rep, name="Canton Fair 2026", description="Booth 12.1 C34, 15–19 April, Guangzhou"
        )
        today = workspace_today()
        tasks = [
            services.task_create(
                actor=rep,
                title="Book the booth and the hotel near Pazhou",
                board=board,
                assignee=owner,
                due_date=today + dt.timedelta(days=2),
                priority=Priority.HIGH,
                labels=["fair", "travel"],
                description="Confirm with **Mr. Zhang** before Friday.\n\n- 2 rooms\n- 5 nights",
            ),
            services.task_create(
                actor=rep,
                title="Print 500 catalogues (EN/ES)",
                board=board,
                assignee=rep,
                due_date=today - dt.timedelta(days=1),
                priority=Priority.URGENT,
            ),
            services.task_create(actor=rep, title="Ship samples", board=board, assignee=owner),
            services.task_create(actor=owner, title="Prepare the price list", board=board),
            services.task_create(actor=rep, title="Visa letters for the buyers from Peru", board=board),
        ]
        services.task_move(actor=rep, task=tasks[2], status=TaskStatus.IN_PROGRESS, before=None, after=None)
        services.task_set_status(actor=rep, task=tasks[3], status=TaskStatus.DONE)
        services.task_set_status(
            actor=rep, task=tasks[4], status=TaskStatus.BLOCKED, blocked_reason="Waiting for passport scans"
        )
        return board, tasks

    return off_the_browser_thread(make)


def test_tasks_pages_fit_a_phone(browser: Browser, live_server, team, busy_workspace):
    board, tasks = busy_workspace
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, team.owner.user.email)
        expect(page).to_have_url(url_path_is(f"{WS}/"))
        for path in (
            f"{WS}/tasks/",
            f"{WS}/boards/{board.public_id}/",
            f"{WS}/tasks/{tasks[0].public_id}/",
        ):
            page.goto(live_server.url + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert_no_horizontal_overflow(page, PHONE["width"])

        # The kanban stacks its columns on a phone: one below the other, each as wide as the screen allows.
        page.goto(live_server.url + f"{WS}/boards/{board.public_id}/")
        boxes = [page.locator(f"section.kanban-column[data-status={s}]").bounding_box() for s in TaskStatus]
        assert all(boxes), boxes
        for upper, lower in itertools.pairwise(boxes):
            assert lower["y"] >= upper["y"] + upper["height"] - 1, f"columns side by side: {boxes}"
            assert lower["x"] == pytest.approx(upper["x"], abs=1)
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1 for box in boxes), boxes
    finally:
        context.close()


def screenshot_pages(board, task) -> list[tuple[str, str]]:
    return [
        ("tasks-my-work", f"{WS}/tasks/"),
        ("tasks-boards", f"{WS}/boards/"),
        ("tasks-board-kanban", f"{WS}/boards/{board.public_id}/"),
        ("tasks-board-list", f"{WS}/boards/{board.public_id}/?view=list"),
        ("tasks-task", f"{WS}/tasks/{task.public_id}/"),
        ("notifications", f"{WS}/notifications/"),
        ("notification-settings", f"{WS}/notifications/preferences/"),
        ("chat-webhooks", f"{WS}/notifications/webhooks/"),
    ]


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_screenshots_of_task_pages(browser: Browser, live_server, team, busy_workspace, viewport_name):
    board, tasks = busy_workspace
    viewport = {"desktop": DESKTOP, "phone": PHONE}[viewport_name]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    problems = []
    try:
        page = context.new_page()
        sign_in(page, live_server.url, team.owner.user.email)
        expect(page).to_have_url(url_path_is(f"{WS}/"))
        for name, path in screenshot_pages(board, tasks[0]):
            response = page.goto(live_server.url + path)
            assert response is not None, path
            assert response.ok, f"{path} answered {response.status}"
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.screenshot(path=SCREENSHOT_DIR / f"{name}-{viewport_name}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"] + 1:
                problems.append(f"{path}: {width}px wide")
    finally:
        context.close()
    assert not problems, f"horizontal overflow at {viewport['width']}px: {problems}"


# --- 4. Chinese -------------------------------------------------------------------------------------


def test_task_page_status_buttons_in_chinese(page: Page, live_server, team):
    rep = team.colleagues[0]
    task = off_the_browser_thread(
        lambda: services.task_create(actor=rep, title="寄样品给汉堡客户", assignee=rep)
    )
    User.objects.filter(pk=rep.user.pk).update(language="zh-hans")

    sign_in(page, live_server.url, rep.user.email)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    page.goto(live_server.url + f"{WS}/tasks/{task.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("寄样品给汉堡客户")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    buttons = page.locator(".status-buttons label.status-choice")
    expected = [catalog(label) for label in TaskStatus.labels]
    with translation.override("en"):
        english = [str(label) for label in TaskStatus.labels]
    expect(buttons).to_have_text(expected)
    expect(buttons.locator("input[type=radio]:checked")).to_have_value(TaskStatus.TODO)
    expect(page.get_by_test_id("task-status")).to_have_text(catalog("To do"))
    if expected != english:  # once translated, no English may be left on the buttons
        for word in english:
            expect(page.locator(".status-buttons")).not_to_contain_text(word)


# --- regressions of bugs found while writing these tests -----------------------------------------


def test_board_tile_progress_is_a_thin_bar(page: Page, live_server, team, busy_workspace):
    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + f"{WS}/boards/")
    bar = page.locator(".grid a.tile .progress").first
    expect(bar).to_be_visible()
    box = bar.bounding_box()
    assert box is not None and box["height"] <= 12, f"the progress bar is {box and box['height']}px tall"


def test_list_sorted_by_due_date_puts_undated_tasks_last(page: Page, live_server, team, busy_workspace):
    board, _ = busy_workspace
    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + f"{WS}/boards/{board.public_id}/?view=list")
    codes = page.locator("#task-table tbody tr td:first-child")
    expect(codes).to_have_count(5)
    # T-2 is overdue, T-1 due in two days, the rest have no date.
    assert [c.strip() for c in codes.all_text_contents()][:2] == ["T-2", "T-1"], codes.all_text_contents()


def test_webhook_form_checkboxes_sit_beside_their_labels(page: Page, live_server, team):
    sign_in(page, live_server.url, team.owner.user.email)
    expect(page).to_have_url(url_path_is(f"{WS}/"))
    page.goto(live_server.url + f"{WS}/notifications/webhooks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat webhooks")
    for checkbox in (page.locator("input[name=team]"), page.locator("input[name=kinds]").first):
        expect(checkbox).to_be_visible()
        box = checkbox.bounding_box()
        assert box is not None and box["width"] <= 30, f"a checkbox {box and box['width']}px wide"
