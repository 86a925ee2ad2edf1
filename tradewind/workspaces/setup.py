"""What a new workspace starts with. Each app registers a setup function (the crm: its rules and the grades
A–D); workspace_create runs them in its transaction, so every workspace has its rows from the start and
reading them never has to create them."""

from __future__ import annotations

from collections.abc import Callable

_SETUPS: list[Callable] = []


def workspace_setup_register(setup: Callable) -> Callable:
    if setup not in _SETUPS:
        _SETUPS.append(setup)
    return setup


def workspace_setup(workspace) -> None:
    """Run every app's setup for `workspace` (idempotent: each setup keeps what exists)."""
    for setup in _SETUPS:
        setup(workspace)
