from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "tradewind.crm"
    label = "crm"
    verbose_name = _("Customers")

    def ready(self):
        from tradewind.crm import registry  # noqa: F401 - notification kinds, reminders, subjects
        from tradewind.crm.search_index_schema import connect_signals

        connect_signals(self)  # the SQLite function the search index's triggers call; repair after migrate
