"""Panels: what a higher app shows on a lower app's page (the quotations on a customer's profile) without
the lower app knowing it. An app registers, for a page, a template and a function giving its context (or
None to show nothing to that member); the page renders the panels in their order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    page: str  # e.g. "crm.customer"
    key: str
    template: str
    context: Callable  # (membership, obj) -> dict | None
    order: int = 50
    side: bool = False  # in the page's side column


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict
    side: bool


_PANELS: dict[tuple[str, str], Panel] = {}


def panel_register(page: str, key: str, template: str, context: Callable, *, order: int = 50, side=False):
    _PANELS[(page, key)] = Panel(page, key, template, context, order, side)


def panels_for(page: str, membership, obj) -> list[ShownPanel]:
    """The panels of `page` for `obj` that `membership` may see, in order."""
    shown = []
    for panel in sorted((p for p in _PANELS.values() if p.page == page), key=lambda p: (p.order, p.key)):
        context = panel.context(membership, obj)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context, panel.side))
    return shown
