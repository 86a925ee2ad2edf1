"""API authentication and tenancy: a personal access token (Bearer) or the browser session (with CSRF).

`request.auth` is a Membership for a token (tokens act as one membership) and a User for a session.
When the path names a workspace (`{slug}`), the caller's membership is resolved right here, before the
body is even parsed — so an outsider gets the same 404 whatever they send (DESIGN §3.4).
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from tradewind.accounts.services import api_token_authenticate
from tradewind.workspaces.access import membership_for
from tradewind.workspaces.models import Membership


def _bind_workspace(request, principal):
    slug = (getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("slug")) or None
    request.api_membership = None
    if slug is None:
        return principal
    if "\x00" in slug:  # no workspace is called that, and PostgreSQL cannot even be asked
        raise Http404
    if isinstance(principal, Membership):
        if principal.workspace.slug != slug:
            raise Http404
        request.api_membership = principal
    else:
        request.api_membership = membership_for(principal, slug)
    return principal


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        membership = api_token_authenticate(token)
        if membership is None:
            return None
        request.user = membership.user
        if membership.user.language:  # middleware ran before we knew who was calling
            translation.activate(membership.user.language)
        return _bind_workspace(request, membership)


class ActiveSessionAuth(SessionAuth):
    def _get_key(self, request):
        # Without a session cookie there is no session to protect: the caller is told 401 (no valid token),
        # not "CSRF check failed". With one, a write without the CSRF token is a 403.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError as exc:
            raise HttpError(403, _("Send the CSRF token (X-CSRFToken header) with a session.")) from exc

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not user.is_active:
            return None
        return _bind_workspace(request, user)


API_AUTH = [TokenAuth(), ActiveSessionAuth()]


def api_user(request):
    return request.auth.user if isinstance(request.auth, Membership) else request.auth


def api_membership(request, slug: str) -> Membership:
    """The caller's active membership in `slug` (resolved during authentication), or 404."""
    membership = getattr(request, "api_membership", None)
    if membership is None or membership.workspace.slug != slug:
        raise Http404
    return membership
