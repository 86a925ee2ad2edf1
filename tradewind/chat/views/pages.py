"""The chat page: the conversation list, a conversation's messages (paged by number) and a thread."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tradewind.chat import permissions, selectors
from tradewind.chat.access import access_conversation, access_message
from tradewind.chat.files import file_accept
from tradewind.chat.forms import ChannelForm, DirectForm, SearchForm
from tradewind.chat.naming import conversation_label
from tradewind.chat.rendering import mention_names, message_html
from tradewind.chat.search import MessageSearch, message_search
from tradewind.chat.views.articles import message_articles
from tradewind.chat.views.common import conversation_items, conversation_list
from tradewind.core.pagination import paginate
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership
from tradewind.workspaces.presence_dot import presence_dot
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
            "conversations": conversation_items(conversation_list(me)),
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
    at = _number(request.GET.get("at"))  # a message found by search, deep in history: the page around it
    page = selectors.history(conversation, before=at + 25) if at else selectors.history(conversation)
    participant = conversation.participant
    listed = conversation_list(me)
    shown = next((c for c in listed if c.pk == conversation.pk), None)
    return render(
        request,
        "chat/chat.html",
        {
            "conversations": conversation_items(listed, conversation),
            "conversation": conversation,
            "label": conversation_label(conversation, me),
            "presence": presence_dot(*shown.other) if shown and shown.other else "",
            "articles": message_articles(request, conversation, page),
            "older": page[0].seq if page and page[0].seq > 1 else None,
            # The page asks for what follows its last message: from there when it shows older history.
            "last_seq": page[-1].seq if at and page else conversation.last_seq,
            "first_unread": (participant.last_read_seq + 1) if participant else None,
            "participant": participant,
            "joined": permissions.is_participant(participant),
            "can_post": permissions.can_post(me, conversation, participant),
            "can_manage": permissions.can_manage(me, conversation),
            "can_write": permissions.can_write(me),
            # For the composer's @-list; a name picked there is sent as <@id>, and only those who may read
            # the conversation are told (services.messages._mentioned).
            "mentionable": [{"id": pk, "name": name} for pk, name in member_choices(request.workspace)],
            "file_accept": file_accept(),
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
            "articles": message_articles(request, conversation, page),
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
            "root": root,
            "articles": message_articles(request, conversation, [root, *selectors.thread(root)]),
            "can_post": permissions.can_post(me, conversation, conversation.participant),
            "file_accept": file_accept(),
        },
    )


@workspace_view
@require_GET
def search(request):
    """Messages by words (Chinese included), person and dates, from the conversations the member reads."""
    me = request.membership
    form = SearchForm(request.GET or None, workspace=request.workspace)
    page, searched, within = None, False, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        person = None
        if data.get("person"):
            person = Membership.objects.filter(workspace=request.workspace, public_id=data["person"]).first()
        conversation = None
        if data.get("conversation"):  # one the member may not read is a 404, as everywhere
            conversation = access_conversation(me, data["conversation"])
            within = (conversation, conversation_label(conversation, me))
        searched = any(
            data.get(k) for k in ("q", "person", "conversation", "date_from", "date_to", "has_file")
        )
        if searched:
            found = message_search(
                membership=me,
                search=MessageSearch(q=data.get("q") or "", person=person, conversation=conversation,
                                     date_from=data.get("date_from"), date_to=data.get("date_to"),
                                     has_file=data.get("has_file", False)),
            )  # fmt: skip
            page = paginate(found, request)
    results = []
    if page is not None:
        names = mention_names(page.items, me.workspace_id)
        results = [
            (m, conversation_label(m.conversation, me), message_html(m.body, names)) for m in page.items
        ]
    return render(
        request,
        "chat/search.html",
        {"form": form, "page": page, "results": results, "searched": searched, "within": within},
        status=400 if form.errors else 200,
    )
