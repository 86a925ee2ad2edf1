from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """E-mail (issue 15): mailboxes, sync, messages on the customer's timeline."""

    name = "tradewind.mail"
    label = "mail"
    verbose_name = _("E-mail")

    def ready(self):
        from tradewind.mail import registry  # noqa: F401 - audit actions
