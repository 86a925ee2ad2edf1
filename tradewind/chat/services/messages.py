"""Messages: sending (numbered per conversation, stored once per client key), threads, mentions, edits
with their history, deletion, reactions, pins."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tradewind.chat import mentions, permissions, realtime
from tradewind.chat.choices import ChatAuditAction, ConversationKind, NotifyLevel
from tradewind.chat.files import (
    message_files_check,
    message_files_delete,
    message_files_link,
    message_files_store,
)
from tradewind.chat.models import (
    BODY_LENGTH,
    Conversation,
    Mention,
    Message,
    MessageRevision,
    Participant,
    Reaction,
)
from tradewind.chat.naming import conversation_label, conversation_url
from tradewind.chat.search import message_search_text
from tradewind.chat.services.conversations import _participate, participant_of
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.throttle import throttle_count
from tradewind.notifications.services import notify
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.models import Membership

CLIENT_KEY_LENGTH = 64
EMOJI_LENGTH = 32


def _clean_body(body: str, *, with_files: bool = False) -> str:
    body = (body or "").strip()
    if not body and not with_files:
        raise ValidationFailed(_("Write a message first."), field="body")
    if len(body) > BODY_LENGTH:
        raise ValidationFailed(
            _("A message has at most %(n)d characters; share a longer text as a file.") % {"n": BODY_LENGTH},
            field="body",
        )
    return body


def _mentioned(conversation, body: str) -> list[Membership]:
    """Members named in `body` who may read the conversation: nobody learns of a private channel by
    being named in it."""
    ids = mentions.mentioned_ids(body)
    if not ids:
        return []
    members = Membership.objects.filter(
        workspace_id=conversation.workspace_id, public_id__in=ids, is_active=True
    ).select_related("user")
    return [m for m in members if permissions.can_read(m, conversation, participant_of(conversation, m))]


def _sent_before(conversation, actor, client_key: str) -> Message | None:
    if not client_key:
        return None
    sent = Message.objects.filter(conversation=conversation, author=actor, client_key=client_key).first()
    if sent is not None:
        sent.replayed = True
    return sent


def _number_take(conversation, now) -> int | None:
    """The conversation's next message number, taken under its row lock (held to the commit: two senders
    never get the same number, and none is skipped); None when it is archived. One statement where
    SELECT … FOR UPDATE and an UPDATE were two: the ORM's update() cannot return the new value."""
    table = Conversation._meta.db_table
    now = connection.ops.adapt_datetimefield_value(now)  # as the ORM stores it (naive UTC in SQLite)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_seq = last_seq + 1, last_message_at = %s, updated_at = %s "  # noqa: S608 - the model's own table name
            "WHERE id = %s AND archived_at IS NULL RETURNING last_seq",
            [now, now, conversation.pk],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def message_send(
    *, actor, conversation, body: str, thread_root=None, client_key: str = "", files=()
) -> Message:
    """Post `body` (with `files`, uploads, the text may be empty); a retry with the same `client_key`
    returns the message already stored, marked `.replayed` (the page queues messages written offline and
    sends them with a key)."""
    client_key = (client_key or "").strip()[:CLIENT_KEY_LENGTH]
    uploads = message_files_check(files)
    if uploads:  # a retry must not store its files again; without files the unique key is the check
        sent = _sent_before(conversation, actor, client_key)
        if sent is not None:
            return sent
    body = _clean_body(body, with_files=bool(uploads))
    throttle_count(
        f"chat-send:{actor.public_id}",  # unique for ever: a reused key never inherits counts
        limit=settings.CHAT_SEND_PER_MINUTE,
        window=60,
        message=lambda seconds: (
            _("You are sending messages too fast. Wait %(seconds)d seconds.") % {"seconds": seconds}
        ),
    )
    try:
        return _message_store(actor, conversation, body, thread_root, client_key, uploads)
    except IntegrityError:
        # The same key stored meanwhile by another request (a retry racing the original): everything
        # this one wrote is rolled back, and the original is the answer.
        sent = _sent_before(conversation, actor, client_key)
        if sent is None:
            raise
        return sent


