"""What chat plugs into shared machinery: its audit actions, notification kinds, socket groups and what
a socket may say."""

from django.utils.translation import gettext_lazy as _

from tradewind.chat.choices import ChatAuditAction
from tradewind.chat.realtime import member_groups, typing_heard
from tradewind.core.realtime import socket_groups_register, socket_messages_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(ChatAuditAction)
notification_kind_register("chat.mention", _("You are mentioned in the chat"))
notification_kind_register("chat.message", _("A new message in a conversation you follow"))
socket_groups_register(member_groups)
socket_messages_register("chat.typing", typing_heard)


def _chat_unread(membership) -> int:
    from tradewind.chat.selectors import unread_total

    return unread_total(membership)


def _navigation():
    # Chat is reached from its icon beside the bell (with the unread count), on every page and screen;
    # a menu entry as well would crowd the desktop bar.
    from tradewind.core.navigation import navigation_value_register

    navigation_value_register("chat_unread", _chat_unread)


_navigation()


def _message_subjects(membership, ids):
    """Tasks made from a message link back to it: "#sales · 12 May", for those who may read it."""
    from django.utils.formats import date_format

    from tradewind.chat import permissions
    from tradewind.chat.models import Message
    from tradewind.chat.naming import conversation_label, conversation_url
    from tradewind.chat.services.conversations import participant_of

    found = {}
    rows = Message.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids).select_related(
        "conversation__customer", "conversation__order", "conversation__workspace"
    )
    for m in rows:
        c = m.conversation
        if permissions.can_read(membership, c, participant_of(c, membership)):
            label = f"{conversation_label(c, membership)} · {date_format(m.created_at, 'SHORT_DATE_FORMAT')}"
            found[m.public_id] = (label, f"{conversation_url(c)}?at={m.seq}#m{m.seq}")
    return found


def _subjects():
    from tradewind.core.subjects import subject_kind_register

    subject_kind_register("chat.message", _("Chat message"), _message_subjects)


_subjects()


def _file_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    # The composer's post and the API's send with files: a message's files together (chat/files.py).
    for view_name in ("chat:send", "api:chat_message_send_files"):
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_file_routes()
