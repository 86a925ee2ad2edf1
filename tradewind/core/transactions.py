"""Transaction helpers."""

from __future__ import annotations

from django.db import transaction


def on_commit_once(key: str, func):
    """Run `func` after the commit, unless a callback with the same key already waits for that commit;
    returns the callback that will run (the one waiting, or `func`), so a caller may add to its work.

    A batch of 200 reminders fired in one transaction then wakes the delivery worker once and pushes each
    member's unread count once, instead of 200 times.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            if getattr(entry[1], "_on_commit_key", None) == key:
                return entry[1]
    func._on_commit_key = key
    transaction.on_commit(func)
    return func
