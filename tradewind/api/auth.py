"""API authentication: a personal access token (Bearer) or the browser session (with CSRF).

`request.auth` is a Membership for a token (tokens act as one membership) and a User for a session.
`api_membership` is the single place where an API call is bound to a workspace.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from ninja.security import HttpBearer, SessionAuth

from tradewind.accounts.services import api_token_authenticate
from tradewind.workspaces.access import membership_for
from tradewind.workspaces.models import Membership


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        membership = api_token_authenticate(token)
        if membership is not None:
            request.user = membership.user
            if membership.user.language:  # middleware ran before we knew who was calling
                translation.activate(membership.user.language)
        return membership


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [TokenAuth(), ActiveSessionAuth()]


def api_user(request):
    return request.auth.user if isinstance(request.auth, Membership) else request.auth


def api_membership(request, slug: str) -> Membership:
    """The caller's active membership in `slug`, or 404. A token only ever reaches its own workspace."""
    if isinstance(request.auth, Membership):
        if request.auth.workspace.slug != slug:
            raise Http404
        return request.auth
    return membership_for(request.auth, slug)
