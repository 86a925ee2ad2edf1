"""Workspaces, members, invitations, settings and the audit log (UI)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.accounts.models import User
from tradewind.accounts.services import user_register
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.core.pagination import paginate
from tradewind.workspaces import forms, permissions, selectors, services
from tradewind.workspaces.access import access_invitation, access_membership, workspace_view
from tradewind.workspaces.models import Invitation, Membership
from tradewind.workspaces.tasks import invitation_url


def home(request):
    """Where "/" leads: the last workspace used, else the first, else the workspace list."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    memberships = Membership.objects.filter(user=request.user, is_active=True).select_related("workspace")
    last = memberships.filter(workspace_id=request.user.last_workspace_id).first() or memberships.first()
    if last is None:
        return redirect("workspaces:list")
    return redirect("workspaces:members", slug=last.workspace.slug)


@login_required
def workspace_list(request):
    """My workspaces; for htmx, the shell's switcher menu (?current=<slug> marks the one shown)."""
    memberships = (
        Membership.objects.filter(user=request.user, is_active=True)
        .select_related("workspace")
        .order_by("workspace__name")
    )
    if request.htmx:
        context = {"memberships": memberships, "current": request.GET.get("current", "")}
        return render(request, "workspaces/list.html#switcher", context)
    return render(request, "workspaces/list.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def workspace_create(request):
    form = forms.WorkspaceCreateForm(
        request.POST or None, initial={"country": "CN", "time_zone": "Asia/Shanghai", "currency": "USD"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            workspace = services.workspace_create(
                user=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Workspace created. Invite your team next."))
            return redirect("workspaces:invitations", slug=workspace.slug)
    return render(request, "workspaces/create.html", {"form": form}, status=400 if form.errors else 200)


# --- invitation acceptance (outside /w/: the invitee is not a member yet) ---------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_find(token)
    except ApplicationError as exc:
        return render(request, "workspaces/invitation_invalid.html", {"message": exc.message}, status=404)
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        # Do not show another address's invitation (workspace, inviter) to this account.
        return render(
            request,
            "workspaces/invitation_invalid.html",
            {
                "message": _(
                    "This invitation was sent to another e-mail address. Sign out, then open the link again."
                )
            },
            status=404,
        )
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    if not user.is_authenticated and has_account:
        messages.info(
            request, _("Sign in as %(email)s to accept the invitation.") % {"email": invitation.email}
        )
        return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
    form = None if user.is_authenticated else forms.AcceptWithNewAccountForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is not None:
                user = user_register(
                    email=invitation.email,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password"],
                    language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "zh-hans") else "",
                )
            membership = services.invitation_accept(raw_token=token, user=user, ip=client_ip(request))
        except ApplicationError as exc:
            if form is None:
                return render(
                    request, "workspaces/invitation_invalid.html", {"message": exc.message}, status=404
                )
            form_add_service_error(form, exc)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="tradewind.accounts.backends.EmailBackend")
            messages.success(
                request, _("Welcome to %(workspace)s.") % {"workspace": membership.workspace.name}
            )
            return redirect("workspaces:members", slug=membership.workspace.slug)
    status = 400 if form is not None and form.errors else 200
    return render(
        request, "workspaces/invitation_accept.html", {"invitation": invitation, "form": form}, status=status
    )


# --- inside a workspace -----------------------------------------------------------------------------


@workspace_view
@require_http_methods(["GET"])
def members(request):
    form = forms.MemberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.member_list(workspace=request.workspace, **filters), request, per_page=50)
    me = request.membership
    grantable = [(r, Membership.Role(r).label) for r in permissions.grantable_roles(me)]
    rows = [{"m": m, "manageable": permissions.can_manage_member(me, m)} for m in page.items]
    context = {"filter_form": form, "page": page, "rows": rows, "grantable_roles": grantable}
    template = "workspaces/members.html#member-table" if request.htmx else "workspaces/members.html"
    return render(request, template, context)


def _member_action(request, member_id, action):
    target = access_membership(request.membership, member_id)
    try:
        action(target)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(
        f"{reverse('workspaces:members', args=[request.workspace.slug])}?{request.GET.urlencode()}"
    )


@workspace_view
@require_POST
def member_role(request, member_id):
    def change(target):
        services.membership_change_role(
            actor=request.membership, target=target, role=request.POST.get("role", ""), ip=client_ip(request)
        )
        messages.success(request, _("Role changed for %(name)s.") % {"name": target.user.display_name})

    return _member_action(request, member_id, change)


@workspace_view
@require_POST
def member_deactivate(request, member_id):
    def deactivate(target):
        services.membership_deactivate(actor=request.membership, target=target, ip=client_ip(request))
        messages.success(
            request, _("%(name)s can no longer open this workspace.") % {"name": target.user.display_name}
        )

    return _member_action(request, member_id, deactivate)


@workspace_view
@require_POST
def member_reactivate(request, member_id):
    def reactivate(target):
        services.membership_reactivate(actor=request.membership, target=target, ip=client_ip(request))
        messages.success(request, _("%(name)s is active again.") % {"name": target.user.display_name})

    return _member_action(request, member_id, reactivate)


@workspace_view
@require_http_methods(["GET", "POST"])
def invitations(request):
    me = request.membership
    if not permissions.can_invite(me):
        raise Http404
    form = forms.InvitationForm(request.POST or None, roles=permissions.grantable_roles(me))
    created_link = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation, raw = services.invitation_create(actor=me, ip=client_ip(request), **form.cleaned_data)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            created_link = invitation_url(raw)
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            form = forms.InvitationForm(roles=permissions.grantable_roles(me))
    open_invitations = list(
        Invitation.objects.filter(
            workspace=request.workspace, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by__user")
    )
    context = {"form": form, "invitations": open_invitations, "created_link": created_link}
    return render(request, "workspaces/invitations.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def invitation_revoke(request, invitation_id):
    invitation = access_invitation(request.membership, invitation_id)
    try:
        services.invitation_revoke(actor=request.membership, invitation=invitation, ip=client_ip(request))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invitation revoked."))
    return redirect("workspaces:invitations", slug=request.workspace.slug)


@workspace_view
@require_http_methods(["GET", "POST"])
def workspace_settings(request):
    if not permissions.can_edit_workspace(request.membership):
        raise Http404
    workspace = request.workspace
    fields = ("name", "country", "time_zone", "currency", "task_reminder_lead_hours")
    initial = {k: getattr(workspace, k) for k in fields}
    form = forms.WorkspaceSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workspace_update(actor=request.membership, ip=client_ip(request), **form.cleaned_data)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Workspace settings saved."))
            return redirect("workspaces:settings", slug=workspace.slug)
    return render(request, "workspaces/settings.html", {"form": form}, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET"])
def audit_log(request):
    if not permissions.can_view_audit(request.membership):
        raise Http404
    form = forms.AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.audit_list(workspace=request.workspace, **filters), request, per_page=50)
    template = "workspaces/audit.html#audit-table" if request.htmx else "workspaces/audit.html"
    return render(request, template, {"filter_form": form, "page": page})
