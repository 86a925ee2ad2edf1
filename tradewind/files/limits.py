"""How big a request body each URL takes, decided from the URL alone — before the body is read.

An app that accepts files registers its upload URLs (by URL name) with the largest file they take:
    upload_route_register("tasks:attachment_upload", lambda: settings.ATTACHMENT_MAX_BYTES)
Every other URL takes what Django takes for form data without files (DATA_UPLOAD_MAX_MEMORY_SIZE).
An API path shared by several operations resolves to the name of the first one declared: register
that name (tests/test_uploads.py checks that each registered name exists).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import Resolver404, resolve

# Multipart framing and the form's other fields (CSRF token, a few options) beside the file.
FORM_OVERHEAD_BYTES = 256 * 1024

_ROUTES: dict[str, Callable[[], int]] = {}


def upload_route_register(view_name: str, max_bytes: Callable[[], int]) -> None:
    """`view_name` ("namespace:name") takes files of up to `max_bytes()` bytes (read at each request,
    so a setting changed in tests or by the operator applies)."""
    _ROUTES[view_name] = max_bytes


def upload_routes() -> dict[str, Callable[[], int]]:
    return dict(_ROUTES)


def body_limit_for(path_info: str) -> tuple[int, int, bool]:
    """(largest body, largest file, whether the URL is an upload URL) in bytes for `path_info`."""
    try:
        limit = _ROUTES.get(resolve(path_info).view_name)
    except Resolver404:
        limit = None
    files = limit() if limit is not None else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return files + FORM_OVERHEAD_BYTES, files, limit is not None
