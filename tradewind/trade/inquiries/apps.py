from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "tradewind.trade.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiries")

    def ready(self):
        from tradewind.trade.inquiries import registry  # noqa: F401 - kinds, reminders, menu, setup
