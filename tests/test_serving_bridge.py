"""The WSGI bridge hands a response to the event loop whole, and a long stream in parts, in order."""

import pytest

from tradewind.serving.bridge import FLUSH_BYTES, QUEUED_PARTS, ResponseAtOnceMiddleware


async def _call(wsgi_app, method="GET", body=b"", on_send=None):
    sent = []
    bodies = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return bodies.pop(0) if bodies else {"type": "http.disconnect"}

    async def send(message):
        if on_send is not None:
            await on_send(message)
        sent.append(message)

    scope = {
        "type": "http", "method": method, "path": "/x/", "query_string": b"", "headers": [
            (b"content-length", str(len(body)).encode()), (b"content-type", b"text/plain")
        ], "http_version": "1.1", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
    }  # fmt: skip
    await ResponseAtOnceMiddleware(wsgi_app, workers=2)(scope, receive, send)
    return sent


@pytest.mark.asyncio
async def test_a_page_is_one_start_and_one_body():
    def app(environ, start_response):
        start_response("201 Created", [("Content-Type", "text/html"), ("X-A", "1")])
        return [b"<p>", b"hello", b"</p>"]

    sent = await _call(app)
    headers = [(b"content-type", b"text/html"), (b"x-a", b"1")]
    assert sent == [
        {"type": "http.response.start", "status": 201, "headers": headers},
        {"type": "http.response.body", "body": b"<p>hello</p>", "more_body": False},
    ]


@pytest.mark.asyncio
async def test_a_long_stream_goes_in_parts_in_order_and_whole():
    chunk = b"0123456789" * 1000

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/csv")])
        return (chunk for _ in range(100))  # 1 MB

    sent = await _call(app)
    assert sent[0]["type"] == "http.response.start"
    bodies = sent[1:]
    assert len(bodies) >= (100 * len(chunk)) // FLUSH_BYTES
    assert all(m["more_body"] for m in bodies[:-1]) and bodies[-1]["more_body"] is False
    assert b"".join(m["body"] for m in bodies) == chunk * 100


@pytest.mark.asyncio
async def test_a_slow_client_holds_the_stream_back():
    """A 64-part file read faster than the client takes it: the thread stays at most a few parts ahead of
    what was sent (a download of a 200 MB file is never queued whole in the web process)."""
    import asyncio

    produced, ahead = [0], []

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/pdf")])

        def parts():
            for _ in range(64):
                produced[0] += 1
                yield b"x" * FLUSH_BYTES

        return parts()

    sent_parts = [0]

    async def slow(message):
        await asyncio.sleep(0.002)
        if message["type"] == "http.response.body" and message["body"]:
            sent_parts[0] += 1
            ahead.append(produced[0] - sent_parts[0])

    sent = await _call(app, on_send=slow)
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"x" * FLUSH_BYTES * 64
    assert max(ahead) <= QUEUED_PARTS + 2


@pytest.mark.asyncio
async def test_the_request_body_is_read_and_write_and_empty_answers_work():
    def app(environ, start_response):
        data = environ["wsgi.input"].read()
        write = start_response("200 OK", [])
        write(b"got " + data)
        return []

    sent = await _call(app, method="POST", body=b"form=1")
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"got form=1"

    def empty(environ, start_response):
        start_response("204 No Content", [])
        return []

    sent = await _call(empty)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[1] == {"type": "http.response.body", "body": b"", "more_body": False}
