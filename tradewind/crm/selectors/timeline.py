"""A customer's timeline as the profile shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tradewind.crm.choices import Channel
from tradewind.crm.models import Customer, TimelineEntry
from tradewind.crm.timeline_events import event_text


@dataclass(frozen=True)
class TimelineRow:
    """One entry of a customer's timeline as the profile shows it."""

    channel: str
    channel_label: str
    at: dt.datetime
    summary: str
    outcome: str
    next_step: str
    data: dict
    actor_name: str  # "" for the system
    contact_name: str | None

    # An ownership change's "from → to · reason", read from `data` here: in a template, each key missing
    # from it is a failed dictionary, attribute and index look-up.
    moved_from: str = ""
    moved_to: str = ""
    moved_reason: str = ""


def _moved(data) -> dict:
    data = data if isinstance(data, dict) else {}
    return {
        "moved_from": data.get("from", ""),
        "moved_to": data.get("to", ""),
        "moved_reason": data.get("reason", ""),
    }


def customer_timeline(customer: Customer, *, limit: int = 100) -> list[TimelineRow]:
    """The newest entries, newest first, in one query of plain values: a timeline row as a model instance
    with its actor, user and contact costs ten times more to load than to show."""
    labels = {value: str(label) for value, label in Channel.choices}
    rows = (
        TimelineEntry.objects.filter(customer=customer)
        .order_by("-at", "-id")
        .values_list(
            "channel", "at", "summary", "outcome", "next_step", "data",
            "actor__user__full_name", "actor__user__email", "contact__name",
        )[:limit]
    )  # fmt: skip
    return [
        TimelineRow(
            **_moved(data),
            channel=channel,
            channel_label=labels.get(channel, channel),
            at=at,
            summary=event_text(data) or summary,
            outcome=outcome,
            next_step=next_step,
            data=data,
            actor_name=full_name or email or "",  # User.display_name
            contact_name=contact,
        )
        for channel, at, summary, outcome, next_step, data, full_name, email, contact in rows
    ]
