"""Admission control for one web process: a bounded number of requests in Django, a bounded queue.

Without it every request that arrives gets a thread (and a database connection) at once, and under load
a few hundred threads take turns on one core until everything times out. Here at most `threads`
requests run; the next `queue` wait their turn in arrival order (a waiting request is a coroutine and a
socket, no thread); a request beyond that, or one that waited `timeout` seconds, is answered
503 Service Unavailable with Retry-After at once — a busy server says so instead of becoming slow for
everybody. A request that had to wait closes its connection after the answer (see _closing). Websockets
and lifespan pass through: they hold no request thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque

from django.utils import translation
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


class AdmissionGate:
    def __init__(self, app, *, threads: int, queue: int, timeout: float):
        self.app = app
        self.threads = threads
        self.queue = queue
        self.timeout = timeout
        self.running = 0
        self.refused = 0  # since start, for tests and logs
        self._waiting: deque[asyncio.Future] = deque()

    @property
    def waiting(self) -> int:
        return sum(1 for f in self._waiting if not f.done())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        busy = self.running >= self.threads or bool(self._waiting)
        if not await self._enter():
            self.refused += 1
            return await _refuse(scope, send)
        try:
            return await self.app(scope, receive, send if not busy else _closing(send))
        finally:
            self._leave()

    async def _enter(self) -> bool:
        if self.running < self.threads and not self._waiting:
            self.running += 1
            return True
        if len(self._waiting) >= self.queue:
            return False
        turn = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.timeout)
        except TimeoutError:
            if turn.done() and not turn.cancelled():  # the slot came just as time ran out: take it
                return True
            turn.cancel()
            return False
        except asyncio.CancelledError:  # the client went away while waiting
            if turn.done() and not turn.cancelled():
                self._leave()  # the slot was handed over: pass it on
            else:
                turn.cancel()
            raise
        finally:
            self._discard(turn)
        return True

    def _leave(self) -> None:
        # Hand the slot straight to the first request still waiting, so nobody overtakes the queue.
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.running -= 1

    def _discard(self, turn: asyncio.Future) -> None:
        with contextlib.suppress(ValueError):  # already handed a slot and popped
            self._waiting.remove(turn)


def _closing(send):
    """`send` that ends the keep-alive connection after this response. A client keeps its connection to
    the process that accepted it; a busy process hands its waiting clients back to the listening socket,
    so that their next request may reach a process with a free thread (the load bench saw 63 users kept
    by one process and 37 by the other)."""

    async def send_closing(message):
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"connection"]
            message = {**message, "headers": [*headers, (b"connection", b"close")]}
        await send(message)

    return send_closing


def _language(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"accept-language":
            for part in value.decode("latin-1").split(","):
                tag = part.split(";")[0].strip().lower()
                if tag.startswith("zh"):
                    return "zh-hans"
                if tag.startswith("en"):
                    return "en"
    return "en"


async def _refuse(scope, send) -> None:
    """503 with Retry-After: JSON under /api/ (the API's error shape), a short page otherwise."""
    with translation.override(_language(scope)):
        message = _("Tradewind is busy right now. Please try again in a few seconds.")
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"code": "overloaded", "message": message, "fields": {}}).encode()
        content_type = b"application/json"
    else:
        body = (f"<!doctype html><meta charset=utf-8><title>503</title><p>{message}</p>").encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
