"""Django's WSGI handler under the event loop: a2wsgi's bridge, with the response handed over at once.

a2wsgi hands each piece of a response to the event loop separately (the status and headers, every body
chunk, the closing empty chunk) and the request thread waits for the loop each time: three waits for an
ordinary page, 8% of a web process's time under load, and each wait a turn at the interpreter lost to
the other thread. Here the thread collects the response and gives it to the loop in one message when it
is done, without waiting; a long streamed response (a CSV export, a 200 MB file) goes in parts of
FLUSH_BYTES through a queue of QUEUED_PARTS, so that a slow client holds back the producer: the thread
waits for room, the loop makes room only as the client takes the bytes (uvicorn's send waits while the
socket's buffer is full). At most (QUEUED_PARTS + 1) × FLUSH_BYTES of a response are in memory.
"""

from __future__ import annotations

import asyncio

from a2wsgi.wsgi import WSGIMiddleware, WSGIResponder

FLUSH_BYTES = 256 * 1024
QUEUED_PARTS = 2


class ResponseAtOnceResponder(WSGIResponder):
    def __init__(self, app, executor, send_queue_size):
        super().__init__(app, executor, send_queue_size)
        self.send_queue = asyncio.Queue(QUEUED_PARTS)
        self._start: dict | None = None
        self._chunks: list[bytes] = []
        self._size = 0
        self._flushed = False

    def start_response(self, status, response_headers, exc_info=None):
        self.exc_info = exc_info
        if not self.response_started:
            self.response_started = True
            code = int(status.split(" ", 1)[0])
            headers = [
                (name.strip().encode("latin1").lower(), value.strip().encode("latin1"))
                for name, value in response_headers
            ]
            self._start = {"type": "http.response.start", "status": code, "headers": headers}
        return self._collect

    def _collect(self, chunk: bytes) -> None:
        if chunk:
            self._chunks.append(chunk)
            self._size += len(chunk)
            if self._size >= FLUSH_BYTES:
                self._flushed = True
                self.send(self._take(final=False))  # waits for room in the queue: back-pressure

    def _take(self, *, final: bool) -> list[dict]:
        messages = [self._start] if self._start is not None else []
        self._start = None
        body, self._chunks, self._size = b"".join(self._chunks), [], 0
        if body or final:
            messages.append({"type": "http.response.body", "body": body, "more_body": not final})
        return messages

    def wsgi(self, environ, start_response):
        iterable = self.app(environ, start_response)
        try:
            for chunk in iterable:
                self._collect(chunk)
            if self._flushed:  # the queue may be full: wait for room, as every part before did
                self.send(self._take(final=True))
            else:
                # Not waited for (the queue is empty: nothing was flushed): it is queued before the loop
                # learns that this call returned (both go through call_soon_threadsafe, in order), so it
                # is sent before the end of the response.
                self.loop.call_soon_threadsafe(self.send_queue.put_nowait, self._take(final=True))
        finally:
            getattr(iterable, "close", lambda: None)()

    async def sender(self, send) -> None:
        while True:
            messages = await self.send_queue.get()
            if messages is None:
                break
            for message in messages:
                await send(message)


class ResponseAtOnceMiddleware(WSGIMiddleware):
    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            responder = ResponseAtOnceResponder(self.app, self.executor, self.send_queue_size)
            return await responder(scope, receive, send)
        return await super().__call__(scope, receive, send)
