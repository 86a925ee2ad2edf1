"""Realtime events between the processes of one `tradewind serve`, without Redis.

The in-memory channel layer knows only the websockets of its own process; with several web processes
(and the worker, which pushes unread counts when a reminder fires) a broadcast must reach the others.
The serve supervisor runs a hub on a Unix socket in the data directory (private to the data
directory's owner); each process publishes the group messages it sends, and each web process subscribes
and hands what the others sent to its own in-memory layer (layer.py). One JSON line per message; the hub
forwards lines without reading them. Realtime stays best effort, as with any channel layer: a message to
a process that is restarting is lost, and the page catches up on its next load.

With Redis configured, channels-redis does this across machines and the relay is not used.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import socket
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

log = logging.getLogger(__name__)

MAX_LINE = 1024 * 1024  # one message; channel-layer messages are small
MAX_BACKLOG = 4 * 1024 * 1024  # bytes queued for a subscriber that does not read: it is dropped
SOCKET_NAME = "realtime.sock"
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux


def relay_path(data_dir: Path) -> Path:
    """Where the hub listens for this data directory (a private temp path if that one is too long)."""
    path = Path(data_dir) / SOCKET_NAME
    if len(os.fsencode(path)) <= _MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha256(os.fsencode(Path(data_dir).resolve())).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"tradewind-{digest}.sock"


def _hello(role: str, origin: str) -> bytes:
    return json.dumps({"role": role, "origin": origin}).encode() + b"\n"


class RelayHub:
    """Runs in the serve supervisor, in a thread of its own."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._subscribers: dict[asyncio.StreamWriter, str] = {}

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="realtime-relay", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._failure is not None:
            raise RuntimeError(f"the realtime relay could not listen on {self.path}") from self._failure

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop already ended
                self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(5)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(), which raises it in the supervisor
            self._failure = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left by a serve that was killed
        previous = os.umask(0o177)  # the socket is created 0600: only the data directory's owner connects
        try:
            server = await asyncio.start_unix_server(self._client, path=str(self.path), limit=MAX_LINE)
        finally:
            os.umask(previous)
        self._ready.set()
        async with server:
            await self._stop.wait()
        for writer in list(self._subscribers):
            writer.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            hello = json.loads(await reader.readline())
            role, origin = hello["role"], str(hello["origin"])
        except (ValueError, KeyError, TypeError, OSError, asyncio.LimitOverrunError):
            writer.close()
            return
        if role == "sub":
            self._subscribers[writer] = origin
        try:
            while line := await reader.readline():
                if role == "pub" and line.endswith(b"\n"):
                    self._forward(line, origin)
        except (OSError, ValueError, asyncio.LimitOverrunError):
            pass  # a broken or oversized line ends that connection only
        finally:
            self._subscribers.pop(writer, None)
            writer.close()

    def _forward(self, line: bytes, origin: str) -> None:
        for writer, subscriber_origin in list(self._subscribers.items()):
            if subscriber_origin == origin:
                continue  # the sender delivered to its own websockets already
            if writer.transport.get_write_buffer_size() > MAX_BACKLOG:
                log.warning("realtime relay: dropping a subscriber that stopped reading")
                self._subscribers.pop(writer, None)
                writer.close()
                continue
            writer.write(line)


class RelayPublisher:
    """Sends group messages to the hub; usable from any thread or event loop (a blocking socket)."""

    RETRY_SECONDS = 5.0

    def __init__(self, path: str, origin: str):
        self.path = path
        self.origin = origin
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._retry_at = 0.0

    def publish(self, group: str, message: dict) -> bool:
        try:
            line = json.dumps({"group": group, "message": message}, separators=(",", ":")).encode() + b"\n"
        except (TypeError, ValueError):
            log.warning("realtime relay: message for %s is not JSON; other processes will not get it", group)
            return False
        with self._lock:
            for _attempt in range(2):  # a hub restarted since the last message: reconnect once
                if not self._connected():
                    return False
                try:
                    self._sock.sendall(line)
                    return True
                except OSError:
                    self._close()
            return False

    def _connected(self) -> bool:
        if self._sock is not None:
            return True
        if time.monotonic() < self._retry_at:
            return False
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(1.0)  # never hold a request (or the event loop) longer on a stuck hub
        try:
            sock.connect(self.path)
            sock.sendall(_hello("pub", self.origin))
        except OSError as exc:
            sock.close()
            self._retry_at = time.monotonic() + self.RETRY_SECONDS
            log.warning("realtime relay %s not reachable (%s); other processes miss events", self.path, exc)
            return False
        self._sock = sock
        return True

    def _close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._sock = None

    def close(self) -> None:
        with self._lock:
            self._close()


class RelaySubscriber:
    """Receives what the other processes published and hands it to `deliver`, in this event loop."""

    def __init__(self, path: str, origin: str, deliver: Callable[[str, dict], Awaitable[None]]):
        self.path = path
        self.origin = origin
        self.deliver = deliver
        self._task: asyncio.Task | None = None
        self._connected: asyncio.Event | None = None

    def ensure_started(self) -> asyncio.Event:
        """Start listening in the running loop (again, if that loop is a new one); the event is set
        while the subscription is live."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._connected = asyncio.Event()
            self._task = loop.create_task(self._listen(self._connected), name="realtime-relay-subscriber")
        return self._connected

    async def _listen(self, connected: asyncio.Event) -> None:
        delay = 0.1
        while True:
            writer = None
            try:
                reader, writer = await asyncio.open_unix_connection(self.path, limit=MAX_LINE)
                writer.write(_hello("sub", self.origin))
                await writer.drain()
                connected.set()
                delay = 0.1
                while line := await reader.readline():
                    try:
                        frame = json.loads(line)
                        await self.deliver(frame["group"], frame["message"])
                    except (ValueError, KeyError, TypeError) as exc:  # one bad message, not the relay
                        log.warning("realtime relay: message skipped (%s)", exc)
            except (OSError, ValueError, asyncio.LimitOverrunError) as exc:
                log.debug("realtime relay subscriber: %s", exc)
            finally:
                connected.clear()
                if writer is not None:
                    writer.close()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
