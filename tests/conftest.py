import os

import pytest
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY

from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from tradewind.workspaces.choices import Role

# The sales fixtures (setup, quote); the order team; production's (merch, supplier, order).
pytest_plugins = [
    "tests.sales",
    "tests.workflow_helpers",
    "tests.production_fixtures",
    "tests.s3",
    "tests.library_fixtures",
    "tests.mailservers",
]

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _huey_immediate():
    """Queued tasks run inline in tests; the worker-process tests switch this off themselves."""
    HUEY.immediate = True
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request by a user who reads Chinese leaves Chinese active in the thread (each real request sets
    its own language first); the next test starts from the default again, and from UTC."""
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture
def fresh_channel_layer():
    """A channel layer of the test's own: each asyncio test runs in a new event loop, and the Redis layer
    keeps locks and receive state bound to the loop that made them — a socket of the previous test still
    closing then broke the next test's receive ("bound to a different event loop"). A web process has one
    loop for its life, so only tests need this."""
    from channels.layers import channel_layers

    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": os.environ.get("TRADEWIND_CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def workspace(db):
    return WorkspaceFactory(name="Ningbo Haitian Trading", slug="haitian")


@pytest.fixture
def member_factory(workspace):
    """member(role) -> an active Membership of `workspace` with a fresh user."""

    def make(role=Role.SALES, **kwargs):
        kwargs.setdefault("workspace", workspace)
        return MembershipFactory(role=role, **kwargs)

    return make


@pytest.fixture
def owner(member_factory):
    return member_factory(Role.OWNER)


@pytest.fixture
def admin(member_factory):
    return member_factory(Role.ADMIN)


@pytest.fixture
def sales(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def client_for(client):
    """client_for(membership_or_user) -> the test client signed in as that user."""
    from django.test import Client

    def make(who):
        user = getattr(who, "user", who)
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """`with worker():` runs what the code queued for after the commit (worker jobs, file deletions) at
    the end of the block, as the worker would after a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(django_db_setup, django_db_blocker):
    """Async tests leave connections open in executor threads; PostgreSQL refuses to drop the test
    database while they exist, so end them before pytest-django tears it down."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def pytest_collection_modifyitems(config, items):
    """Browser tests last: pytest-playwright keeps an event loop running in the main thread for the rest
    of the session, and the asyncio tests (websockets) cannot start their own loop after that."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
