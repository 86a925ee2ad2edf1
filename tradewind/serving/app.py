"""The ASGI application of a web process: HTTP through Django's WSGI handler in a bounded set of
threads, websockets through Channels, on one port.

Why not Django's ASGI handler: it runs every sync view in a thread of its own (a new thread, so a new
database connection, per request, without limit), and under it Django's translation state is an asgiref
Local whose lock every translated string takes; the load bench measured 500s ("too many clients") at 50
users and most busy samples waiting on that lock. Here a request runs in one of `threads` long-lived
threads (a2wsgi's bridge, bridge.py), admitted by the gate (gate.py), and keeps one pooled connection
while it runs.
"""

from __future__ import annotations

from tradewind.serving.bridge import ResponseAtOnceMiddleware
from tradewind.serving.gate import AdmissionGate
from tradewind.serving.mainloop import remember_main_loop


async def _start_relay() -> None:
    """Subscribe to the other processes' realtime events before this process accepts a websocket."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    start = getattr(layer, "start_relay", None)
    if start is not None:
        await start()


class ServingApplication:
    """Dispatches on the scope type; lifespan start-up joins the realtime relay (layer.py)."""

    def __init__(self, *, wsgi_app, websocket_app, threads: int, queue: int, queue_timeout: float):
        bridge = ResponseAtOnceMiddleware(wsgi_app, workers=threads)
        self.http = AdmissionGate(bridge, threads=threads, queue=queue, timeout=queue_timeout)
        self.websocket = websocket_app

    async def __call__(self, scope, receive, send):
        remember_main_loop()
        kind = scope["type"]
        if kind == "http":
            return await self.http(scope, receive, send)
        if kind == "websocket":
            return await self.websocket(scope, receive, send)
        if kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await _start_relay()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        raise ValueError(f"unknown ASGI scope type {kind!r}")
