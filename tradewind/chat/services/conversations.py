"""Channels, direct messages, customer and order rooms: making them, taking part, reading them."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.chat import permissions, realtime
from tradewind.chat.choices import ChatAuditAction, ConversationKind, NotifyLevel
from tradewind.chat.models import NAME_LENGTH, Conversation, Participant
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.workspaces.audit import audit_record

DIRECT_MAX = 8  # people in a group direct message, the sender included


def participant_of(conversation, membership) -> Participant | None:
    return Participant.objects.filter(conversation=conversation, membership=membership).first()


def _last_seq(conversation) -> int:
    """From the row: the caller's instance may predate messages sent since."""
    return Conversation.objects.filter(pk=conversation.pk).values_list("last_seq", flat=True).get()


def _participate(conversation, membership) -> Participant:
    """Take part from now on: what was said before one joined is history, not unread. Told of every
    message of a direct conversation, of mentions elsewhere (each changes it for themselves)."""
    participant = participant_of(conversation, membership)
    created = False
    if participant is None:  # the defaults cost a query: only for a new participant
        participant, created = Participant.objects.get_or_create(
            conversation=conversation,
            membership=membership,
            defaults={
                "workspace_id": conversation.workspace_id,
                "last_read_seq": _last_seq(conversation),
                "notify": NotifyLevel.ALL
                if conversation.kind == ConversationKind.DIRECT
                else NotifyLevel.MENTIONS,
            },
        )
    if not created and participant.left_at is not None:
        participant.left_at = None
        participant.save(update_fields=["left_at"])
        created = True
    if created:
        realtime.subscribe_on_commit(conversation, [membership])
    return participant


def _require_writer(actor) -> None:
    if not permissions.can_write(actor):
        raise PermissionDenied(_("Viewers read the chat; they do not write in it."))


def _clean_name(name: str) -> str:
    # Channel names are written as people say them ("报价", "shipping-EU"); only the spaces are tidied.
    name = " ".join((name or "").split()).lstrip("#")
    if not name:
        raise ValidationFailed(_("Give the channel a name."), field="name")
    if len(name) > NAME_LENGTH:
        raise ValidationFailed(
            _("A channel name has at most %(n)d characters.") % {"n": NAME_LENGTH}, field="name"
        )
    return name


def _same_workspace(actor, members) -> list:
    members = list({m.pk: m for m in members if m is not None}.values())
    if any(m.workspace_id != actor.workspace_id or not m.is_active for m in members):
        raise ValidationFailed(_("Only active members of this workspace can take part."), field="members")
    return members


@transaction.atomic
def channel_create(
    *, actor, name: str, topic: str = "", description: str = "", is_private: bool = False, members=()
) -> Conversation:
    """A channel; its creator and the invited members take part (anyone may join a public one)."""
    _require_writer(actor)
    name = _clean_name(name)
    members = _same_workspace(actor, members)
    if Conversation.objects.filter(
        workspace_id=actor.workspace_id, kind=ConversationKind.CHANNEL, name__iexact=name
    ).exists():
        raise Conflict(_("A channel named “%(name)s” exists already.") % {"name": name}, field="name")
    try:
        with transaction.atomic():
            channel = Conversation.objects.create(
                workspace_id=actor.workspace_id,
                kind=ConversationKind.CHANNEL,
                name=name,
                topic=topic.strip()[:250],
                description=description.strip(),
                is_private=is_private,
                created_by=actor,
            )
    except IntegrityError:  # a race for the same name
        raise Conflict(
            _("A channel named “%(name)s” exists already.") % {"name": name}, field="name"
        ) from None
    for member in [actor, *members]:
        _participate(channel, member)
    return channel


@transaction.atomic
def channel_update(*, actor, conversation, name=None, topic=None, description=None) -> Conversation:
    if not permissions.can_manage(actor, conversation):
        raise PermissionDenied(_("Only the channel's creator and the leads change it."))
    fields = []
    if name is not None:
        name = _clean_name(name)
        taken = Conversation.objects.filter(
            workspace_id=conversation.workspace_id, kind=ConversationKind.CHANNEL, name__iexact=name
        ).exclude(pk=conversation.pk)
        if taken.exists():
            raise Conflict(_("A channel named “%(name)s” exists already.") % {"name": name}, field="name")
        conversation.name = name
        fields.append("name")
    if topic is not None:
        conversation.topic = topic.strip()[:250]
        fields.append("topic")
    if description is not None:
        conversation.description = description.strip()
        fields.append("description")
    if fields:
        conversation.save(update_fields=[*fields, "updated_at"])
        realtime.chat_event_on_commit(conversation, "changed")
    return conversation


def _set_archived(actor, conversation, archived: bool) -> Conversation:
    if not permissions.can_manage(actor, conversation):
        raise PermissionDenied(_("Only the channel's creator and the leads archive it."))
    conversation.archived_at = timezone.now() if archived else None
    conversation.save(update_fields=["archived_at", "updated_at"])
    action = ChatAuditAction.CHANNEL_ARCHIVED if archived else ChatAuditAction.CHANNEL_UNARCHIVED
    audit_record(workspace=conversation.workspace, actor=actor.user, action=action, target=conversation.name)
    realtime.chat_event_on_commit(conversation, "changed")
    return conversation


