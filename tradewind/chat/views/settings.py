"""A conversation's settings page: who takes part (and whether they are here now), inviting to a channel,
everyone's own notification level, and a channel's name, topic and archive for its keepers."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradewind.chat import permissions, selectors, services
from tradewind.chat.access import access_conversation
from tradewind.chat.forms import InviteForm, NotifyForm, SettingsForm
from tradewind.core.actions import service_run
from tradewind.core.pagination import paginate
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership
from tradewind.workspaces.presence import presence_states
from tradewind.workspaces.presence_dot import presence_dot

MEMBERS_PER_PAGE = 100


def _members(request, conversation):
    """A page of those taking part, each with their presence dot."""
    page = paginate(selectors.taking_part([conversation]), request, per_page=MEMBERS_PER_PAGE)
    states = presence_states(p.membership_id for p in page.items)
    people = [(p, presence_dot(p.membership.public_id, states[p.membership_id])) for p in page.items]
    return page, people


@workspace_view
@require_http_methods(["GET", "POST"])
def settings(request, conversation_id):
    me = request.membership
    conversation = access_conversation(me, conversation_id)
    participant = conversation.participant
    part = request.POST.get("part") if request.method == "POST" else None
    can_invite = permissions.can_invite(me, conversation, participant)
    form = SettingsForm(
        request.POST if part == "channel" else None,
        initial={k: getattr(conversation, k) for k in ("name", "topic", "description")},
    )
    notify_form = NotifyForm(
        request.POST if part == "notify" else None,
        initial={"notify": participant.notify if participant else ""},
    )
    invite_form = None
    if can_invite:
        inside = {str(pid) for pid in selectors.taking_part([conversation]).values_list(
            "membership__public_id", flat=True)}  # fmt: skip
        invite_form = InviteForm(request.POST if part == "invite" else None, workspace=request.workspace,
                                 inside=inside)  # fmt: skip
    done = False
    if part == "channel" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "name" or v}
        done, _r = service_run(
            request, lambda: services.channel_update(actor=me, conversation=conversation, **data),
            success=_("Saved."),
        )  # fmt: skip
    elif part == "notify" and notify_form.is_valid():
        level = notify_form.cleaned_data["notify"]
        done, _r = service_run(
            request,
            lambda: services.conversation_notify_set(actor=me, conversation=conversation, notify=level),
            success=_("Saved."),
        )
    elif part == "invite" and invite_form is not None and invite_form.is_valid():
        people = list(Membership.objects.filter(
            workspace=request.workspace, public_id__in=invite_form.cleaned_data["members"]))  # fmt: skip
        done, _r = service_run(
            request, lambda: services.channel_invite(actor=me, conversation=conversation, members=people),
            success=_("Invited."),
        )  # fmt: skip
        if done:  # back to this page: the list shows them now
            return redirect("chat:settings", request.workspace.slug, conversation.public_id)
    elif part in ("archive", "unarchive"):
        service = services.conversation_archive if part == "archive" else services.conversation_unarchive
        service_run(request, lambda: service(actor=me, conversation=conversation))
        done = True
    if done:
        return redirect("chat:conversation", request.workspace.slug, conversation.public_id)
    page, people = _members(request, conversation)
    invalid = form.errors or notify_form.errors or (invite_form is not None and invite_form.errors)
    return render(
        request,
        "chat/settings.html",
        {
            "conversation": conversation,
            "form": form,
            "notify_form": notify_form,
            "invite_form": invite_form,
            "page": page,
            "people": people,
            "can_manage": permissions.can_manage(me, conversation),
            "can_export": me.role in permissions.MODERATORS,
        },
        status=400 if invalid else 200,
    )
