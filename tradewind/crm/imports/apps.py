from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmImportsConfig(AppConfig):
    name = "tradewind.crm.imports"
    label = "crm_imports"
    verbose_name = _("Customer import and export")

    def ready(self):
        from tradewind.crm.imports import registry  # noqa: F401 - notification kinds, audit actions
