from collections.abc import Iterable

from django.db.models import QuerySet

from tradewind.notifications.kinds import notification_kinds
from tradewind.notifications.models import Delivery, Notification, NotificationItem, NotificationPreference


def notification_list(*, membership, unread_only: bool = False) -> QuerySet[Notification]:
    notes = Notification.objects.filter(recipient=membership)
    if unread_only:
        notes = notes.filter(read_at__isnull=True)
    return notes.order_by("-created_at", "-id")


def preference_table(*, membership) -> list[dict]:
    """Every registered kind with the member's choice (or the kind's default)."""
    saved = {p.kind: p for p in NotificationPreference.objects.filter(membership=membership)}
    rows = []
    for kind in notification_kinds():
        pref = saved.get(kind.code)
        rows.append(
            {
                "kind": kind,
                "email": pref.email if pref else kind.default_email,
                "webhook": pref.webhook if pref else True,
            }
        )
    return rows


def delivery_problems(*, workspace) -> QuerySet[Delivery]:
    """Deliveries an admin should look at: failed for good, or retrying after an error."""
    return (
        Delivery.objects.filter(workspace=workspace)
        .exclude(last_error="")
        .exclude(status="sent")
        .select_related("recipient__user", "webhook")
        .order_by("-created_at")
    )


def notifications_told(membership, keys: Iterable[str]) -> set[str]:
    """Which of `keys` `membership` has been told about already: by a notification with that dedupe key
    or one that covered it. Two queries per 500 keys, whatever the number of notifications."""
    keys = list(dict.fromkeys(keys))
    told: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        told.update(
            NotificationItem.objects.filter(recipient=membership, key__in=chunk).values_list("key", flat=True)
        )
        told.update(
            Notification.objects.filter(recipient=membership, dedupe_key__in=chunk)
            .exclude(dedupe_key="")
            .values_list("dedupe_key", flat=True)
        )
    return told
