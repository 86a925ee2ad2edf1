"""What a member may read of the mail (permissions.py says the rules)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tradewind.crm import permissions as crm_permissions
from tradewind.mail import permissions
from tradewind.mail.choices import MailboxKind
from tradewind.mail.models import Mailbox, MailMessage, MailThread
from tradewind.workspaces.permissions import is_admin


def mailboxes_listed(m) -> list[Mailbox]:
    """The member's own mailboxes, the shared ones they read, and (administrators) every mailbox — to see
    its state and pause it; reading a colleague's mail is still refused."""
    rows = Mailbox.objects.filter(workspace_id=m.workspace_id).select_related("owner__user")
    if not is_admin(m):
        rows = rows.filter(Q(owner=m, kind=MailboxKind.PERSONAL) | Q(kind=MailboxKind.SHARED))
    rows = rows.prefetch_related("readers")
    return [b for b in rows if is_admin(m) or permissions.can_read(m, b)]


def readable_mailbox_ids(m) -> list[int]:
    return [b.pk for b in mailboxes_listed(m) if permissions.can_read(m, b)]


def thread_readable(m, thread: MailThread) -> bool:
    """Through its mailbox, or through its customer (a colleague's e-mails with a customer one may see)."""
    if permissions.can_read(m, thread.mailbox):
        return True
    return thread.customer is not None and crm_permissions.can_see_details(m, thread.customer)


def customer_messages(customer) -> QuerySet[MailMessage]:
    """The e-mails with a customer, newest first (the caller checked the member may see its details)."""
    return (
        MailMessage.objects.filter(workspace_id=customer.workspace_id, customer=customer)
        .select_related("thread", "mailbox")
        .defer("text", "html", "references")
        .order_by("-sent_at", "-id")
    )


def mailbox_threads(mailbox: Mailbox) -> QuerySet[MailThread]:
    return (
        MailThread.objects.filter(mailbox=mailbox)
        .select_related("customer")
        .order_by("-last_message_at", "-id")
    )


def mailbox_readers(mailbox: Mailbox) -> tuple[list[str], list]:
    """Who reads a shared mailbox: (roles, members' public ids), as its settings page and the API show."""
    readers = list(mailbox.readers.select_related("membership"))
    roles = sorted(r.role for r in readers if r.role)
    return roles, [r.membership.public_id for r in readers if r.membership_id]
