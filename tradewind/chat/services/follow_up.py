"""What a message can become: a task that links back to it, or an entry on the customer's timeline (from
the customer's or the order's room)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.chat import permissions
from tradewind.chat.choices import ConversationKind
from tradewind.chat.mentions import MEMBER
from tradewind.chat.services.conversations import participant_of
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed

TITLE_LENGTH = 120


def _readable(actor, message) -> None:
    conversation = message.conversation
    if not permissions.can_read(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("You do not take part in this conversation."))
    if message.deleted_at is not None:
        raise Conflict(_("This message was deleted."))


def _plain(body: str) -> str:
    return " ".join(MEMBER.sub("@…", body).split())


@transaction.atomic
def message_to_task(*, actor, message, title: str = "", assignee=None, due_date=None):
    """A task made from a message: its text in the description, the message as the task's subject (a link
    back, shown to those who may read the conversation)."""
    from tradewind.tasks.services import task_create

    _readable(actor, message)
    text = _plain(message.body)
    title = (title or "").strip() or (text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…")
    author = message.author.user.display_name if message.author else _("A former member")
    return task_create(
        actor=actor,
        title=title,
        description=f"> {message.body}\n\n— {author}",
        assignee=assignee or actor,
        due_date=due_date,
        subject=("chat.message", message.public_id),
    )


@transaction.atomic
def message_log_on_timeline(*, actor, message):
    """The message as a note on the customer's timeline (a customer's room, or an order's: its customer)."""
    from tradewind.crm.choices import Channel
    from tradewind.crm.services.timeline import timeline_log

    _readable(actor, message)
    conversation = message.conversation
    if conversation.kind == ConversationKind.CUSTOMER:
        customer = conversation.customer
    elif conversation.kind == ConversationKind.ORDER:
        customer = conversation.order.customer
    else:
        raise ValidationFailed(_("Only a customer's or an order's room is logged on a customer's timeline."))
    author = message.author.user.display_name if message.author else _("A former member")
    return timeline_log(
        actor=actor,
        customer=customer,
        channel=Channel.NOTE,
        summary=f"{author}: {_plain(message.body)}"[:4000],
    )
