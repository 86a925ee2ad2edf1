"""Who has Tradewind open: online, away (every open page of theirs idle or hidden) or offline.

Counted per open websocket, never per keystroke: a socket that opens, goes idle, comes back or closes
moves the member's counts by one (one UPDATE), and a socket touches `seen_at` at most once a minute
while it lives. Counts left behind by a process that died without closing its sockets stop counting when
`seen_at` goes stale. Only a change of the member's state is told to the workspace's open pages, as
{"topic": "presence", "payload": {"member": <public id>, "state": …}}.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from tradewind.workspaces.models import Presence

ONLINE, AWAY, OFFLINE = "online", "away", "offline"
TOPIC = "presence"
TOUCH_EVERY = timedelta(seconds=60)
# The page pings every 30 s and a socket touches once a minute: three missed touches mean it is gone.
STALE = TOUCH_EVERY * 2 + timedelta(seconds=30)


def _state(presence: Presence | None, now) -> str:
    if presence is None or presence.sockets <= 0 or now - presence.seen_at > STALE:
        return OFFLINE
    return ONLINE if presence.active_sockets > 0 else AWAY


def _moved(membership, sockets: int, active: int) -> str | None:
    """Move the counts by (sockets, active) in one locked read-and-write; the member's new state if it
    changed (to be told), else None."""
    now = timezone.now()
    with transaction.atomic():
        presence, _created = Presence.objects.select_for_update().get_or_create(
            membership_id=membership.pk, defaults={"workspace_id": membership.workspace_id}
        )
        before = _state(presence, now)
        if now - presence.seen_at > STALE:  # whatever was counted is gone: start again from this socket
            presence.sockets = presence.active_sockets = 0
        presence.sockets = max(presence.sockets + sockets, 0)
        presence.active_sockets = min(max(presence.active_sockets + active, 0), presence.sockets)
        presence.seen_at = now
        presence.save(update_fields=["sockets", "active_sockets", "seen_at"])
    after = _state(presence, now)
    return after if after != before else None


def presence_connect(membership) -> str | None:
    """A socket opened; a page that opens is in use."""
    return _moved(membership, +1, +1)


def presence_disconnect(membership, *, was_active: bool) -> str | None:
    return _moved(membership, -1, -1 if was_active else 0)


def presence_change(membership, *, active: bool) -> str | None:
    """One open page went idle or hidden (`active` False), or is used again."""
    return _moved(membership, 0, +1 if active else -1)


def presence_touch(membership) -> None:
    """A socket is still open (its ping): keeps the counts from going stale."""
    now = timezone.now()
    Presence.objects.filter(membership_id=membership.pk).update(
        seen_at=Greatest(F("seen_at"), now)  # never back in time when two processes touch at once
    )


def presence_states(membership_ids) -> dict[int, str]:
    """{membership id: state} for the members asked about, in one query (offline when never seen)."""
    ids = list(membership_ids)
    now = timezone.now()
    found = {p.membership_id: p for p in Presence.objects.filter(membership_id__in=ids)}
    return {pk: _state(found.get(pk), now) for pk in ids}
