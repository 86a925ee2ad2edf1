"""What chat plugs into shared machinery: its audit actions and notification kinds."""

from django.utils.translation import gettext_lazy as _

from tradewind.chat.choices import ChatAuditAction
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(ChatAuditAction)
notification_kind_register("chat.mention", _("You are mentioned in the chat"))
notification_kind_register("chat.message", _("A new message in a conversation you follow"))
