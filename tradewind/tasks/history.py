"""A task's history as activity kinds: `tasks.<TaskEventKind>`, each with the change in the reader's words."""

from __future__ import annotations

from functools import partial

from tradewind.activity.kinds import activity_kind_register
from tradewind.tasks.choices import Priority, TaskEventKind, TaskStatus

_CHECKLIST_MARKS = (("added", "+"), ("done", "☑"), ("undone", "☐"), ("removed", "−"))


def _coded(labels, data: dict) -> str:
    """A status or priority change: labels, not stored codes."""
    if data.get("to") not in labels.values:
        return _from_to(data)
    before = labels(data["from"]).label if data.get("from") in labels.values else "—"
    text = f"{before} → {labels(data['to']).label}"
    return f"{text} ({data['reason']})" if data.get("reason") else text


def _from_to(data: dict) -> str:
    if "from" in data or "to" in data:
        return f"{data.get('from') or '—'} → {data.get('to') or '—'}"
    return ""


def _checklist(data: dict) -> str:
    return next((f"{mark} {data[key]}" for key, mark in _CHECKLIST_MARKS if key in data), "")


def _labels(data: dict) -> str:
    return f"{', '.join(data.get('from') or []) or '—'} → {', '.join(data.get('to') or []) or '—'}"


_TEXTS = {
    TaskEventKind.STATUS: partial(_coded, TaskStatus),
    TaskEventKind.PRIORITY: partial(_coded, Priority),
    TaskEventKind.CHECKLIST: _checklist,
    TaskEventKind.ATTACHMENT: lambda data: data.get("name", ""),
    TaskEventKind.LABELS: _labels,
    TaskEventKind.CREATED: lambda data: data.get("repeated_from", ""),
    TaskEventKind.COMMENT: lambda data: "",
    TaskEventKind.SUBJECT: lambda data: "",
}


def task_history_kinds_register() -> None:
    for kind in TaskEventKind:
        activity_kind_register(f"tasks.{kind.value}", kind.label, text=_TEXTS.get(kind, _from_to))
