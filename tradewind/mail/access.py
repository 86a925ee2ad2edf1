"""Finding mail by its public id for a member: the same 404 for "missing" and "not yours" (DESIGN.md §3.4)."""

from __future__ import annotations

from django.http import Http404

from tradewind.mail import permissions
from tradewind.mail.models import MailAttachment, Mailbox, MailMessage, MailTemplate, MailThread, OutgoingMail
from tradewind.mail.selectors import thread_readable


def access_mailbox(m, public_id, *, manage: bool = False) -> Mailbox:
    """A mailbox the member reads or may change (`manage`: only may change: its owner, an administrator)."""
    try:
        mailbox = (
            Mailbox.objects.select_related("owner__user")
            .prefetch_related("readers")
            .get(workspace_id=m.workspace_id, public_id=public_id)
        )
    except (Mailbox.DoesNotExist, ValueError):
        raise Http404 from None
    # Its page (state, last error) is for whoever reads it or may change it; its mail only for readers.
    allowed = permissions.can_manage(m, mailbox) or (not manage and permissions.can_read(m, mailbox))
    if not allowed:
        raise Http404
    return mailbox


def access_thread(m, public_id) -> MailThread:
    try:
        thread = MailThread.objects.select_related("mailbox", "customer", "inquiry").get(
            workspace_id=m.workspace_id, public_id=public_id
        )
    except (MailThread.DoesNotExist, ValueError):
        raise Http404 from None
    if not thread_readable(m, thread):
        raise Http404
    return thread


def access_message(m, public_id) -> MailMessage:
    try:
        message = MailMessage.objects.select_related("thread__mailbox", "thread__customer").get(
            workspace_id=m.workspace_id, public_id=public_id
        )
    except (MailMessage.DoesNotExist, ValueError):
        raise Http404 from None
    if not thread_readable(m, message.thread):
        raise Http404
    return message


def access_attachment(m, message: MailMessage, public_id) -> MailAttachment:
    try:
        return MailAttachment.objects.select_related("file").get(message=message, public_id=public_id)
    except (MailAttachment.DoesNotExist, ValueError):
        raise Http404 from None


def access_outgoing(m, public_id) -> OutgoingMail:
    """An e-mail written in Tradewind: its author's, or (to cancel it) one of a mailbox the member runs."""
    try:
        mail = OutgoingMail.objects.select_related("mailbox", "customer").get(
            workspace_id=m.workspace_id, public_id=public_id
        )
    except (OutgoingMail.DoesNotExist, ValueError):
        raise Http404 from None
    if mail.author_id != m.pk and not permissions.can_manage(m, mail.mailbox):
        raise Http404
    return mail


def access_template(m, public_id) -> MailTemplate:
    try:
        return MailTemplate.objects.get(workspace_id=m.workspace_id, public_id=public_id)
    except (MailTemplate.DoesNotExist, ValueError):
        raise Http404 from None
