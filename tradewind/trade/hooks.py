"""What other apps do when an order changes state, without trade importing them (as crm/hooks.py does for
customers): fulfilment starts when the buyer confirms, and stops when the order is cancelled.

    order_hook_register("confirmed", start)     start(*, actor, order) -> None
    order_hook_register("cancelled", stop)      stop(*, actor, order) -> None

Hooks run inside the trade service's transaction; one that raises undoes the whole change.
"""

from __future__ import annotations

from collections.abc import Callable

EVENTS = ("confirmed", "cancelled")
_HOOKS: dict[str, list[Callable[..., None]]] = {event: [] for event in EVENTS}


def order_hook_register(event: str, hook: Callable[..., None]) -> None:
    if hook not in _HOOKS[event]:
        _HOOKS[event].append(hook)


def order_hooks_run(event: str, *, actor, order) -> None:
    for hook in _HOOKS[event]:
        hook(actor=actor, order=order)
