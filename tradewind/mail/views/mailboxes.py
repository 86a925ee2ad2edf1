"""The mailbox pages: the list with each mailbox's state, connecting one (tested first), its page with its
threads, pausing, resuming, syncing now and removing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.mail import permissions, services
from tradewind.mail.access import access_mailbox
from tradewind.mail.choices import MailboxKind
from tradewind.mail.forms import ConnectForm, MailboxForm, ReadersForm
from tradewind.mail.providers import PROVIDERS
from tradewind.mail.selectors import mailbox_readers, mailbox_threads, mailboxes_listed
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership
from tradewind.workspaces.permissions import is_admin

THREADS_PER_PAGE = 50


def to_mailbox(request, mailbox):
    return redirect(reverse("mail:mailbox", args=[request.workspace.slug, mailbox.public_id]))


@workspace_view
def mail_home(request):
    me = request.membership
    context = {
        "mailboxes": mailboxes_listed(me),
        "can_connect": permissions.can_connect(me, MailboxKind.PERSONAL),
    }
    return render(request, "mail/home.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def mailbox_connect(request):
    me = request.membership
    if not permissions.can_connect(me, MailboxKind.PERSONAL):
        raise Http404
    admin = is_admin(me)
    form = ConnectForm(request.POST or None, admin=admin, initial={"address": me.user.email})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mailbox = services.mailbox_connect(
                actor=me,
                address=data["address"],
                servers=form.servers(),
                kind=data.get("kind") or MailboxKind.PERSONAL,
                display_name=data["display_name"],
                provider=data["provider"],
                sync_since=data["sync_since"],
                ip=request.META.get("REMOTE_ADDR"),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Connected. The first sync runs now; e-mails appear as they arrive."))
            return to_mailbox(request, mailbox)
    context = {"form": form, "providers": PROVIDERS}
    return render(request, "mail/connect.html", context, status=400 if form.errors else 200)


@workspace_view
def mailbox(request, mailbox_id):
    me = request.membership
    box = access_mailbox(me, mailbox_id)
    readable = permissions.can_read(me, box)
    page = (
        Paginator(mailbox_threads(box), THREADS_PER_PAGE).get_page(request.GET.get("page"))
        if readable
        else None
    )
    context = {
        "mailbox": box,
        "can_manage": permissions.can_manage(me, box),
        "readable": readable,
        "page": page,
    }
    return render(request, "mail/mailbox.html", context)


def _act(request, mailbox_id, action, success: str):
    box = access_mailbox(request.membership, mailbox_id, manage=True)
    service_run(request, lambda: action(actor=request.membership, mailbox=box), success=success)
    return to_mailbox(request, box)


@workspace_view
@require_POST
def mailbox_pause(request, mailbox_id):
    return _act(request, mailbox_id, services.mailbox_pause, _("Paused: nothing is synced until you resume."))


@workspace_view
@require_POST
def mailbox_resume(request, mailbox_id):
    return _act(request, mailbox_id, services.mailbox_resume, _("Resumed: a sync runs now."))


@workspace_view
@require_POST
def mailbox_remove(request, mailbox_id):
    box = access_mailbox(request.membership, mailbox_id, manage=True)
    ok, _result = service_run(
        request,
        lambda: services.mailbox_remove(
            actor=request.membership, mailbox=box, ip=request.META.get("REMOTE_ADDR")
        ),
        success=_("The mailbox is disconnected and its e-mails are gone from Tradewind."),
    )
    if not ok:
        return to_mailbox(request, box)
    return redirect(reverse("mail:home", args=[request.workspace.slug]))


@workspace_view
@require_http_methods(["GET", "POST"])
def mailbox_settings(request, mailbox_id):
    """The name, signature, folders, password and inquiries of a mailbox (its owner, or an administrator);
    who reads a shared one."""
    me = request.membership
    box = access_mailbox(me, mailbox_id, manage=True)
    part = request.POST.get("part", "mailbox") if request.method == "POST" else None
    initial = {
        "display_name": box.display_name,
        "signature": box.signature,
        "sync_folders": "\n".join(box.sync_folders),
        "creates_inquiries": box.inquiries_since is not None,
    }
    form = MailboxForm(request.POST if part == "mailbox" else None, initial=initial)
    readers_form = None
    if box.kind == MailboxKind.SHARED:
        roles, members = mailbox_readers(box)
        readers_form = ReadersForm(
            request.POST if part == "readers" else None,
            workspace=request.workspace,
            initial={"roles": roles, "members": [str(pid) for pid in members]},
        )
    if part == "mailbox" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mailbox_update(
                actor=me,
                mailbox=box,
                display_name=data["display_name"],
                signature=data["signature"],
                sync_folders=data["sync_folders"].splitlines(),
                password=data["password"],
                creates_inquiries=data["creates_inquiries"],
                ip=request.META.get("REMOTE_ADDR"),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return to_mailbox(request, box)
    elif part == "readers" and readers_form is not None and readers_form.is_valid():
        data = readers_form.cleaned_data
        chosen = list(Membership.objects.filter(workspace=request.workspace, public_id__in=data["members"]))
        try:
            services.mailbox_readers_set(actor=me, mailbox=box, roles=data["roles"], members=chosen)
        except ApplicationError as error:
            form_add_service_error(readers_form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("mail:mailbox_settings", args=[request.workspace.slug, box.public_id]))
    context = {"mailbox": box, "form": form, "readers_form": readers_form}
    invalid = form.errors or (readers_form is not None and readers_form.errors)
    return render(request, "mail/mailbox_settings.html", context, status=400 if invalid else 200)
