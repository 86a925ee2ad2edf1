from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tradewind.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from tradewind.accounts.choices import AccountAuditAction
        from tradewind.workspaces.audit import audit_actions_register

        audit_actions_register(AccountAuditAction)
