"""Messages under /api/v1/workspaces/{slug}/chat/conversations/{conversation_id}/…: history paged by sequence
number (never by offset), sending once per client key, editing, deleting, reactions, pins, a thread's
replies, and the catch-up of everything numbered after what a client holds."""

from uuid import UUID

from django.http import Http404
from ninja import File, Form, Query, Status, UploadedFile

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers, file_answer
from tradewind.chat import selectors, services
from tradewind.chat.access import access_conversation, access_message, access_message_file
from tradewind.chat.api.answers import message_out, messages_out
from tradewind.chat.api.conversations import ONE
from tradewind.chat.api.router import router
from tradewind.chat.api.schemas import (
    ChangesIn,
    ChangesOut,
    HistoryIn,
    MadeOut,
    MessageFilesIn,
    MessageIn,
    MessageOut,
    MessagePageOut,
    MessagePatch,
    ReactionIn,
    ThreadOut,
    ToTaskIn,
)
from tradewind.chat.models import Message
from tradewind.files.responses import stored_file_response
from tradewind.workspaces.models import Membership

MESSAGES = ONE + "/messages"
MESSAGE = MESSAGES + "/{message_id}"


def _message(m, conversation_id, message_id) -> Message:
    conversation = access_conversation(m, conversation_id)
    message = access_message(m, conversation, message_id)
    message.conversation = conversation  # read already, with the caller's participation
    return message


@router.get(MESSAGES, response=MessagePageOut, summary="Messages by number", url_name="chat_message_list")
def chat_message_list(request, slug: str, conversation_id: UUID, filters: Query[HistoryIn]):
    """The newest messages (or those before `before`), or the first after `after`; thread replies are read
    with their thread (…/thread), or all together with …/changes."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    limit = filters.limit
    # One more than asked says whether there is a next page.
    rows = selectors.history(conversation, before=filters.before, after=filters.after, limit=limit + 1)
    more = len(rows) > limit
    if filters.after is not None:
        rows = rows[:limit]
        following = rows[-1].seq if more else None
    else:
        rows = rows[1:] if more else rows  # the one more is the oldest
        following = rows[0].seq if more else None
    return {"items": messages_out(m, rows), "next": following, "last_seq": conversation.last_seq}


@router.get(
    ONE + "/changes",
    response=ChangesOut,
    summary="Every message after a number",
    url_name="chat_message_changes",
)
def chat_message_changes(request, slug: str, conversation_id: UUID, filters: Query[ChangesIn]):
    """The catch-up after a reconnect: what came after `after`, thread replies included, in order."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    rows = selectors.changes_after(conversation, filters.after, limit=filters.limit + 1)
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    following = rows[-1].seq if more else None
    return {"items": messages_out(m, rows), "next": following, "last_seq": conversation.last_seq}


@router.post(
    MESSAGES,
    response=answers(MessageOut, 403, 409, status=201) | {200: MessageOut},
    summary="Send a message",
    url_name="chat_message_send",
)
def chat_message_send(request, slug: str, conversation_id: UUID, payload: MessageIn):
    """201 with the message; 200 with the same message for a retry with its `client_key` (nothing posted
    twice). 403: a viewer, or a channel you have not joined; 409: archived; 422: empty or too long, or a
    thread's first message that was deleted."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    root = access_message(m, conversation, payload.thread) if payload.thread else None
    message = services.message_send(
        actor=m, conversation=conversation, body=payload.body, thread_root=root, client_key=payload.client_key
    )
    return Status(200 if message.replayed else 201, message_out(m, message))


@router.post(
    MESSAGES + "/files",
    response=answers(MessageOut, 403, 409, 413, status=201) | {200: MessageOut},
    summary="Send a message with files",
    url_name="chat_message_send_files",
    # At least one file (the form's own check): an empty list is not a message with files.
    openapi_extra={
        "requestBody": {
            "content": {"multipart/form-data": {"schema": {"properties": {"files": {"minItems": 1}}}}}
        }
    },
)
def chat_message_send_files(
    request, slug: str, conversation_id: UUID, files: File[list[UploadedFile]], fields: Form[MessageFilesIn]
):
    """Multipart: one or more `files` (images get a thumbnail) and optionally `body`, `thread`, `client_key`,
    as for a message. 413: the files together are over the limit (before they are read); 422: a type not
    accepted, a program whatever its name, more than 10 files."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    root = access_message(m, conversation, fields.thread) if fields.thread else None
    message = services.message_send(
        actor=m, conversation=conversation, body=fields.body, thread_root=root,
        client_key=fields.client_key, files=files,
    )  # fmt: skip
    return Status(200 if message.replayed else 201, message_out(m, message))


@router.get(
    ONE + "/files/{file_id}",
    response={200: None},
    openapi_extra=file_answer("application/octet-stream"),
    summary="Download a message's file",
    url_name="chat_file_download",
)
def chat_file_download(request, slug: str, conversation_id: UUID, file_id: UUID):
    """The file itself, under its name, typed by its content; never shown inline."""
    m = api_membership(request, slug)
    sent = access_message_file(m, access_conversation(m, conversation_id), file_id)
    return stored_file_response(sent.file)