@transaction.atomic
def conversation_archive(*, actor, conversation) -> Conversation:
    """An archived channel is read, searched and exported as before; nobody posts in it."""
    return _set_archived(actor, conversation, True)


@transaction.atomic
def conversation_unarchive(*, actor, conversation) -> Conversation:
    return _set_archived(actor, conversation, False)


@transaction.atomic
def channel_join(*, actor, conversation) -> Participant:
    if conversation.kind != ConversationKind.CHANNEL or conversation.is_private:
        raise PermissionDenied(_("A private channel is joined by invitation."))
    if conversation.archived_at is not None:
        raise Conflict(_("This channel is archived."))
    return _participate(conversation, actor)


@transaction.atomic
def channel_leave(*, actor, conversation) -> None:
    if conversation.kind != ConversationKind.CHANNEL:
        raise Conflict(_("Only channels are left; mute a room or a direct message instead."))
    left = Participant.objects.filter(
        conversation=conversation, membership=actor, left_at__isnull=True
    ).update(left_at=timezone.now())
    if left:
        realtime.unsubscribe_on_commit(conversation, actor)


@transaction.atomic
def channel_invite(*, actor, conversation, members) -> list[Participant]:
    """Add members to a channel: to a private one, its participants and keepers invite; to a public one,
    anyone."""
    if conversation.kind != ConversationKind.CHANNEL:
        raise Conflict(_("People are invited to channels; rooms follow who may see the customer."))
    if conversation.archived_at is not None:
        raise Conflict(_("This channel is archived."))
    _require_writer(actor)
    if not permissions.can_invite(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("Only the channel's members invite to a private channel."))
    return [_participate(conversation, m) for m in _same_workspace(actor, members)]


@transaction.atomic
def direct_open(*, actor, members) -> Conversation:
    """The direct conversation of exactly these people (the actor and 1–7 others): opened again if it
    exists, so a pair or a group has one history."""
    _require_writer(actor)
    people = _same_workspace(actor, [actor, *members])
    if len(people) < 2:
        raise ValidationFailed(_("Choose at least one other member."), field="members")
    if len(people) > DIRECT_MAX:
        raise ValidationFailed(
            _("A direct message has at most %(n)d people; make a private channel instead.")
            % {"n": DIRECT_MAX},
            field="members",
        )
    key = ".".join(str(pk) for pk in sorted(m.pk for m in people))
    conversation, _created = Conversation.objects.get_or_create(
        workspace_id=actor.workspace_id,
        kind=ConversationKind.DIRECT,
        direct_key=key,
        defaults={"created_by": actor},
    )
    for member in people:
        _participate(conversation, member)
    return conversation


def _room(actor, *, kind, field: str, obj, allowed: bool) -> Conversation:
    if not allowed:
        raise PermissionDenied(_("You do not see this customer's details."))
    conversation, _created = Conversation.objects.get_or_create(
        workspace_id=actor.workspace_id, kind=kind, **{field: obj}, defaults={"created_by": actor}
    )
    if permissions.can_write(actor):
        _participate(conversation, actor)
    return conversation


@transaction.atomic
def customer_room_open(*, actor, customer) -> Conversation:
    """The customer's room, made the first time someone opens it: read by whoever may see the customer."""
    from tradewind.crm.permissions import can_see_details

    return _room(
        actor, kind=ConversationKind.CUSTOMER, field="customer", obj=customer,
        allowed=customer.workspace_id == actor.workspace_id and can_see_details(actor, customer),
    )  # fmt: skip


@transaction.atomic
def order_room_open(*, actor, order) -> Conversation:
    from tradewind.trade.permissions import can_see

    return _room(
        actor, kind=ConversationKind.ORDER, field="order", obj=order,
        allowed=order.workspace_id == actor.workspace_id and can_see(actor, order),
    )  # fmt: skip


@transaction.atomic
def conversation_mark_read(*, actor, conversation, seq: int) -> Participant:
    """Read up to `seq` (never backwards: a late marker from another tab changes nothing)."""
    if not permissions.can_read(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("You do not take part in this conversation."))
    seq = max(0, min(int(seq), _last_seq(conversation)))
    participant = _participate(conversation, actor)
    if seq > participant.last_read_seq:
        Participant.objects.filter(pk=participant.pk, last_read_seq__lt=seq).update(last_read_seq=seq)
        participant.last_read_seq = seq
        realtime.read_event_on_commit(conversation, actor, seq)
    return participant


@transaction.atomic
def conversation_notify_set(*, actor, conversation, notify: str) -> Participant:
    if notify not in NotifyLevel.values:
        raise ValidationFailed(_("Choose all messages, mentions only or muted."), field="notify")
    if not permissions.can_read(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("You do not take part in this conversation."))
    participant = _participate(conversation, actor)
    participant.notify = notify
    participant.save(update_fields=["notify"])
    return participant
