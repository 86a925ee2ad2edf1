"""Serving a stored file: a download (or, where a page shows it, inline) that never runs in our origin."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseRedirect

from tradewind.files.models import StoredFile
from tradewind.files.services import stored_file_stream

# FileResponse's default block is 4 KiB: 12,800 trips through the server for a 50 MB file.
BLOCK_SIZE = 256 * 1024


def stored_file_response(stored: StoredFile, *, unchanging: bool = False, inline: bool = False):
    """The file under the name it was uploaded with, typed by its content. An uploaded HTML or SVG file
    must never run in our origin: the browser is told not to guess the type (nosniff), to save it rather
    than show it, and that it may run nothing even if shown (sandbox). `inline` is for the callers that
    show the file in a page and set its own Content-Security-Policy.

    A large download from an object store is a redirect to a presigned URL: the bytes go from the store to
    the browser, under the headers below that S3 can send (name, type, no caching). The store is another
    origin, so an HTML file there cannot touch our cookies or pages either."""
    content_type = stored.content_type or "application/octet-stream"
    presign = getattr(default_storage, "download_url", None)
    if presign is not None and not inline and stored.size >= settings.STORAGE_REDIRECT_MIN_BYTES:
        response = HttpResponseRedirect(
            presign(stored.storage_name, filename=stored.original_name, content_type=content_type)
        )
        response["Cache-Control"] = "private, no-store"  # the URL expires; the next click signs a new one
        return response
    response = FileResponse(
        stored_file_stream(stored),
        as_attachment=not inline,
        filename=stored.original_name,
        content_type=content_type,
    )
    response.block_size = BLOCK_SIZE
    # FileResponse takes the length from a file it can seek; an object store's body is not one.
    response["Content-Length"] = str(stored.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # `unchanging`: a photo or a sent file is never replaced in place (a new one is a new file), so the
    # browser keeps it a day instead of asking again for each thumbnail of a page.
    response["Cache-Control"] = "private, max-age=86400" if unchanging else "private, no-cache"
    return response