@transaction.atomic
def _message_store(actor, conversation, body: str, thread_root, client_key: str, uploads) -> Message:
    participant = participant_of(conversation, actor)
    if not permissions.can_read(actor, conversation, participant):
        raise PermissionDenied(_("You do not take part in this conversation."))
    if not permissions.can_write(actor):
        raise PermissionDenied(_("Viewers read the chat; they do not write in it."))
    if conversation.kind == ConversationKind.CHANNEL and not permissions.is_participant(participant):
        raise PermissionDenied(_("Join the channel to write in it."))
    if thread_root is not None:
        if thread_root.conversation_id != conversation.pk or thread_root.deleted_at is not None:
            raise ValidationFailed(_("Reply to a message of this conversation."), field="thread")
        thread_root = thread_root.thread_root or thread_root  # a reply to a reply joins the same thread
    kept = message_files_store(actor=actor, uploads=uploads)
    now = timezone.now()
    seq = _number_take(conversation, now)
    if seq is None:
        raise Conflict(_("This conversation is archived: nobody posts in it any more."))
    message = Message.objects.create(
        workspace_id=conversation.workspace_id,
        conversation=conversation,
        seq=seq,
        author=actor,
        body=body,
        search_text=message_search_text(body),
        thread_root=thread_root,
        client_key=client_key,
        mentions_channel=mentions.mentions_channel(body),
        has_files=bool(kept),
    )
    if kept:
        message_files_link(message, kept)
    conversation.last_seq, conversation.last_message_at = seq, now
    if thread_root is not None:
        Message.objects.filter(pk=thread_root.pk).update(reply_count=F("reply_count") + 1, last_reply_at=now)
    named = _mentioned(conversation, body)
    Mention.objects.bulk_create(
        [Mention(workspace_id=message.workspace_id, message=message, membership=m) for m in named]
    )
    # Who writes has read the conversation (as in every chat): their marker moves to their message.
    if not permissions.is_participant(participant):  # a room's first message: they take part from now
        participant = _participate(conversation, actor)
    if participant.last_read_seq < seq:
        Participant.objects.filter(pk=participant.pk, last_read_seq__lt=seq).update(last_read_seq=seq)
    message.named, message.replayed = named, False
    realtime.chat_event_on_commit(
        conversation, "message", seq=seq, message=str(message.public_id), author=str(actor.public_id),
        thread=str(thread_root.public_id) if thread_root else None,
    )  # fmt: skip
    _tell_on_commit(message, named)
    return message


def _excerpt(body: str) -> str:
    text = mentions.MEMBER.sub("@…", " ".join(body.split()))
    return text if len(text) <= 140 else text[:139] + "…"


def _tell_on_commit(message, named: list[Membership]) -> None:
    """Notifications are the worker's, after the commit: a send into a busy channel does not wait for
    its followers' notifications, e-mails and bells (nor do they hear of a message that rolled back)."""
    from tradewind.chat.tasks import chat_tell

    ids = [m.pk for m in named]
    transaction.on_commit(lambda: chat_tell(message.pk, ids))


def message_tell(*, message_id: int, named_ids: list[int]) -> None:
    """The worker's half of a send or an edit: tell who should hear of it (those named: `named_ids`)."""
    related = ("conversation__workspace", "conversation__customer", "conversation__order__customer",
               "author__user", "author__workspace")  # fmt: skip
    message = (
        Message.objects.filter(pk=message_id, deleted_at__isnull=True, author__isnull=False)
        .select_related(*related)
        .first()
    )
    if message is None:  # deleted in the meantime: nothing to tell
        return
    named = list(Membership.objects.filter(pk__in=named_ids).select_related("user"))
    _tell(message.author, message.conversation, message, named)


def _tell(actor, conversation, message, named: list[Membership]) -> None:
    """Notifications (in-app, and e-mail or webhooks by each one's preferences and quiet hours): those
    mentioned — everyone taking part for @channel — unless they muted the conversation; and those who
    follow every message (direct messages by default)."""
    # Only who may be told is read: those following every message, those named (to see who muted), or
    # everyone for @channel — not all the members of a busy channel at each message.
    concerned = Q(notify=NotifyLevel.ALL)
    if message.mentions_channel:
        concerned = Q()
    elif named:
        concerned |= Q(membership__in=[m.pk for m in named])
    participants = list(
        Participant.objects.filter(concerned, conversation=conversation, left_at__isnull=True)
        .exclude(membership=actor)
        .select_related("membership__user")
    )
    for p in participants:  # one workspace for all (notify reads it from the first recipient)
        p.membership.workspace = actor.workspace
    muted = {p.membership_id for p in participants if p.notify == NotifyLevel.MUTE}
    mentioned = {m.pk: m for m in named if m.pk not in muted and m.pk != actor.pk}
    if message.mentions_channel:
        for p in participants:
            if p.membership_id not in muted and permissions.can_read(p.membership, conversation, p):
                mentioned.setdefault(p.membership_id, p.membership)
    following = [
        p.membership
        for p in participants
        if p.notify == NotifyLevel.ALL
        and p.membership_id not in mentioned
        and permissions.can_read(p.membership, conversation, p)
    ]
    if not (mentioned or following):
        return
    who, url, excerpt = actor.user.display_name, conversation_url(conversation), _excerpt(message.body)
    direct = conversation.kind == ConversationKind.DIRECT

    def title(text: str):  # rendered in each recipient's language
        def render() -> str:
            if direct:
                return _("%(name)s wrote to you") % {"name": who}
            return _(text) % {"name": who, "where": conversation_label(conversation)}

        return render

    if mentioned:
        notify(
            recipients=mentioned.values(), kind="chat.mention", actor=actor, url=url, message=excerpt,
            title=title(gettext_noop("%(name)s mentioned you in %(where)s")),
        )  # fmt: skip
    if following:
        notify(
            recipients=following, kind="chat.message", actor=actor, url=url, message=excerpt,
            title=title(gettext_noop("%(name)s wrote in %(where)s")),
        )  # fmt: skip


