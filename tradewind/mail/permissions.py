"""Who may read and run a mailbox. The pages, the API and the worker ask these.

A personal mailbox is its member's: only they read its mail and change it (administrators may pause or
remove it, not read it). A shared mailbox (sales@) is set up by an administrator and read by the members
and roles it names. Mail matched to a customer is also read, on that customer's timeline, by whoever may
see the customer (selectors.py); mail that matches no customer stays with the mailbox's readers.
"""

from __future__ import annotations

from tradewind.mail.choices import MailboxKind
from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import is_admin


def can_connect(m, kind: str) -> bool:
    if not m.is_active or m.role == Role.VIEWER:
        return False
    return kind == MailboxKind.PERSONAL or is_admin(m)


def can_manage(m, mailbox) -> bool:
    """Change its settings, pause or resume it, remove it."""
    if not m.is_active or mailbox.workspace_id != m.workspace_id:
        return False
    if mailbox.kind == MailboxKind.PERSONAL:
        return mailbox.owner_id == m.pk or is_admin(m)
    return is_admin(m)


def can_read(m, mailbox) -> bool:
    if not m.is_active or mailbox.workspace_id != m.workspace_id:
        return False
    if mailbox.kind == MailboxKind.PERSONAL:
        return mailbox.owner_id == m.pk
    if is_admin(m):
        return True
    return any(r.membership_id == m.pk or (r.role and r.role == m.role) for r in mailbox.readers.all())
