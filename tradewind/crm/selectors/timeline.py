"""A customer's timeline as the profile shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from tradewind.activity.selectors import ActivityRow, activity_page
from tradewind.crm.choices import Channel
from tradewind.crm.models import Customer


@dataclass(frozen=True)
class TimelineRow:
    """One entry of a customer's timeline as the profile shows it."""

    id: UUID
    kind: str
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
    """The newest entries of the customer's activity stream, newest first, in one query."""
    labels = {value: str(label) for value, label in Channel.choices}
    rows = activity_page(
        workspace_id=customer.workspace_id, subject=("crm.customer", customer.public_id), limit=limit
    )
    return [timeline_row(row, labels) for row in rows]


def timeline_row(row: ActivityRow, labels: dict[str, str]) -> TimelineRow:
    data = row.data
    channel = data.get("channel", Channel.SYSTEM)
    contact = data.get("contact")
    return TimelineRow(
        **_moved(data),
        id=row.id,
        kind=row.kind,
        channel=channel,
        channel_label=labels.get(channel, channel),
        at=row.at,
        summary=row.text,
        outcome=data.get("outcome", ""),
        next_step=data.get("next_step", ""),
        data=data,
        actor_name=row.actor_name,
        contact_name=contact.get("name") if isinstance(contact, dict) else None,
    )
