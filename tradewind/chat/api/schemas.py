"""What chat clients send and what they are answered. The limits are the services' (a request the document
calls valid is not refused, one it calls invalid never reaches them)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from tradewind.api.schemas import BLANK, Input, text
from tradewind.chat.choices import ConversationKind, NotifyLevel
from tradewind.chat.models import BODY_LENGTH, NAME_LENGTH
from tradewind.chat.services.conversations import DIRECT_MAX
from tradewind.chat.services.messages import CLIENT_KEY_LENGTH, EMOJI_LENGTH
from tradewind.trade.api.answers import RefOut

STRICT = ConfigDict(extra="forbid")

# Sequence numbers are 64-bit columns: a larger number would reach the database as one it cannot hold.
SEQ_MAX = 2**63 - 1
PAGE_MAX = 100
CHANGES_MAX = 200
INVITE_MAX = 200

# Something besides spaces and the "#" the service takes off the front ("#sales" is the channel "sales").
ChannelName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_LENGTH, pattern=rf"^[^\x00]*[^{BLANK}#][^\x00]*$"),
]
Emoji = Annotated[str, StringConstraints(min_length=1, max_length=EMOJI_LENGTH, pattern=rf"^[^{BLANK}]+$")]
Seq = Annotated[int, Field(ge=0, le=SEQ_MAX)]


class ChannelIn(Input):
    model_config = STRICT
    name: ChannelName = Field(
        description="Unique in the workspace, whatever the case; a leading # is dropped."
    )
    topic: text(250) = ""
    description: text(4000) = ""
    is_private: bool = Field(False, description="Private: read by its members only, joined by invitation.")
    members: list[UUID] = Field(
        default_factory=list, max_length=INVITE_MAX, description="Members invited besides you."
    )


class ChannelPatch(Input):
    """The fields you send change."""

    model_config = STRICT
    name: ChannelName = None
    topic: text(250) = None
    description: text(4000) = None


class MembersIn(Input):
    model_config = STRICT
    members: list[UUID] = Field(min_length=1, max_length=INVITE_MAX, description="Members' ids.")


class DirectIn(Input):
    model_config = STRICT
    members: list[UUID] = Field(
        min_length=1,
        max_length=DIRECT_MAX - 1,
        description=f"The others (you take part too): one for a direct message, up to {DIRECT_MAX - 1} "
        "for a group. The same people always open the same conversation.",
    )


class NotifyIn(Input):
    model_config = STRICT
    notify: NotifyLevel = Field(description="all: every message; mentions: of you and @channel; mute: none.")


class ReadMarkerIn(Input):
    model_config = STRICT
    seq: Seq = Field(description="Read up to this number (a marker never moves back).")


class MessageIn(Input):
    model_config = STRICT
    body: text(BODY_LENGTH, required=True) = Field(
        description="Markdown subset; mention a member with <@member-id>, everyone with @channel."
    )
    thread: UUID | None = Field(None, description="Reply in the thread of this message of the conversation.")
    client_key: text(CLIENT_KEY_LENGTH) = Field(
        "",
        description="Your idempotency key: a retry with the same key answers the message already stored "
        "(200 instead of 201) and posts nothing twice.",
    )


class MessagePatch(Input):
    model_config = STRICT
    body: text(BODY_LENGTH, required=True)


class ReactionIn(Input):
    model_config = STRICT
    emoji: Emoji = Field(description="One emoji; sending it again takes your reaction back.")


class HistoryIn(Input):
    before: int | None = Field(
        None, ge=1, le=SEQ_MAX, description="The newest messages before this number (default: the newest)."
    )
    after: int | None = Field(
        None, ge=0, le=SEQ_MAX, description="The first messages after this number (wins over `before`)."
    )
    limit: int = Field(50, ge=1, le=PAGE_MAX)


class ChangesIn(Input):
    after: int = Field(ge=0, le=SEQ_MAX, description="The last number you hold.")
    limit: int = Field(CHANGES_MAX, ge=1, le=CHANGES_MAX)


# --- answers ----------------------------------------------------------------------------------------------


class MessageFilesIn(Input):
    """The form fields beside the files of a multipart send."""

    body: text(BODY_LENGTH) = Field("", description="Optional with files; as in a message otherwise.")
    # Not nullable: a form field has no null (leave it out instead).
    thread: UUID = Field(None, description="Reply in the thread of this message of the conversation.")
    client_key: text(CLIENT_KEY_LENGTH) = Field("", description="Your idempotency key, as for a message.")


class FileOut(Schema):
    id: UUID
    name: str = Field(description="The file's name as sent.")
    size: int = Field(description="Bytes.")
    content_type: str = Field(description="The type its content shows (not the one the sender claimed).")
    is_image: bool = Field(description="An image, with a thumbnail.")
    download: str = Field(description="Where to download it (the same authentication).")
    thumbnail: str | None = Field(description="A JPEG of at most 320 pixels a side, for images.")


class CardOut(Schema):
    kind: str = Field(description="customer, task, quotation or order.")
    reference: str = Field(
        description="What names it: T-12, Q-2026-0001-R2, PI-2026-0001, a customer's name."
    )
    title: str = Field(description="The task's title, or the customer's name.")
    state: str = Field(description="Its status or stage now, in your language.")
    details: str = Field(description="Assignee and due date, the amount, or country and owner.")
    url: str = Field(description="Its page.")


class CardIn(Input):
    ref: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        description="A number (T-12, Q-2026-0001, PI-2026-0001) or a link to a customer, task, quotation "
        "or order of this workspace."
    )


class ReactionOut(Schema):
    emoji: str
    count: int
    mine: bool = Field(description="You reacted so.")


class MessageOut(Schema):
    id: UUID
    seq: int = Field(description="Its number in the conversation: 1, 2, 3 … (thread replies included).")
    author: RefOut | None
    body: str = Field(description="Empty once deleted.")
    deleted: bool
    edited_at: dt.datetime | None
    thread_root: UUID | None = Field(description="The thread's first message, for a reply.")
    reply_count: int
    last_reply_at: dt.datetime | None
    pinned_at: dt.datetime | None
    reactions: list[ReactionOut] = Field(description="Each emoji once, in the order first given.")
    files: list[FileOut] = Field(description="Files sent with it; none once deleted.")
    cards: list[CardOut] = Field(
        description="The objects it names that you may see, with their state now (up to 5)."
    )
    created_at: dt.datetime


class MessagePageOut(Schema):
    items: list[MessageOut] = Field(description="Oldest first. Thread replies are read with their thread.")
    next: int | None = Field(
        description="Pass as `before` for the older page (as `after` for the newer one when you asked "
        "with `after`); null when there is no more."
    )
    last_seq: int = Field(description="The conversation's latest number, thread replies included.")


class ChangesOut(Schema):
    items: list[MessageOut] = Field(description="In order, thread replies included.")
    next: int | None = Field(description="Pass as `after` for the rest; null when you are up to date.")
    last_seq: int


class ThreadOut(Schema):
    root: MessageOut
    replies: list[MessageOut]


class ParticipationOut(Schema):
    taking_part: bool = Field(description="You are a participant (joined, invited, or you posted).")
    last_read_seq: int
    unread: int
    notify: NotifyLevel | None = Field(description="Null while you do not take part.")
    can_post: bool
    can_manage: bool = Field(description="Rename, archive (a channel's creator and the leads).")


class ConversationOut(Schema):
    id: UUID
    kind: ConversationKind
    name: str = Field(description="A channel's; empty for the others.")
    topic: str
    description: str
    is_private: bool
    archived_at: dt.datetime | None
    customer: RefOut | None = Field(description="A customer room's customer (id, name).")
    order: RefOut | None = Field(description="An order room's order (id, number).")
    members: list[RefOut] | None = Field(description="Who is in a direct message; null for the others.")
    last_seq: int
    last_message_at: dt.datetime | None
    created_at: dt.datetime
    me: ParticipationOut


class ChannelOut(Schema):
    id: UUID
    name: str
    topic: str
    description: str
    archived_at: dt.datetime | None
    last_message_at: dt.datetime | None
    taking_part: bool


class ParticipantOut(Schema):
    member: RefOut
    joined_at: dt.datetime
    presence: Literal["online", "away", "offline"] = Field(
        description="Online: Tradewind open and in use; away: open, every page idle or hidden; offline."
    )


class SearchIn(Input):
    q: Annotated[str, StringConstraints(max_length=200)] = Field("", description="Words, each contained.")
    person: UUID | None = Field(None, description="Messages written by this member.")
    conversation: UUID | None = Field(None, description="Only in this conversation.")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    has_file: bool = Field(False, description="Only messages with a file.")


class FoundOut(MessageOut):
    conversation: UUID
    conversation_kind: ConversationKind


class ToTaskIn(Input):
    title: Annotated[str, StringConstraints(max_length=200)] = Field(
        "", description="The message's text if empty."
    )
    assignee: UUID | None = Field(None, description="A member; the caller if none.")
    due_date: dt.date | None = None


class MadeOut(Schema):
    id: UUID = Field(description="The task's, or the timeline entry's.")
