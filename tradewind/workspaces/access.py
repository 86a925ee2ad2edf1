"""Tenancy, enforced in one place (DESIGN §3.4).

`workspace_view` resolves the membership for every UI URL under /w/<slug>/; the `access_*`
helpers look objects up only inside that workspace and answer the same 404 for "missing"
and "not yours", so an outsider learns nothing from an id.
"""

from __future__ import annotations

import zoneinfo
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tradewind.accounts.models import ApiToken
from tradewind.workspaces.models import Invitation, Membership


def membership_for(user, slug: str) -> Membership:
    """The user's active membership in the workspace `slug`, or 404."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    try:
        return Membership.objects.select_related("workspace", "user").get(
            workspace__slug=slug, user=user, is_active=True
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def workspace_view(view):
    """Decorator for every view under /w/<slug>/: sets request.workspace and request.membership."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_for(request.user, slug)
        request.membership = membership
        request.workspace = membership.workspace
        if not request.user.time_zone:
            # A user who has not chosen a zone sees the workspace's.
            timezone.activate(zoneinfo.ZoneInfo(request.workspace.time_zone))
        if request.user.last_workspace_id != request.workspace.pk:
            request.user.last_workspace = request.workspace
            request.user.save(update_fields=["last_workspace"])
        return view(request, *args, **kwargs)

    return wrapper


def get_in_workspace_or_404(queryset, membership: Membership, **lookup):
    """One object of the member's workspace, or 404 — also for a malformed id and for another workspace's."""
    try:
        obj = queryset.get(workspace_id=membership.workspace_id, **lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    # The request has the workspace already: no join for it (each join costs planning time on every page).
    if not queryset.model._meta.get_field("workspace").is_cached(obj):
        obj.workspace = membership.workspace
    return obj


def _get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def access_membership(membership: Membership, public_id) -> Membership:
    """Any membership (active or not) of the caller's workspace."""
    return _get_or_404(
        Membership.objects.select_related("user"), workspace=membership.workspace, public_id=public_id
    )


def access_invitation(membership: Membership, public_id) -> Invitation:
    return _get_or_404(Invitation.objects.all(), workspace=membership.workspace, public_id=public_id)


def access_api_token(membership: Membership, public_id) -> ApiToken:
    """Tokens are personal: a member reaches only their own."""
    return _get_or_404(ApiToken.objects.all(), membership=membership, public_id=public_id)
