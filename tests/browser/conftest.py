"""Fixtures for the browser suite: one live server, a small team to sign in as, helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from tests.processes import free_port, serving
from tradewind.workspaces.choices import Role

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass
class Team:
    workspace: object
    owner: object  # Membership
    colleagues: list  # Memberships


@pytest.fixture
def team(live_server):
    """ "Ningbo Haitian Trading" with its owner (Chen Wei) and two colleagues."""
    workspace = WorkspaceFactory(name="Ningbo Haitian Trading", slug="haitian")
    owner = MembershipFactory(
        workspace=workspace,
        role=Role.OWNER,
        user=UserFactory(email="chen.wei@haitian.example", full_name="Chen Wei"),
    )
    colleagues = [
        MembershipFactory(
            workspace=workspace,
            role=Role.SALES,
            user=UserFactory(email="li.na@haitian.example", full_name="Li Na"),
        ),
        MembershipFactory(
            workspace=workspace,
            role=Role.DOCUMENTS,
            user=UserFactory(email="wang.fang@haitian.example", full_name="Wang Fang"),
        ),
    ]
    return Team(workspace=workspace, owner=owner, colleagues=colleagues)


@pytest.fixture
def url(live_server):
    """url("/w/haitian/") -> absolute URL on the live server."""

    def make(path: str) -> str:
        return live_server.url + path

    return make


def url_path_is(path: str) -> re.Pattern:
    """A pattern for expect(page).to_have_url(): this exact path, any origin, no query."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + r"$")


def sign_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form, as a person would."""
    response = page.goto(base_url + "/accounts/sign-in/")
    assert response is not None and response.ok, response and response.status
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()


@pytest.fixture
def asgi_server(transactional_db, tmp_path: Path):
    """`tradewind serve` (uvicorn: HTTP and /ws/) on the test database; yields its base URL.

    pytest-django's live_server speaks WSGI only, so pages there never get a websocket.
    """
    with serving(free_port(), tmp_path / "serve.log") as base:
        yield base
