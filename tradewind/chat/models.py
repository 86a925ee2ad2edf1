"""Conversations, who takes part, and their messages.

Each conversation numbers its messages 1, 2, 3 … (`Message.seq`, assigned under a lock on the
conversation's row): a client that reconnects asks for what came after the last number it holds, and
history pages by number, never by OFFSET. A message sent with a client key is stored once whatever the
retries.

Customer and order rooms have no fixed member list: whoever may see the customer (the order's customer)
may read the room, so a handover moves the room with the customer. A `Participant` row is what a member
keeps about a conversation they take part in: read marker, notification level; for channels and direct
messages it is also the membership itself.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradewind.chat.choices import ConversationKind, NotifyLevel
from tradewind.core.models import WorkspaceOwnedModel

NAME_LENGTH = 80
BODY_LENGTH = 8000  # characters of a message; a longer text belongs in a document or a file


class Conversation(WorkspaceOwnedModel):
    kind = models.CharField(_("kind"), max_length=10, choices=ConversationKind.choices)
    name = models.CharField(_("name"), max_length=NAME_LENGTH, blank=True)  # channels only
    topic = models.CharField(_("topic"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_private = models.BooleanField(_("private"), default=False)
    customer = models.ForeignKey(
        "crm.Customer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        "trade.Order", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Direct messages: the participants' membership ids, sorted, joined by "." — one conversation a group.
    direct_key = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "workspace", models.functions.Lower("name"),
                condition=Q(kind=ConversationKind.CHANNEL), name="chat_channel_name",
            ),
            models.UniqueConstraint(
                fields=["workspace", "customer"], condition=Q(kind=ConversationKind.CUSTOMER),
                name="chat_customer_room",
            ),
            models.UniqueConstraint(
                fields=["workspace", "order"], condition=Q(kind=ConversationKind.ORDER),
                name="chat_order_room",
            ),
            models.UniqueConstraint(
                fields=["workspace", "direct_key"], condition=Q(kind=ConversationKind.DIRECT),
                name="chat_direct_group",
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.name or str(self.public_id)


class Participant(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    last_read_seq = models.PositiveBigIntegerField(default=0)
    notify = models.CharField(max_length=10, choices=NotifyLevel.choices, default=NotifyLevel.ALL)
    # Left a channel (kept for the record of who was there); rooms and DMs are never left this way.
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "membership"], name="chat_participant_once")
        ]
        indexes = [models.Index(fields=["membership", "conversation"], name="chat_participant_member")]

    def __str__(self):
        return f"{self.membership_id} in {self.conversation_id}"


class Message(WorkspaceOwnedModel):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        "workspaces.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=BODY_LENGTH)
    search_text = models.TextField(blank=True)  # the body folded (chat/search.py), under a trigram index
    # A reply in a thread points at the thread's first message; the first message counts its replies.
    thread_root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    reply_count = models.PositiveIntegerField(default=0)
    last_reply_at = models.DateTimeField(null=True, blank=True)
    client_key = models.CharField(max_length=64, blank=True)  # the sender's idempotency key
    mentions_channel = models.BooleanField(default=False)
    has_files = models.BooleanField(default=False)  # for search's "has a file" without a join
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        "workspaces.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pinned_at = models.DateTimeField(null=True, blank=True)
    pinned_by = models.ForeignKey(
        "workspaces.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_seq"),
            models.UniqueConstraint(
                fields=["conversation", "author", "client_key"], condition=~Q(client_key=""),
                name="chat_message_client_key",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["thread_root", "seq"], name="chat_thread_replies"),
        ]


class MessageFile(WorkspaceOwnedModel):
    """A file sent with a message: the message's link to a stored file (files.StoredFile holds the facts),
    and for an image the small JPEG the conversation shows."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    # PROTECT: a stored file goes through its message (deleted with it, or swept once unused).
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    thumbnail = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.file.original_name

    @property
    def is_image(self) -> bool:
        return self.thumbnail_id is not None


class Mention(models.Model):
    """A member named in a message (for their notification and for "mentions of me")."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "membership"], name="chat_mention_once")]
        indexes = [models.Index(fields=["membership", "message"], name="chat_mention_member")]

    def __str__(self):
        return f"@{self.membership_id}"


class MessageRevision(models.Model):
    """The text a message had before an edit: edits keep their history."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"revision of {self.message_id}"


class Reaction(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "membership", "emoji"], name="chat_reaction_once")
        ]

    def __str__(self):
        return self.emoji
