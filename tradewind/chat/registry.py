"""What chat plugs into shared machinery: its audit actions, notification kinds and socket groups."""

from django.utils.translation import gettext_lazy as _

from tradewind.chat.choices import ChatAuditAction
from tradewind.chat.realtime import member_groups
from tradewind.core.realtime import socket_groups_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(ChatAuditAction)
notification_kind_register("chat.mention", _("You are mentioned in the chat"))
notification_kind_register("chat.message", _("A new message in a conversation you follow"))
socket_groups_register(member_groups)


def _chat_unread(membership) -> int:
    from tradewind.chat.selectors import unread_total

    return unread_total(membership)


def _navigation():
    # Chat is reached from its icon beside the bell (with the unread count), on every page and screen;
    # a menu entry as well would crowd the desktop bar.
    from tradewind.core.navigation import navigation_value_register

    navigation_value_register("chat_unread", _chat_unread)


_navigation()
