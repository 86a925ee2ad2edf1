"""Gates: what another app says about a stage of an order before it may start or be completed ("a failed
inspection blocks booking"). An app registers, for a stage key, a function (order) -> a reason in the
member's language, or None; the workflow refuses to start or complete the stage while any gives a reason,
unless the override the gate names is recorded by that app (a manager accepting the risk)."""

from __future__ import annotations

from collections.abc import Callable

_GATES: dict[str, list[tuple[str, Callable]]] = {}


def stage_gate_register(stage_key: str, name: str, check: Callable) -> None:
    gates = _GATES.setdefault(stage_key, [])
    gates[:] = [(n, c) for n, c in gates if n != name] + [(name, check)]


def stage_blockers(stage_key: str, order) -> list[str]:
    """Why `stage_key` cannot go on for `order` now; empty when nothing blocks it."""
    return [reason for _name, check in _GATES.get(stage_key, ()) if (reason := check(order))]
