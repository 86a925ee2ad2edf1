from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """Documents (issue 14): folders, files and their versions, the trash, permissions."""

    name = "tradewind.library"
    label = "library"
    verbose_name = _("Documents")

    def ready(self):
        from tradewind.core.text_index import text_index_connect
        from tradewind.library import registry  # noqa: F401 - audit actions, the customer merge hook
        from tradewind.library.search import DOCUMENT_INDEX

        text_index_connect(DOCUMENT_INDEX, self)  # the search index repaired after migrate
