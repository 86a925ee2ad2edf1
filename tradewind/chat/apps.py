from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    """Team chat (issue 13): channels, direct messages, a room per customer and per order, threads."""

    name = "tradewind.chat"
    label = "chat"
    verbose_name = _("Chat")

    def ready(self):
        from tradewind.chat import registry  # noqa: F401 - audit actions, notification kinds, socket groups
        from tradewind.chat.search import MESSAGE_INDEX
        from tradewind.core.text_index import text_index_connect

        text_index_connect(MESSAGE_INDEX, self)  # the search index repaired after migrate
