"""The app shell's menus come from the navigation registry each app fills (core/navigation.py): who sees
which entry, which one is current, the flags templates ask, and that workspaces imports no higher app."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tradewind.core import navigation
from tradewind.core.navigation import (
    NavigationFlags,
    navigation_entries,
    navigation_entry_register,
    navigation_flag_register,
    navigation_links,
)
from tradewind.workspaces.choices import Role

ROOT = Path(__file__).resolve().parent.parent / "tradewind"


class _Request:
    def __init__(self, path, app_name=""):
        self.path = path
        self.resolver_match = type("Match", (), {"app_name": app_name})()


def _main_nav(html: str) -> list[tuple[str, bool]]:
    nav = re.search(r'<nav id="main-nav".*?</nav>', html, re.S).group(0)
    return [(label, "aria-current" in attrs) for attrs, label in re.findall(r"<a ([^>]*)>([^<]+)</a>", nav)]


def test_every_app_registers_its_own_entries_in_order():
    assert [e.key for e in navigation_entries("main")] == [
        "customers", "inquiries", "quotations", "orders", "catalog", "fulfilment", "receivables",
        "aftersales", "tasks", "library", "mail", "team", "invitations",
        "api_tokens", "audit", "settings", "rates",
    ]  # fmt: skip
    assert [e.key for e in navigation_entries("user")] == ["notification_settings", "delivery_problems"]
    assert navigation_entries("nowhere") == []


@pytest.mark.parametrize(
    ("role", "labels"),
    [
        (
            Role.OWNER,
            [
                "Customers",
                "Inquiries",
                "Quotations",
                "Orders",
                "Products",
                "Fulfilment",
                "Receivables",
                "After-sales",
                "Tasks",
                "Documents",
                "E-mail",
                "Team",
                "Invitations",
                "API tokens",
                "Audit log",
                "Settings",
                "Exchange rates",
            ],
        ),
        (
            Role.MANAGER,
            [
                "Customers",
                "Inquiries",
                "Quotations",
                "Orders",
                "Products",
                "Fulfilment",
                "Receivables",
                "After-sales",
                "Tasks",
                "Documents",
                "E-mail",
                "Team",
                "Invitations",
                "API tokens",
                "Exchange rates",
            ],
        ),
        (
            Role.SALES,
            [
                "Customers",
                "Inquiries",
                "Quotations",
                "Orders",
                "Products",
                "Fulfilment",
                "Receivables",
                "After-sales",
                "Tasks",
                "Documents",
                "E-mail",
                "Team",
                "API tokens",
                "Exchange rates",
            ],
        ),
        (
            Role.VIEWER,
            [
                "Customers",
                "Inquiries",
                "Quotations",
                "Orders",
                "Products",
                "Fulfilment",
                "After-sales",
                "Tasks",
                "Documents",
                "E-mail",
                "Team",
                "API tokens",
                "Exchange rates",
            ],
        ),
    ],
)
def test_each_member_sees_the_entries_their_role_allows(role, labels, member_factory, client_for):
    member = member_factory(role)
    html = client_for(member).get(reverse("crm:list", args=[member.workspace.slug])).content.decode()
    assert [label for label, _current in _main_nav(html)] == labels
    # The area's entry is current on all its pages; "Customers" here.
    assert [label for label, current in _main_nav(html) if current] == ["Customers"]
    delivery_link = reverse("notifications:deliveries", args=[member.workspace.slug])
    assert (delivery_link in html) is (role == Role.OWNER)


def test_current_entry_by_path_and_by_area(member_factory):
    owner = member_factory(Role.OWNER)
    slug = owner.workspace.slug
    links = navigation_links(owner, _Request(f"/w/{slug}/"))
    assert [link.key for link in links if link.current] == ["team"]
    links = navigation_links(owner, _Request(f"/w/{slug}/boards/", app_name="tasks"))
    assert [link.key for link in links if link.current] == ["tasks"]
    # Fulfilment is one area over several apps: a shipment's page is in it.
    links = navigation_links(owner, _Request(f"/w/{slug}/shipments/", app_name="shipping"))
    assert [link.key for link in links if link.current] == ["fulfilment"]
    assert links[0].url == f"/w/{slug}/customers/"


def test_labels_in_the_readers_language(member_factory):
    member = member_factory(Role.SALES)
    with translation.override("zh-hans"):
        labels = [link.label for link in navigation_links(member, _Request("/"))]
    assert labels[:6] == ["客户", "询盘", "报价单", "订单", "产品", "跟单"]


def test_flags_are_asked_once_and_only_when_read(member_factory, monkeypatch):
    manager, viewer = member_factory(Role.MANAGER), member_factory(Role.VIEWER)
    asked = []
    monkeypatch.setitem(navigation._FLAGS, "probe", lambda m: asked.append(m.pk) or True)
    flags = NavigationFlags(manager)
    assert asked == []
    assert flags["probe"] and flags["probe"] and asked == [manager.pk]
    assert flags["no_such_flag"] is False
    assert NavigationFlags(manager)["crm_manage"] and not NavigationFlags(viewer)["crm_manage"]
    assert NavigationFlags(viewer)["tasks_edit"] is False and NavigationFlags(manager)["workload"]
    assert {"invite", "audit", "settings", "admin", "crm_manage", "crm_import", "workload"} <= set(flags)


def test_a_new_app_appears_in_the_menu_without_touching_the_shell(member_factory, client_for, monkeypatch):
    monkeypatch.setattr(navigation, "_ENTRIES", dict(navigation._ENTRIES))
    monkeypatch.setattr(navigation, "_FLAGS", dict(navigation._FLAGS))
    navigation_entry_register(
        "follow_ups", "Follow-ups", "crm:follow_ups", 12, lambda m: m.role == Role.SALES
    )
    navigation_flag_register("sells", lambda m: m.role == Role.SALES)
    sales, viewer = member_factory(Role.SALES), member_factory(Role.VIEWER)
    html = client_for(sales).get(reverse("tasks:my_work", args=[sales.workspace.slug])).content.decode()
    assert [label for label, _c in _main_nav(html)][:3] == ["Customers", "Follow-ups", "Inquiries"]
    assert [label for label, current in _main_nav(html) if current] == ["Tasks"]
    html = client_for(viewer).get(reverse("tasks:my_work", args=[viewer.workspace.slug])).content.decode()
    assert "Follow-ups" not in [label for label, _c in _main_nav(html)]
    assert NavigationFlags(sales)["sells"] and not NavigationFlags(viewer)["sells"]


def test_the_bell_count_is_a_registered_value(member_factory, client_for):
    from tradewind.notifications.services import notify

    member = member_factory(Role.SALES)
    notify(recipients=[member], kind="tasks.assigned", title="T-1")
    html = client_for(member).get(reverse("tasks:my_work", args=[member.workspace.slug])).content.decode()
    assert re.search(r"data-unread-count\s*>1<", html)


def test_outside_a_workspace_the_shell_shows_my_workspaces(user, client_for):
    html = client_for(user).get(reverse("workspaces:list")).content.decode()
    assert _main_nav(html) == [("My workspaces", False)]


def test_workspaces_imports_no_higher_app():
    """The lower app asks the registry; crm, tasks and notifications register themselves."""
    higher = ("tradewind.crm", "tradewind.tasks", "tradewind.notifications")
    for path in (ROOT / "workspaces").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(higher), f"{path.name} imports {node.module}"
