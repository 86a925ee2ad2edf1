from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tradewind.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from tradewind.notifications import registry  # noqa: F401 - user menu entries, the bell's count
        from tradewind.notifications.choices import NotificationAuditAction
        from tradewind.workspaces.audit import audit_actions_register

        audit_actions_register(NotificationAuditAction)
