from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Fulfilment (issue 12): stages, owners, checklists, SLAs, the order board."""

    name = "tradewind.trade.workflow"
    label = "workflow"
    verbose_name = _("Order workflow")

    def ready(self):
        from tradewind.trade.workflow import registry  # noqa: F401 - kinds, menu, panels, hooks
