from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShippingConfig(AppConfig):
    """Fulfilment (issue 12): shipments, containers, goods shipped against the order lines, release."""

    name = "tradewind.trade.shipping"
    label = "shipping"
    verbose_name = _("Shipments")

    def ready(self):
        from tradewind.trade.shipping import registry  # noqa: F401 - kinds, menu, panels, hooks
