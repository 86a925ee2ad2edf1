from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspacesConfig(AppConfig):
    name = "tradewind.workspaces"
    label = "workspaces"
    verbose_name = _("Workspaces")

    def ready(self):
        from tradewind.workspaces import registry  # noqa: F401 - navigation entries and flags
        from tradewind.workspaces.audit import audit_actions_register
        from tradewind.workspaces.choices import AuditAction

        audit_actions_register(AuditAction)
