"""Counting attempts in fixed windows through the cache (shared by every process when it is Redis): the
inquiry intake per IP and token, chat messages per member."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import cache

from tradewind.core.errors import Throttled


def throttle_count(key: str, *, limit: int, window: int, message: Callable[[int], str], now=None) -> None:
    """One more attempt under `key` in the current window; Throttled past `limit`, with
    `message(seconds until the window ends)` in the reader's language."""
    now = time.time() if now is None else now
    bucket = f"throttle:{key}:{int(now // window)}"
    cache.add(bucket, 0, timeout=window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window + 5)
        count = 1
    if count > limit:
        retry_after = max(1, int(window - now % window))
        raise Throttled(message(retry_after), retry_after=retry_after)
