from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    """Fulfilment (issue 12): suppliers, production progress, QC inspections."""

    name = "tradewind.trade.production"
    label = "production"
    verbose_name = _("Production and QC")

    def ready(self):
        from tradewind.trade.production import registry  # noqa: F401 - kinds, menu, panels, hooks
