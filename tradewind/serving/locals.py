"""Django's active language and time zone as plain thread-locals, in the web processes of `serve`.

Django keeps both in asgiref Locals so that they follow a request between async code and the threads
sync_to_async picks; every read takes a process-wide lock and a context-variable look-up, and a page reads
them hundreds of times (each translated string, each date). In serve's web processes Django's requests
run start to end in one request thread (app.py) and nothing async activates a language or a zone across
an await (the consumers use neither; the admission gate's refusal translates in one synchronous block),
so a thread-local is the exact scope — the one Django itself used before it ran under ASGI. About 6% of a
page's CPU on the load bench. Not used in tests' own process, where async tests may need the asgiref
behaviour.
"""

from __future__ import annotations

import threading


def locale_state_per_thread() -> None:
    from django.utils import timezone
    from django.utils.translation import trans_real

    trans_real._active = threading.local()
    timezone._active = threading.local()
