"""Mailboxes under /api/v1/workspaces/{slug}/mail/mailboxes: tested without keeping anything, connected,
listed with their state, paused, resumed, removed."""

from uuid import UUID

from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.mail import services
from tradewind.mail.access import access_mailbox
from tradewind.mail.api.router import BASE, router
from tradewind.mail.api.schemas import MailboxCheckOut, MailboxIn, MailboxOut, MailServersIn
from tradewind.mail.selectors import mailboxes_listed

MAILBOXES = BASE + "/mailboxes"
ONE = MAILBOXES + "/{mailbox_id}"


def mailbox_out(box) -> dict:
    return {
        "id": box.public_id,
        "kind": box.kind,
        "address": box.address,
        "owner": box.owner.user.display_name,
        "state": box.state,
        "last_synced_at": box.last_synced_at,
        "last_error": box.last_error,
        "imap_host": box.imap_host,
        "smtp_host": box.smtp_host,
        "sync_folders": box.sync_folders,
        "sync_since": box.sync_since,
    }


def _servers(payload: MailServersIn, address: str = "") -> services.Servers:
    return services.Servers(
        imap_host=payload.imap_host,
        imap_port=payload.imap_port,
        imap_security=payload.imap_security,
        smtp_host=payload.smtp_host,
        smtp_port=payload.smtp_port,
        smtp_security=payload.smtp_security,
        username=payload.username or address,
        password=payload.password,
        allow_self_signed=payload.allow_self_signed,
    )


@router.get(MAILBOXES, response=list[MailboxOut], summary="Mailboxes", url_name="mail_mailbox_list")
def mail_mailbox_list(request, slug: str):
    """Yours, the shared ones you read; administrators see every mailbox's state (not its mail)."""
    return [mailbox_out(b) for b in mailboxes_listed(api_membership(request, slug))]


@router.post(
    MAILBOXES + "/check",
    response=answers(MailboxCheckOut, 422),
    summary="Test a mailbox's servers",
    url_name="mail_mailbox_check",
)
def mail_mailbox_check(request, slug: str, payload: MailServersIn):
    """Signs in to both servers and lists the folders; nothing is kept. 422 says what failed, on which
    field: the server's name, the port, the certificate, the password."""
    api_membership(request, slug)
    checked = services.mailbox_check(servers=_servers(payload, payload.address))
    return {"folders": checked.folders, "sent_folder": checked.sent_folder}


@router.post(
    MAILBOXES,
    response=answers(MailboxOut, 403, 422, status=201),
    summary="Connect a mailbox",
    url_name="mail_mailbox_connect",
)
def mail_mailbox_connect(request, slug: str, payload: MailboxIn):
    """Tested first (as /check); then kept and synced by the worker. Shared mailboxes and self-signed
    certificates: administrators only (403)."""
    m = api_membership(request, slug)
    box = services.mailbox_connect(
        actor=m,
        address=payload.address,
        servers=_servers(payload, payload.address),
        kind=payload.kind,
        display_name=payload.display_name,
        provider=payload.provider,
        sync_folders=payload.sync_folders,
        sync_since=payload.sync_since,
        ip=request.META.get("REMOTE_ADDR"),
    )
    return Status(201, mailbox_out(box))


@router.get(ONE, response=MailboxOut, summary="One mailbox", url_name="mail_mailbox_detail")
def mail_mailbox_detail(request, slug: str, mailbox_id: UUID):
    return mailbox_out(access_mailbox(api_membership(request, slug), mailbox_id))


@router.post(
    ONE + "/pause",
    response=answers(MailboxOut, 403),
    summary="Pause a mailbox's sync",
    url_name="mail_mailbox_pause",
)
def mail_mailbox_pause(request, slug: str, mailbox_id: UUID):
    m = api_membership(request, slug)
    return mailbox_out(services.mailbox_pause(actor=m, mailbox=access_mailbox(m, mailbox_id, manage=True)))


@router.post(
    ONE + "/resume",
    response=answers(MailboxOut, 403),
    summary="Resume a mailbox's sync",
    url_name="mail_mailbox_resume",
)
def mail_mailbox_resume(request, slug: str, mailbox_id: UUID):
    m = api_membership(request, slug)
    return mailbox_out(services.mailbox_resume(actor=m, mailbox=access_mailbox(m, mailbox_id, manage=True)))


@router.delete(
    ONE,
    response=answers(None, 403, status=204),
    summary="Disconnect a mailbox",
    url_name="mail_mailbox_remove",
)
def mail_mailbox_remove(request, slug: str, mailbox_id: UUID):
    """Its e-mails leave Tradewind, and the customers' timelines."""
    m = api_membership(request, slug)
    services.mailbox_remove(
        actor=m, mailbox=access_mailbox(m, mailbox_id, manage=True), ip=request.META.get("REMOTE_ADDR")
    )
    return Status(204, None)
