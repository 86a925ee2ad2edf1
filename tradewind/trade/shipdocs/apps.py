from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShipdocsConfig(AppConfig):
    """Fulfilment (issue 12): the documents checklist by rules, commercial invoice and packing list."""

    name = "tradewind.trade.shipdocs"
    label = "shipdocs"
    verbose_name = _("Shipping documents")

    def ready(self):
        from tradewind.trade.shipdocs import registry  # noqa: F401 - kinds, menu, panels, hooks
