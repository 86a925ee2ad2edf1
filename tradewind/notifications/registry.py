"""What the notifications app plugs into shared machinery: its links in the user menu and the bell's count."""

from django.utils.translation import gettext_lazy as _

from tradewind.core.navigation import navigation_entry_register, navigation_value_register
from tradewind.workspaces.permissions import is_admin

navigation_entry_register(
    "notification_settings", _("Notification settings"), "notifications:preferences", 10, menu="user"
)
navigation_entry_register(
    "delivery_problems", _("Delivery problems"), "notifications:deliveries", 20, is_admin, menu="user"
)


def _unread_count(membership) -> int:
    from tradewind.notifications.services import unread_count

    return unread_count(membership)


navigation_value_register("unread_count", _unread_count)
