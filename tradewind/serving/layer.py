"""The channel layer of `tradewind serve` without Redis: in-memory, plus the relay between processes."""

from __future__ import annotations

import asyncio
import os
import uuid

from channels.layers import InMemoryChannelLayer

from tradewind.serving.relay import RelayPublisher, RelaySubscriber


class RelayChannelLayer(InMemoryChannelLayer):
    """Group messages reach this process's websockets directly and the other processes' through the
    relay hub (relay.py). Point-to-point `send` stays in the process: channel names are per process,
    and Tradewind only addresses groups across processes."""

    def __init__(self, relay: str = "", **kwargs):
        super().__init__(**kwargs)
        origin = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.publisher = RelayPublisher(relay, origin) if relay else None
        self.subscriber = RelaySubscriber(relay, origin, self._deliver) if relay else None

    async def group_send(self, group, message):
        await super().group_send(group, message)
        if self.publisher is not None:
            self.publisher.publish(group, message)

    async def group_add(self, group, channel):
        await super().group_add(group, channel)
        if self.subscriber is not None:
            self.subscriber.ensure_started()

    async def _deliver(self, group, message):
        await InMemoryChannelLayer.group_send(self, group, message)  # not published again

    async def start_relay(self, timeout: float = 2.0) -> bool:
        """Subscribe now (a web process at start-up), so that a websocket accepted later misses nothing;
        True once the subscription is live."""
        if self.subscriber is None:
            return False
        connected = self.subscriber.ensure_started()
        try:
            await asyncio.wait_for(connected.wait(), timeout)
        except TimeoutError:
            return False
        return True
