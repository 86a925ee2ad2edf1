"""What appears on a customer's timeline: the activity kinds the CRM writes, in the reader's language.

A customer's timeline is its activity stream (tradewind/activity). A logged interaction is
`crm.interaction` (channel, summary, outcome, next step, contact); a system entry (created, claimed,
merged…) is `crm.<code>` with its parameters, its text made when it is read, so a Chinese reader sees
Chinese whoever caused the entry. Every entry keeps its `channel` in data: the chip the profile shows.
"""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register

INTERACTION = "crm.interaction"
LEGACY = "crm.entry"  # a system entry from before codes were kept: its English text is in data["text"]

EVENTS = {
    "created": _("Customer created"),
    "created_as": _("Customer created as %(name)s"),  # data: name (a customer merged into this one)
    "claimed": _("Claimed from the pool"),
    "released": _("Released to the pool"),
    "assigned": _("Assigned"),
    "returned": _("Returned to the pool: no follow-up logged in time"),
    "handed_over": _("Handed over"),
    "merged": _("Merged with %(name)s"),  # data: name
    "imported": _("Imported from %(file)s"),  # data: file
    "contact_removed": _("Contact removed: %(name)s"),  # data: name
    "contact_imported": _("Contact %(name)s added from %(file)s"),  # data: name, file
}


def event_kind(event: str) -> str:
    if event not in EVENTS:
        raise ValueError(f"unknown timeline event {event!r}")
    return f"crm.{event}"


def _event_text(message, data: dict) -> str:
    return str(message) % {"name": data.get("name", ""), "file": data.get("file", "")}


def timeline_kinds_register() -> None:
    activity_kind_register(INTERACTION, _("Interaction"), text=lambda data: data.get("summary", ""))
    activity_kind_register(LEGACY, _("System"))
    for code, message in EVENTS.items():
        activity_kind_register(f"crm.{code}", message, text=partial(_event_text, message))
