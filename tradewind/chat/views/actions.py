"""The chat's buttons and the composer. The composer posts with fetch (its script queues what is written
offline and sends it with a client key); it is answered with the message as HTML, or 400 and the reason
in the reader's language. Without JavaScript the forms post and come back to the conversation."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradewind.chat import exports, services
from tradewind.chat.access import access_conversation, access_message
from tradewind.chat.forms import ChannelForm, DirectForm
from tradewind.chat.views.articles import message_articles
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.net import client_ip
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


def _to(request, conversation, anchor: str = ""):
    response = redirect(
        "chat:conversation", slug=request.workspace.slug, conversation_id=conversation.public_id
    )
    response["Location"] += anchor
    return response


def _by_script(request) -> bool:
    return request.headers.get("X-Tradewind-Chat") == "1"


def _refused(error: ApplicationError) -> HttpResponse:
    """The reason as text; 429 when the member sends too fast (the page waits), else 400."""
    status = 429 if error.status == 429 else 400
    text = " ".join(str(e.message) for e in error.each())
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@workspace_view
@require_POST
def send(request, conversation_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    thread_root = None
    if request.POST.get("thread"):
        thread_root = access_message(me, conversation, request.POST["thread"])
    try:
        message = services.message_send(
            actor=me, conversation=conversation, body=request.POST.get("body", ""),
            thread_root=thread_root, client_key=request.POST.get("client_key", ""),
            files=request.FILES.getlist("files"),
        )  # fmt: skip
    except ApplicationError as error:
        if _by_script(request):
            return _refused(error)
        for each in error.each():
            flash.error(request, str(each.message))
        return _to(request, conversation)
    if _by_script(request):
        return HttpResponse(message_articles(request, conversation, [message])[0])
    return _to(request, conversation, f"#m{message.seq}")


@workspace_view
@require_POST
def mark_read(request, conversation_id):
    conversation = access_conversation(request.membership, conversation_id)
    try:
        seq = int(request.POST.get("seq", ""))
    except ValueError:
        return HttpResponse(_("Say up to which message you have read."), status=400)
    services.conversation_mark_read(actor=request.membership, conversation=conversation, seq=seq)
    return HttpResponse(status=204)


def _message_action(request, conversation_id, message_id, action):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    message = access_message(me, conversation, message_id)
    message.conversation = conversation
    try:
        action(me, message)
    except ApplicationError as error:
        if _by_script(request):
            return _refused(error)
        for each in error.each():
            flash.error(request, str(each.message))
        return _to(request, conversation)
    if _by_script(request):
        message.refresh_from_db()
        return HttpResponse(message_articles(request, conversation, [message])[0])
    return _to(request, conversation, f"#m{message.seq}")


@workspace_view
@require_POST
def edit(request, conversation_id, message_id):
    body = request.POST.get("body", "")
    return _message_action(
        request,
        conversation_id,
        message_id,
        lambda me, m: services.message_edit(actor=me, message=m, body=body),
    )


@workspace_view
@require_POST
def delete(request, conversation_id, message_id):
    return _message_action(
        request, conversation_id, message_id, lambda me, m: services.message_delete(actor=me, message=m)
    )


@workspace_view
@require_POST
def react(request, conversation_id, message_id):
    emoji = request.POST.get("emoji", "")
    return _message_action(
        request,
        conversation_id,
        message_id,
        lambda me, m: services.message_react(actor=me, message=m, emoji=emoji),
    )


@workspace_view
@require_POST
def pin(request, conversation_id, message_id):
    pinned = request.POST.get("pinned", "1") == "1"
    return _message_action(
        request,
        conversation_id,
        message_id,
        lambda me, m: services.message_pin(actor=me, message=m, pinned=pinned),
    )


@workspace_view
@require_POST
def join(request, conversation_id):
    conversation = access_conversation(request.membership, conversation_id)
    service_run(request, lambda: services.channel_join(actor=request.membership, conversation=conversation))
    return _to(request, conversation)


@workspace_view
@require_POST
def leave(request, conversation_id):
    conversation = access_conversation(request.membership, conversation_id)
    done, _result = service_run(
        request, lambda: services.channel_leave(actor=request.membership, conversation=conversation)
    )
    if done and conversation.is_private:  # no longer readable: back to the list
        return redirect("chat:home", slug=request.workspace.slug)
    return _to(request, conversation)


@workspace_view
@require_POST
def channel_new(request):
    me = request.membership
    form = ChannelForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                flash.error(request, error)
        return redirect("chat:home", slug=request.workspace.slug)
    done, channel = service_run(request, lambda: services.channel_create(actor=me, **form.cleaned_data))
    if not done:
        return redirect("chat:home", slug=request.workspace.slug)
    return _to(request, channel)


@workspace_view
@require_POST
def direct_new(request):
    me = request.membership
    form = DirectForm(request.POST, workspace=request.workspace, me=me)
    if not form.is_valid():
        flash.error(request, _("Choose the people to write to."))
        return redirect("chat:home", slug=request.workspace.slug)
    members = list(
        Membership.objects.filter(workspace=request.workspace, public_id__in=form.cleaned_data["members"])
    )
    done, conversation = service_run(request, lambda: services.direct_open(actor=me, members=members))
    if not done:
        return redirect("chat:home", slug=request.workspace.slug)
    return _to(request, conversation)


@workspace_view
@require_POST
def to_task(request, conversation_id, message_id):
    """The message becomes a task for me (I can hand it on from the task's page)."""
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    message = access_message(me, conversation, message_id)
    message.conversation = conversation
    done, task = service_run(request, lambda: services.message_to_task(actor=me, message=message),
                             success=_("Task made from the message."))  # fmt: skip
    if not done:
        return _to(request, conversation, f"#m{message.seq}")
    return redirect("tasks:detail", slug=request.workspace.slug, task_id=task.public_id)


@workspace_view
@require_POST
def log_on_timeline(request, conversation_id, message_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    message = access_message(me, conversation, message_id)
    message.conversation = conversation
    service_run(request, lambda: services.message_log_on_timeline(actor=me, message=message),
                success=_("Logged on the customer's timeline."))  # fmt: skip
    return _to(request, conversation, f"#m{message.seq}")


@workspace_view
@require_GET
def export(request, conversation_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    try:
        lines = exports.conversation_export(actor=me, conversation=conversation, ip=client_ip(request))
    except ApplicationError as error:
        flash.error(request, str(error.message))
        return _to(request, conversation)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chat-{conversation.public_id}.csv"'
    return response
