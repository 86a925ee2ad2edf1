"""What other apps do when a shipment changes, without shipping importing them (as trade/hooks.py does for
orders): receivables moves the due dates that follow the shipping dates, shipping documents brings the
shipment's checklist up to date.

    shipment_hook_register(hook)     hook(*, shipment) -> None

Hooks run inside the shipping service's transaction, after the change; one that raises undoes it.
"""

from __future__ import annotations

from collections.abc import Callable

_HOOKS: list[Callable[..., None]] = []


def shipment_hook_register(hook: Callable[..., None]) -> None:
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def shipment_hooks_run(*, shipment) -> None:
    for hook in _HOOKS:
        hook(shipment=shipment)
