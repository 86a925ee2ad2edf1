from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """Documents (issue 14): folders, files and their versions, the trash, permissions."""

    name = "tradewind.library"
    label = "library"
    verbose_name = _("Documents")

    def ready(self):
        from tradewind.library import registry  # noqa: F401 - audit actions, the customer merge hook
