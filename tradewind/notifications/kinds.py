"""The registry of notification kinds. Apps register their kinds at start-up (in their registry.py);
delivery code only ever looks kinds up here, so a new kind needs no change to delivery."""

from __future__ import annotations

from dataclasses import dataclass

from tradewind.notifications.choices import EmailMode


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: object  # a lazy translation
    default_email: str = EmailMode.IMMEDIATE
    urgent: bool = False  # urgent kinds ignore quiet hours


_KINDS: dict[str, NotificationKind] = {}


def notification_kind_register(code: str, label, *, default_email: str = EmailMode.IMMEDIATE, urgent=False):
    _KINDS[code] = NotificationKind(code=code, label=label, default_email=default_email, urgent=urgent)


def notification_kind(code: str) -> NotificationKind:
    return _KINDS[code]


def notification_kinds() -> list[NotificationKind]:
    return list(_KINDS.values())
