"""The activity registry: each app registers the kinds it writes, with the text a reader sees.

A kind's `text(data)` makes the line in the active language from the stored parameters, so a Chinese
reader sees Chinese whoever caused the entry; `label` names the kind in filters and the history list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ActivityKind:
    key: str
    label: object  # a lazy translation
    text: Callable[[dict], str] | None = None


_KINDS: dict[str, ActivityKind] = {}


def activity_kind_register(key: str, label, text: Callable[[dict], str] | None = None) -> None:
    _KINDS[key] = ActivityKind(key, label, text)


def activity_kind(key: str) -> ActivityKind | None:
    return _KINDS.get(key)


def activity_kinds() -> dict[str, ActivityKind]:
    return dict(_KINDS)


def activity_text(key: str, data: dict) -> str:
    """The entry's line in the active language; a kind this version does not know shows the English text
    stored with it, if any (`data["text"]`)."""
    kind = _KINDS.get(key)
    data = data if isinstance(data, dict) else {}
    if kind is not None and kind.text is not None:
        return kind.text(data)
    return str(data.get("text", ""))


def activity_label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else key
