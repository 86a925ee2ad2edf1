from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConversationKind(models.TextChoices):
    CHANNEL = "channel", _("Channel")
    DIRECT = "direct", _("Direct message")
    CUSTOMER = "customer", _("Customer room")
    ORDER = "order", _("Order room")


class NotifyLevel(models.TextChoices):
    """What a participant is told about: every message, mentions of them (and @channel), nothing."""

    ALL = "all", pgettext_lazy("notify", "All messages")
    MENTIONS = "mentions", _("Mentions only")
    MUTE = "mute", _("Muted")


class ChatAuditAction(models.TextChoices):
    CHANNEL_ARCHIVED = "chat_channel_archived", _("Archived a chat channel")
    CHANNEL_UNARCHIVED = "chat_channel_unarchived", _("Brought back an archived chat channel")
    MESSAGE_REMOVED = "chat_message_removed", _("Deleted another member's chat message")
    CONVERSATION_EXPORTED = "chat_conversation_exported", _("Exported a chat conversation")
