"""Serving many users: `tradewind serve`'s processes, threads, admission queue and realtime relay.

See docs/serving.md. `plan` is pure arithmetic (settings.py imports it); `app` is the ASGI application
(`tradewind.asgi`); `server` starts the processes; `relay` and `layer` carry realtime events between them
when there is no Redis.
"""
