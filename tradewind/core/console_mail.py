"""E-mail to the console, one line a message, for development and installations without SMTP.

Django's console backend prints every message whole (headers, both languages, the MIME parts): the
hourly pool job or a burst of notifications scrolls the server's output away. Here a message is one line
— recipients, subject, size, and the first link (an invitation or a password reset link, which a developer
needs to click) — and a connection that carries many messages (the outbox sends a batch over one) prints
the first SHOWN and then one line for the rest. `TRADEWIND_EMAIL_CONSOLE=full` brings Django's own back.
"""

from __future__ import annotations

import re
import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend

SHOWN = 20  # lines per connection before the rest are counted instead of printed
_LINK = re.compile(r"https?://\S+")


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} kB"


def summary_line(message) -> str:
    """'mail to=a@x.com, b@y.com subject="…" 2.3 kB link=http://…' for one EmailMessage."""
    raw = message.message().as_bytes()
    recipients = ", ".join(message.recipients()) or "-"
    subject = " ".join(str(message.subject).split())
    line = f'mail to={recipients} subject="{subject}" {_size(len(raw))}'
    link = _LINK.search(str(message.body or ""))
    if link:
        line += f" link={link.group(0)}"
    return line


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args, stream=None, shown: int = SHOWN, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self.shown = shown
        self._lock = threading.RLock()
        self._open = False
        self._written = self._hidden = self._hidden_bytes = 0

    def open(self) -> bool:
        if self._open:
            return False
        self._open = True
        self._written = self._hidden = self._hidden_bytes = 0
        return True

    def close(self) -> None:
        if not self._open:
            return
        if self._hidden:
            self.stream.write(
                f"mail … and {self._hidden} more message(s), {_size(self._hidden_bytes)}, not shown\n"
            )
            self.stream.flush()
        self._open = False

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        sent = 0
        with self._lock:
            try:
                created = self.open()
                for message in email_messages:
                    if self._written < self.shown:
                        self.stream.write(summary_line(message) + "\n")
                        self._written += 1
                    else:
                        self._hidden += 1
                        self._hidden_bytes += len(message.message().as_bytes())
                    sent += 1
                self.stream.flush()
                if created:
                    self.close()
            except Exception:
                if not self.fail_silently:
                    raise
        return sent
