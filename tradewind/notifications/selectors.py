from django.db.models import QuerySet

from tradewind.notifications.kinds import notification_kinds
from tradewind.notifications.models import Delivery, Notification, NotificationPreference


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
