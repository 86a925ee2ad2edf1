"""What someone outside sees through a link (a buyer): the shared document, or a folder's documents, and
their downloads — in the link's language, nothing else of the workspace (not even its name), after the
password if there is one. Throttled per address; an unknown, expired or revoked link is the same "not
valid" page."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tradewind.core.errors import Throttled
from tradewind.core.net import client_ip
from tradewind.core.throttle import throttle_count
from tradewind.files.responses import stored_file_response
from tradewind.library.models import Document
from tradewind.library.services.shares import share_downloaded, share_live, share_password_check

OPENS_PER_MINUTE = 120


def _private(response):
    """The token is in the path: no referrer leaves for another site, and no search engine keeps it.
    ("no-referrer" would make the browser send `Origin: null` with the password form, which CSRF refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _opened(request, share_token: str):
    """(the live link, None) or (None, the answer to give)."""
    try:
        throttle_count(
            f"share-open:{client_ip(request)}",
            limit=OPENS_PER_MINUTE,
            window=60,
            message=lambda seconds: _("Too many requests. Wait %(seconds)d seconds.") % {"seconds": seconds},
        )
    except Throttled as refused:
        return None, _private(
            render(request, "library/shared_gone.html", {"message": refused.message}, status=429)
        )
    link = share_live(share_token)
    if link is None:
        return None, _private(render(request, "library/shared_gone.html", {}, status=404))
    return link, None


def _unlocked(request, link) -> bool:
    return not link.password_hash or request.session.get(f"share-ok:{link.pk}") is True


def _documents(link) -> list[Document]:
    if link.document is not None:
        return [link.document]
    return list(
        Document.objects.filter(folder=link.folder, deleted_at__isnull=True, current__isnull=False)
        .select_related("current__file")
        .order_by("name_key")
    )


@require_http_methods(["GET", "POST"])
def shared(request, share_token):
    link, answer = _opened(request, share_token)
    if answer is not None:
        return answer
    with translation.override(link.language):
        error = ""
        if link.password_hash and request.method == "POST":
            try:
                if share_password_check(link, request.POST.get("password", ""), ip=client_ip(request) or ""):
                    request.session[f"share-ok:{link.pk}"] = True
                else:
                    error = _("That is not the password.")
            except Throttled as refused:
                error = str(refused.message)
        context = {
            "link": link,
            "title": (link.document or link.folder).name,
            "locked": not _unlocked(request, link),
            "error": error,
            "documents": [] if not _unlocked(request, link) else _documents(link),
            "share_token": share_token,
        }
        return _private(render(request, "library/shared.html", context, status=400 if error else 200))


@require_GET
def shared_download(request, share_token, library_document_id):
    link, answer = _opened(request, share_token)
    if answer is not None:
        return answer
    if not _unlocked(request, link):
        raise Http404
    document = next((d for d in _documents(link) if d.public_id == library_document_id), None)
    if document is None or document.current is None:
        raise Http404
    share_downloaded(link, ip=client_ip(request) or "", name=document.name)
    return _private(stored_file_response(document.current.file))