def _own_or_refuse(actor, message, what: str) -> None:
    if message.author_id != actor.pk:
        raise PermissionDenied(what)


@transaction.atomic
def message_edit(*, actor, message, body: str) -> Message:
    """The author changes their text; the text it replaces is kept."""
    _own_or_refuse(actor, message, _("Only the author edits a message."))
    if message.deleted_at is not None:
        raise Conflict(_("This message was deleted."))
    if message.conversation.archived_at is not None:
        raise Conflict(_("This conversation is archived: nobody posts in it any more."))
    body = _clean_body(body, with_files=message.has_files)
    if body == message.body:
        return message
    MessageRevision.objects.create(workspace_id=message.workspace_id, message=message, body=message.body)
    message.body, message.edited_at = body, timezone.now()
    message.search_text = message_search_text(body)
    message.mentions_channel = mentions.mentions_channel(body)
    message.save(update_fields=["body", "search_text", "edited_at", "mentions_channel", "updated_at"])
    known = set(Mention.objects.filter(message=message).values_list("membership_id", flat=True))
    added = [m for m in _mentioned(message.conversation, body) if m.pk not in known]
    Mention.objects.bulk_create(
        [Mention(workspace_id=message.workspace_id, message=message, membership=m) for m in added]
    )
    message.named = added
    realtime.chat_event_on_commit(
        message.conversation, "edited", seq=message.seq, message=str(message.public_id)
    )
    if added:  # told about the edit that names them, not again those named before
        _tell_on_commit(message, added)
    return message


@transaction.atomic
def message_delete(*, actor, message) -> Message:
    """The author, or an administrator, deletes: the message stays in its place as "message deleted",
    its text, files and revisions gone."""
    if not permissions.can_delete(actor, message):
        raise PermissionDenied(_("Only the author or an administrator deletes a message."))
    if message.deleted_at is not None:
        return message
    message.body, message.search_text = "", ""
    message.deleted_at, message.deleted_by = timezone.now(), actor
    MessageRevision.objects.filter(message=message).delete()
    Reaction.objects.filter(message=message).delete()
    if message.has_files:
        message_files_delete(message)
        message.has_files = False
    message.save(update_fields=["body", "search_text", "deleted_at", "deleted_by", "has_files", "updated_at"])
    if message.author_id != actor.pk:
        audit_record(
            workspace=message.conversation.workspace,
            actor=actor.user,
            action=ChatAuditAction.MESSAGE_REMOVED,
            target=str(message.public_id),
        )
    realtime.chat_event_on_commit(
        message.conversation, "deleted", seq=message.seq, message=str(message.public_id)
    )
    return message


@transaction.atomic
def message_react(*, actor, message, emoji: str) -> bool:
    """Add the reaction, or take it back when it is there: True when it is there afterwards."""
    emoji = (emoji or "").strip()
    if not emoji or len(emoji) > EMOJI_LENGTH or any(c.isspace() for c in emoji):
        raise ValidationFailed(_("Choose one emoji."), field="emoji")
    conversation = message.conversation
    if not permissions.can_post(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("You do not take part in this conversation."))
    if message.deleted_at is not None:
        raise Conflict(_("This message was deleted."))
    removed, _n = Reaction.objects.filter(message=message, membership=actor, emoji=emoji).delete()
    if not removed:
        Reaction.objects.create(
            workspace_id=message.workspace_id, message=message, membership=actor, emoji=emoji
        )
    realtime.chat_event_on_commit(conversation, "reaction", seq=message.seq, message=str(message.public_id))
    return not removed


@transaction.atomic
def message_pin(*, actor, message, pinned: bool = True) -> Message:
    conversation = message.conversation
    if not permissions.can_post(actor, conversation, participant_of(conversation, actor)):
        raise PermissionDenied(_("You do not take part in this conversation."))
    if message.deleted_at is not None:
        raise Conflict(_("This message was deleted."))
    message.pinned_at, message.pinned_by = (timezone.now(), actor) if pinned else (None, None)
    message.save(update_fields=["pinned_at", "pinned_by", "updated_at"])
    realtime.chat_event_on_commit(conversation, "pinned", seq=message.seq, message=str(message.public_id))
    return message
