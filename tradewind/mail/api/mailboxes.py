"""Mailboxes under /api/v1/workspaces/{slug}/mail/mailboxes: tested without keeping anything, connected,
listed with their state, changed (an inquiry@ mailbox among them), paused, resumed, removed; who reads a
shared one."""

from uuid import UUID

from django.http import Http404
from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.mail import services
from tradewind.mail.access import access_mailbox
from tradewind.mail.api.router import BASE, router
from tradewind.mail.api.schemas import (
    MailboxCheckOut,
    MailboxIn,
    MailboxOut,
    MailboxPatch,
    MailServersIn,
    ReadersIn,
    ReadersOut,
)
from tradewind.mail.selectors import mailbox_readers, mailboxes_listed
from tradewind.workspaces.models import Membership

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
        "creates_inquiries": box.inquiries_since is not None,
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


@router.patch(
    ONE,
    response=answers(MailboxOut, 403),
    summary="Change a mailbox",
    url_name="mail_mailbox_update",
)
def mail_mailbox_update(request, slug: str, mailbox_id: UUID, payload: MailboxPatch):
    """A new password or other folders are tried on the server first (422 with the reason)."""
    m = api_membership(request, slug)
    box = access_mailbox(m, mailbox_id, manage=True)
    given = payload.model_dump(exclude_unset=True)
    box = services.mailbox_update(
        actor=m,
        mailbox=box,
        display_name=given.get("display_name", box.display_name) or "",
        signature=given.get("signature", box.signature) or "",
        sync_folders=given.get("sync_folders") or None,
        password=given.get("password") or "",
        creates_inquiries=given.get("creates_inquiries"),
        ip=request.META.get("REMOTE_ADDR"),
    )
    return mailbox_out(box)


def _readers_out(box) -> dict:
    roles, members = mailbox_readers(box)
    return {"roles": roles, "members": members}


@router.get(
    ONE + "/readers",
    response=ReadersOut,
    summary="Who reads a shared mailbox",
    url_name="mail_mailbox_readers",
)
def mail_mailbox_readers(request, slug: str, mailbox_id: UUID):
    return _readers_out(access_mailbox(api_membership(request, slug), mailbox_id, manage=True))


@router.put(
    ONE + "/readers",
    response=answers(ReadersOut, 403, 409),
    summary="Set who reads a shared mailbox",
    url_name="mail_mailbox_readers_set",
)
def mail_mailbox_readers_set(request, slug: str, mailbox_id: UUID, payload: ReadersIn):
    """Replaces the list. Administrators read every shared mailbox; 409: a personal mailbox."""
    m = api_membership(request, slug)
    box = access_mailbox(m, mailbox_id, manage=True)
    members = list(Membership.objects.filter(workspace_id=m.workspace_id, public_id__in=payload.members))
    if len(members) != len(set(payload.members)):
        raise Http404  # not a member of the caller's workspace: as any id not found
    services.mailbox_readers_set(actor=m, mailbox=box, roles=payload.roles, members=members)
    return _readers_out(box)


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