@router.get(
    ONE + "/files/{file_id}/thumbnail",
    response={200: None},
    openapi_extra=file_answer("image/jpeg"),
    summary="An image's thumbnail",
    url_name="chat_file_thumbnail",
)
def chat_file_thumbnail(request, slug: str, conversation_id: UUID, file_id: UUID):
    """A JPEG of at most 320 pixels a side; 404 for a file that is not an image."""
    m = api_membership(request, slug)
    sent = access_message_file(m, access_conversation(m, conversation_id), file_id)
    if sent.thumbnail is None:
        raise Http404
    return stored_file_response(sent.thumbnail)


@router.get(MESSAGE, response=MessageOut, summary="One message", url_name="chat_message_detail")
def chat_message_detail(request, slug: str, conversation_id: UUID, message_id: UUID):
    m = api_membership(request, slug)
    return message_out(m, _message(m, conversation_id, message_id))


@router.patch(
    MESSAGE, response=answers(MessageOut, 403, 409), summary="Edit a message", url_name="chat_message_edit"
)
def chat_message_edit(request, slug: str, conversation_id: UUID, message_id: UUID, payload: MessagePatch):
    """Your own (403 for another's); the text it replaces is kept. 409: deleted, or the conversation is
    archived."""
    m = api_membership(request, slug)
    message = services.message_edit(
        actor=m, message=_message(m, conversation_id, message_id), body=payload.body
    )
    return message_out(m, message)


@router.delete(
    MESSAGE, response=answers(MessageOut, 403), summary="Delete a message", url_name="chat_message_delete"
)
def chat_message_delete(request, slug: str, conversation_id: UUID, message_id: UUID):
    """Your own, or any as an administrator: it stays in its place as "message deleted", its text, edits
    and reactions gone. Answers it so."""
    m = api_membership(request, slug)
    message = services.message_delete(actor=m, message=_message(m, conversation_id, message_id))
    return message_out(m, message)


@router.post(
    MESSAGE + "/reactions",
    response=answers(MessageOut, 403, 409),
    summary="React to a message, or take the reaction back",
    url_name="chat_message_react",
)
def chat_message_react(request, slug: str, conversation_id: UUID, message_id: UUID, payload: ReactionIn):
    """Adds your reaction, or removes it when it is there. 409: the message was deleted."""
    m = api_membership(request, slug)
    message = _message(m, conversation_id, message_id)
    services.message_react(actor=m, message=message, emoji=payload.emoji)
    return message_out(m, message)


@router.post(
    MESSAGE + "/pin",
    response=answers(MessageOut, 403, 409),
    summary="Pin a message",
    url_name="chat_message_pin",
)
def chat_message_pin(request, slug: str, conversation_id: UUID, message_id: UUID):
    m = api_membership(request, slug)
    message = services.message_pin(actor=m, message=_message(m, conversation_id, message_id), pinned=True)
    return message_out(m, message)


@router.delete(
    MESSAGE + "/pin",
    response=answers(MessageOut, 403, 409),
    summary="Unpin a message",
    url_name="chat_message_unpin",
)
def chat_message_unpin(request, slug: str, conversation_id: UUID, message_id: UUID):
    m = api_membership(request, slug)
    message = services.message_pin(actor=m, message=_message(m, conversation_id, message_id), pinned=False)
    return message_out(m, message)


@router.get(
    MESSAGE + "/thread",
    response=ThreadOut,
    summary="A thread and its replies",
    url_name="chat_message_thread",
)
def chat_message_thread(request, slug: str, conversation_id: UUID, message_id: UUID):
    """The thread's first message and its replies in order (a reply's id names its thread too)."""
    m = api_membership(request, slug)
    message = _message(m, conversation_id, message_id)
    root = message.thread_root or message
    root_out, *replies = messages_out(m, [root, *selectors.thread(root)])
    return {"root": root_out, "replies": replies}


@router.post(
    MESSAGE + "/task",
    response=answers(MadeOut, 403, 409, status=201),
    summary="Make a task from a message",
    url_name="chat_message_task",
)
def chat_message_task(request, slug: str, conversation_id: UUID, message_id: UUID, payload: ToTaskIn):
    """The task's description quotes the message; its subject links back to it."""
    m = api_membership(request, slug)
    message = _message(m, conversation_id, message_id)
    assignee = None
    if payload.assignee:
        assignee = Membership.objects.filter(workspace_id=m.workspace_id, public_id=payload.assignee).first()
        if assignee is None:
            raise Http404
    task = services.message_to_task(
        actor=m, message=message, title=payload.title, assignee=assignee, due_date=payload.due_date
    )
    return Status(201, {"id": task.public_id})


@router.post(
    MESSAGE + "/log",
    response=answers(MadeOut, 403, 409, status=201),
    summary="Log a room's message on the customer's timeline",
    url_name="chat_message_log",
)
def chat_message_log(request, slug: str, conversation_id: UUID, message_id: UUID):
    """From a customer's room, or an order's (its customer); 422 from another conversation."""
    m = api_membership(request, slug)
    entry = services.message_log_on_timeline(actor=m, message=_message(m, conversation_id, message_id))
    return Status(201, {"id": entry.public_id})
