"""Refusing a too big upload before it is read (413), with a message in the reader's language.

One limit per URL (limits.py), two checks:
- the Content-Length: above the limit, 413 before anything reads a byte of the body;
- while reading: the multipart body of an upload URL is parsed here, before the CSRF check or the view,
  through `LimitedUploadHandler`, which stops reading once the files pass the limit. It cuts off what the
  Content-Length did not stop: files bigger than the URL takes in a body within the form's margin, and
  a body longer than it says where the server hands Django all of it (Django's own ASGI handler).
Under WSGI (how `tradewind serve` runs Django) a body is never read past its Content-Length, and a
chunked one without a length is refused (411) rather than read as empty.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tradewind.files.limits import body_limit_for
from tradewind.files.services import MB, too_large_message

NO_BODY_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of the request's files and stops reading once they pass `limit`."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.cut_off = False
        self.current_name = ""

    def new_file(self, field_name, file_name, *args, **kwargs):
        self.current_name = file_name or ""

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.cut_off = True
            raise StopUpload(connection_reset=True)  # the rest of the body is not read
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file


def _content_length(meta) -> int:
    try:
        return max(0, int(meta.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class UploadLimitMiddleware:
    """Placed after the session, locale and user-preference middleware (so the answer is in the
    reader's language) and before anything that reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in NO_BODY_METHODS:
            return self.get_response(request)
        body_limit, file_limit, upload_route = body_limit_for(request.path_info)
        length = _content_length(request.META)
        if length > body_limit:
            return too_large(
                request,
                lambda: (
                    _("The upload is %(size).1f MB; the limit is %(limit)d MB.")
                    % {"size": length / MB, "limit": file_limit // MB}
                ),
            )
        if not length and request.META.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            # Under WSGI Django reads a body only as far as its Content-Length: a chunked one would
            # arrive empty, and the person be told to choose a file they did choose.
            return _answer(
                request, lambda: _("Send the upload with its length (a Content-Length header)."), status=411
            )
        if request.method != "POST" or request.content_type != "multipart/form-data":
            return self.get_response(request)
        handler = LimitedUploadHandler(request, limit=file_limit)
        request.upload_handlers.insert(0, handler)
        if upload_route:
            # Parsed here, through the handler, before the CSRF check or the view use a part of it. (Other
            # URLs are left alone: an API endpoint taking JSON reads the raw body, which parsing uses up;
            # their Content-Length is bounded above.)
            try:
                request.POST  # noqa: B018
            except RequestDataTooBig:
                return too_large(request, lambda: _("The form is too large."))
            except MultiPartParserError:
                return _answer(request, lambda: _("The upload could not be read. Try again."), status=400)
        if not handler.cut_off:
            response = self.get_response(request)
            if not handler.cut_off:
                return response
        # Cut off (here, or while the view read it): whatever a view did with a part of a body, the
        # answer is that the body was too big.
        return too_large(request, lambda: too_large_message(handler.current_name, None, file_limit))


def too_large(request, message: Callable[[], str]):
    return _answer(request, message, status=413)


def _answer(request, message: Callable[[], str], *, status: int):
    """The refusal as the API's JSON error or as a page; `message()` is put into words in the reader's
    language."""
    if request.path.startswith("/api/"):
        code = {413: "too_large", 411: "length_required"}.get(status, "bad_request")
        with translation.override(_api_caller_language(request)):
            text = str(message())
        return JsonResponse({"code": code, "message": text, "fields": {"file": [text]}}, status=status)
    message = message()
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    return render(
        request,
        "files/upload_refused.html",
        {"message": message, "back": back, "status": status},
        status=status,
    )


def _api_caller_language(request) -> str:
    """An API token says who calls only once the API has authenticated it, after this middleware: for
    a refusal (rare) the token is looked up here, so the answer is in its owner's language as every other
    answer of the API is."""
    active = translation.get_language()
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Bearer "):
        return active
    from tradewind.accounts.services import api_token_authenticate

    membership = api_token_authenticate(header.removeprefix("Bearer ").strip())
    return (membership.user.language if membership else "") or active
