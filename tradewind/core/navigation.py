"""The app shell's navigation, filled by each app for itself (in its registry.py, at start-up).

The shell (workspaces' context processor and shell.html) only reads this registry, so a new area —
sales, shipments, the library — appears in the menu without the lower apps importing the higher ones'
permissions. Three kinds of things are registered:

- entries: links in a menu ("main" bar, "user" dropdown), ordered, each shown when `visible(membership)`;
- flags: what the member may do, for templates (`{% if nav.tasks_edit %}` shows a "New task" button);
- values: small things the shell shows (the bell's unread count), computed only if a page asks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

Check = Callable[[Any], bool]  # (membership) -> bool


@dataclass(frozen=True)
class NavigationEntry:
    key: str
    label: object  # a lazy translation
    url_name: str  # reversed with the workspace's slug
    order: int
    visible: Check | None = None  # None: every member
    menu: str = "main"
    # The entry is the current page on every page of this URL namespace ("crm") or these namespaces
    # (fulfilment's hub: its board, shipments, documents, suppliers); otherwise only on its own URL.
    app: str | tuple[str, ...] = ""


@dataclass(frozen=True)
class NavigationLink:
    """An entry as one member's page shows it."""

    key: str
    label: str
    url: str
    current: bool


_ENTRIES: dict[str, NavigationEntry] = {}
_FLAGS: dict[str, Check] = {}
_VALUES: dict[str, Callable[[Any], Any]] = {}


def navigation_entry_register(
    key: str,
    label,
    url_name: str,
    order: int,
    visible: Check | None = None,
    *,
    menu: str = "main",
    app: str | tuple[str, ...] = "",
) -> None:
    """A link in `menu`, sorted by `order` (gaps of ten leave room for later areas). Registering a key
    again replaces the entry (a test or a later app may refine one)."""
    _ENTRIES[key] = NavigationEntry(key, label, url_name, order, visible, menu, app)


def navigation_flag_register(key: str, check: Check) -> None:
    """`nav.<key>` in templates: `check(membership)`, asked the first time a page reads it."""
    _FLAGS[key] = check


def navigation_value_register(key: str, compute: Callable[[Any], Any]) -> None:
    """`<key>` in the shell's context: `compute(membership)`, only when a page shows it."""
    _VALUES[key] = compute


def navigation_entries(menu: str = "main") -> list[NavigationEntry]:
    return sorted((e for e in _ENTRIES.values() if e.menu == menu), key=lambda e: (e.order, e.key))


def navigation_links(membership, request, menu: str = "main") -> list[NavigationLink]:
    """The entries of `menu` that `membership` may see, with their URLs in its workspace and which one
    is the page being shown."""
    slug = membership.workspace.slug
    path = getattr(request, "path", "")
    match = getattr(request, "resolver_match", None)
    app_name = getattr(match, "app_name", "") if match else ""
    links = []
    for entry in navigation_entries(menu):
        if entry.visible is not None and not entry.visible(membership):
            continue
        url = reverse(entry.url_name, args=[slug])
        apps = (entry.app,) if isinstance(entry.app, str) else entry.app
        current = app_name in apps if entry.app else path == url
        links.append(NavigationLink(entry.key, str(entry.label), url, current))
    return links


class NavigationFlags(Mapping):
    """The registered flags of one member, each computed once and only when a template reads it. An
    unknown flag reads as False, as a missing context variable would."""

    def __init__(self, membership):
        self._membership = membership
        self._known: dict[str, bool] = {}

    def __getitem__(self, key: str) -> bool:
        if key not in self._known:
            check = _FLAGS.get(key)
            self._known[key] = bool(check(self._membership)) if check else False
        return self._known[key]

    def __iter__(self):
        return iter(_FLAGS)

    def __len__(self):
        return len(_FLAGS)


def navigation_values(membership) -> dict[str, Callable[[], Any]]:
    """The registered values as zero-argument callables (Django's templates call them when used)."""
    return {key: (lambda compute=compute: compute(membership)) for key, compute in _VALUES.items()}
