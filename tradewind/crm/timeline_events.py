"""What the system writes on a customer's timeline, in the reader's language.

A system entry (created, claimed, merged…) keeps a code in `data["event"]` and its parameters beside it;
the text is made when the entry is read, so a Chinese reader sees Chinese whoever caused the entry. The
`summary` column keeps the English text: the fallback for codes this version does not know, and what search
and exports of old versions read.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


def event_text(data) -> str | None:
    """The entry's text in the active language, or None for an entry without a known code."""
    if not isinstance(data, dict):
        return None
    message = EVENTS.get(data.get("event"))
    if message is None:
        return None
    return str(message) % {"name": data.get("name", ""), "file": data.get("file", "")}


def event_stored(event: str, **params) -> tuple[str, dict]:
    """The `summary` (English) and `data` to store for a system entry."""
    with translation.override("en"):
        data = {"event": event, **params}
        return event_text(data), data
