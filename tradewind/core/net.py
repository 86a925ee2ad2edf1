"""Request helpers that need care to get right."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """The caller's IP: REMOTE_ADDR, or the address the N-th trusted proxy saw.

    X-Forwarded-For is only believed for as many hops as TRADEWIND_TRUSTED_PROXY_COUNT says,
    counted from the right, because any client can prepend addresses to it.
    """
    meta = getattr(request, "META", None) or {}
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return meta.get("REMOTE_ADDR") or None
