"""The mail app's writes (DESIGN.md §3: `<entity>_<verb>`)."""

from tradewind.mail.services.mailboxes import (
    Servers,
    mailbox_check,
    mailbox_connect,
    mailbox_pause,
    mailbox_readers_set,
    mailbox_remove,
    mailbox_resume,
)
from tradewind.mail.services.sync import mailbox_sync, message_store

__all__ = [
    "Servers",
    "mailbox_check",
    "mailbox_connect",
    "mailbox_pause",
    "mailbox_readers_set",
    "mailbox_remove",
    "mailbox_resume",
    "mailbox_sync",
    "message_store",
]
