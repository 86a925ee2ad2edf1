"""The chat page: the conversation list, a conversation's messages (paged by number) and a thread."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tradewind.chat import permissions, selectors
from tradewind.chat.access import access_conversation, access_message
from tradewind.chat.forms import ChannelForm, DirectForm
from tradewind.chat.naming import conversation_label
from tradewind.chat.views.common import conversation_list, shown_messages
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.selectors import member_choices


def _number(value) -> int | None:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return None


@workspace_view
@require_GET
def chat_home(request):
    me = request.membership
    return render(
        request,
        "chat/chat.html",
        {
            "conversations": conversation_list(me),
            "channels": selectors.public_channels(me)[:100],
            "conversation": None,
            "channel_form": ChannelForm(),
            "direct_form": DirectForm(workspace=request.workspace, me=me),
            "can_write": permissions.can_write(me),
        },
    )


@workspace_view
@require_GET
def conversation(request, conversation_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    page = selectors.history(conversation)
    participant = conversation.participant
    return render(
        request,
        "chat/chat.html",
        {
            "conversations": conversation_list(me),
            "conversation": conversation,
            "label": conversation_label(conversation, me),
            "messages": shown_messages(me, page),
            "older": page[0].seq if page and page[0].seq > 1 else None,
            "last_seq": conversation.last_seq,
            "first_unread": (participant.last_read_seq + 1) if participant else None,
            "participant": participant,
            "joined": permissions.is_participant(participant),
            "can_post": permissions.can_post(me, conversation, participant),
            "can_manage": permissions.can_manage(me, conversation),
            "can_write": permissions.can_write(me),
            # For the composer's @-list; a name picked there is sent as <@id>, and only those who may read
            # the conversation are told (services.messages._mentioned).
            "mentionable": [{"id": pk, "name": name} for pk, name in member_choices(request.workspace)],
        },
    )


@workspace_view
@require_GET
def messages(request, conversation_id):
    """A fragment: the messages after `after` (what the page missed: live updates, a reconnect), the
    page before `before` (older history), or the newest page."""
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    after, before = _number(request.GET.get("after")), _number(request.GET.get("before"))
    if after is not None:
        page = selectors.history(conversation, after=after)
    else:
        page = selectors.history(conversation, before=before)
    return render(
        request,
        "chat/_messages.html",
        {
            "conversation": conversation,
            "messages": shown_messages(me, page),
            "older": page[0].seq if before is not None and page and page[0].seq > 1 else None,
            "paging": before is not None,
        },
    )


@workspace_view
@require_GET
def thread(request, conversation_id, message_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    root = access_message(me, conversation, message_id)
    if root.thread_root_id is not None:
        return redirect("chat:thread", slug=request.workspace.slug, conversation_id=conversation.public_id,
                        message_id=root.thread_root.public_id)  # fmt: skip
    return render(
        request,
        "chat/_thread.html" if request.htmx else "chat/thread.html",
        {
            "conversation": conversation,
            "root": shown_messages(me, [root])[0],
            "replies": shown_messages(me, selectors.thread(root)),
            "can_post": permissions.can_post(me, conversation, conversation.participant),
        },
    )
