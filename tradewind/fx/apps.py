from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FxConfig(AppConfig):
    name = "tradewind.fx"
    label = "fx"
    verbose_name = _("Exchange rates")

    def ready(self):
        from tradewind.fx import registry  # noqa: F401 - audit actions, menu entry, upload limit
