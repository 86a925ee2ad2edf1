"""Serving a stored file: always a download, never a page of our site."""

from __future__ import annotations

from django.http import FileResponse

from tradewind.files.models import StoredFile
from tradewind.files.services import stored_file_open


def stored_file_response(stored: StoredFile, *, unchanging: bool = False) -> FileResponse:
    """The file as an attachment under the name it was uploaded with, typed by its content. An uploaded
    HTML or SVG file must never run in our origin: the browser is told not to guess the type (nosniff),
    to save it rather than show it, and that it may run nothing even if shown (sandbox)."""
    response = FileResponse(
        stored_file_open(stored),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # `unchanging`: a photo or a sent file is never replaced in place (a new one is a new file), so the
    # browser keeps it a day instead of asking again for each thumbnail of a page.
    response["Cache-Control"] = "private, max-age=86400" if unchanging else "private, no-cache"
    return response
