from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftersalesConfig(AppConfig):
    """Fulfilment (issue 12): after-sales follow-ups and cases."""

    name = "tradewind.trade.aftersales"
    label = "aftersales"
    verbose_name = _("After-sales")

    def ready(self):
        from tradewind.trade.aftersales import registry  # noqa: F401 - kinds, menu, panels, hooks
