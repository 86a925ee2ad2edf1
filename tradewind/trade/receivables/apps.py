from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceivablesConfig(AppConfig):
    """Fulfilment (issue 12): receipts against the order's payment milestones, ageing."""

    name = "tradewind.trade.receivables"
    label = "receivables"
    verbose_name = _("Receivables")

    def ready(self):
        from tradewind.trade.receivables import registry  # noqa: F401 - kinds, menu, panels, hooks
