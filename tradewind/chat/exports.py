"""A conversation as CSV (administrators, audited): every message in order, thread replies beside the
message they answer, as the team keeps a record of what was agreed with a buyer."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.chat import permissions
from tradewind.chat.choices import ChatAuditAction
from tradewind.chat.models import Message
from tradewind.chat.services.conversations import participant_of
from tradewind.core.csv_stream import csv_stream
from tradewind.core.errors import PermissionDenied
from tradewind.workspaces.audit import audit_record

CHUNK = 2000


def _rows(conversation) -> Iterator[list]:
    yield [_("Number"), _("Time"), _("Written by"), _("Message"), _("Reply to"), _("Edited"), _("Deleted")]
    messages = (
        Message.objects.filter(conversation=conversation)
        .select_related("author__user", "thread_root")
        .order_by("seq")
    )
    for m in messages.iterator(chunk_size=CHUNK):
        yield [
            m.seq,
            timezone.localtime(m.created_at).strftime("%Y-%m-%d %H:%M"),
            m.author.user.display_name if m.author else _("A former member"),
            m.body if m.deleted_at is None else _("Message deleted"),
            m.thread_root.seq if m.thread_root else "",
            timezone.localtime(m.edited_at).strftime("%Y-%m-%d %H:%M") if m.edited_at else "",
            _("yes") if m.deleted_at else "",
        ]


@transaction.atomic
def conversation_export(*, actor, conversation, ip: str | None = None) -> Iterator[str]:
    """The CSV's lines; only an administrator who may read the conversation exports it, and it is
    audited (who, which conversation, when)."""
    if actor.role not in permissions.MODERATORS or not permissions.can_read(
        actor, conversation, participant_of(conversation, actor)
    ):
        raise PermissionDenied(_("Only administrators export a conversation."))
    audit_record(
        workspace=conversation.workspace, actor=actor.user, action=ChatAuditAction.CONVERSATION_EXPORTED,
        target=conversation.name or str(conversation.public_id), ip=ip,
    )  # fmt: skip
    return csv_stream(_rows(conversation))
