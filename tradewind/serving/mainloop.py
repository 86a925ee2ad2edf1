"""The event loop of this web process, for code in request threads that must reach it.

The channel layer's groups live in the loop that serves the websockets. Django views now run in plain
request threads (see app.py), where `async_to_sync` would start a private event loop per call: the
in-memory layer's queues are not safe to touch from another loop, and channels-redis would open a
connection per call. `call_in_main_loop` runs the coroutine in the serving loop instead.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

_main_loop: asyncio.AbstractEventLoop | None = None


def remember_main_loop() -> None:
    """Called on every ASGI call: the loop that serves this process (in tests, the latest one)."""
    global _main_loop
    _main_loop = asyncio.get_running_loop()


def call_in_main_loop(coroutine_function, *args, timeout: float = 5.0) -> bool:
    """Run `coroutine_function(*args)` in the serving loop and wait for it; False if there is none to
    use from here (no loop yet, it stopped, or this thread is the loop's own)."""
    loop = _main_loop
    if loop is None or loop.is_closed() or not loop.is_running():
        return False
    try:
        if asyncio.get_running_loop() is loop:
            return False
    except RuntimeError:
        pass  # no loop in this thread: the usual case, a request thread
    future = asyncio.run_coroutine_threadsafe(coroutine_function(*args), loop)
    try:
        future.result(timeout)
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise
    return True
