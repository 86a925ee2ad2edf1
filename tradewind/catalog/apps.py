from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "tradewind.catalog"
    label = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from tradewind.catalog import registry  # noqa: F401 - subjects, activity kinds, menu, upload limits
