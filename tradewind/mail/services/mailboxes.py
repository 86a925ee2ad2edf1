"""Connecting a mailbox (tested before it is kept), changing it, pausing and resuming its sync, removing it.

The password is sealed (core/sealed.py) the moment it is received and never returned: a form or the API
that changes a mailbox without a new password keeps the sealed one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.sealed import seal, unseal
from tradewind.mail import permissions
from tradewind.mail.choices import MailAuditAction, MailboxKind, Security, SyncState
from tradewind.mail.connection import folder_select, folders_list, imap_session, smtp_session
from tradewind.mail.models import Mailbox, MailboxReader
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import Role

SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "已发送", "已发送邮件")
MAX_FOLDERS = 20
DEFAULT_DAYS = 90  # how far back a new mailbox's mail is synced unless the member says otherwise


@dataclass
class Servers:
    """How to reach a mailbox: what the connection form and the API take."""

    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    username: str
    password: str = ""  # empty when changing a mailbox: the sealed one is kept
    allow_self_signed: bool = False


@dataclass
class Checked:
    """What the test found: the account's folders and the sent folder among them."""

    folders: list[str] = field(default_factory=list)
    sent_folder: str = ""


def _clean(servers: Servers) -> Servers:
    errors = []
    for side in ("imap", "smtp"):
        host = (getattr(servers, f"{side}_host") or "").strip().lower()
        setattr(servers, f"{side}_host", host)
        if not host or len(host) > 200 or any(c.isspace() for c in host):
            errors.append(
                ValidationFailed(_("Enter the server's name, e.g. imap.exmail.qq.com."), field=f"{side}_host")
            )
        port = getattr(servers, f"{side}_port")
        if not isinstance(port, int) or not 1 <= port <= 65535:
            errors.append(ValidationFailed(_("A port is a number from 1 to 65535."), field=f"{side}_port"))
        if getattr(servers, f"{side}_security") not in Security.values:
            errors.append(
                ValidationFailed(_("Choose how the connection is protected."), field=f"{side}_security")
            )
    servers.username = (servers.username or "").strip()
    if not servers.username:
        errors.append(
            ValidationFailed(_("Enter the user name (usually the e-mail address)."), field="username")
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    return servers


def mailbox_check(*, servers: Servers, folders: list[str] | None = None) -> Checked:
    """Sign in to both servers and open the folders to sync; the first thing that fails is raised with the
    field to correct (connection.py). Nothing is kept."""
    servers = _clean(servers)
    if not servers.password:
        raise ValidationFailed(_("Enter the password (or the app password)."), field="password")
    imap = {
        "host": servers.imap_host,
        "port": servers.imap_port,
        "security": servers.imap_security,
        "username": servers.username,
        "password": servers.password,
        "allow_self_signed": servers.allow_self_signed,
    }
    with imap_session(**imap) as client:
        listed = folders_list(client)
        for name in folders or []:
            folder_select(client, name)
    smtp = {**imap, "host": servers.smtp_host, "port": servers.smtp_port, "security": servers.smtp_security}
    with smtp_session(**smtp):
        pass
    names = [name for name, _flags in listed]
    sent = next((name for name, flags in listed if "\\sent" in flags), "")
    sent = sent or next((name for name in SENT_NAMES if name in names), "")
    return Checked(folders=names, sent_folder=sent)


def _folders(requested: list[str] | None, checked: Checked) -> list[str]:
    if requested:
        chosen = list(dict.fromkeys(f.strip() for f in requested if f.strip()))
    else:
        chosen = ["INBOX", *([checked.sent_folder] if checked.sent_folder else [])]
    if len(chosen) > MAX_FOLDERS:
        raise ValidationFailed(_("Sync at most %(n)d folders.") % {"n": MAX_FOLDERS}, field="sync_folders")
    return chosen


def _address(address: str) -> str:
    from django.core.validators import validate_email

    address = (address or "").strip().lower()
    try:
        validate_email(address)
    except Exception:  # Django's ValidationError: said in our words
        raise ValidationFailed(_("Enter a valid e-mail address."), field="address") from None
    return address


def mailbox_connect(
    *,
    actor,
    address: str,
    servers: Servers,
    kind: str = MailboxKind.PERSONAL,
    display_name: str = "",
    provider: str = "",
    sync_folders: list[str] | None = None,
    sync_since: dt.date | None = None,
    ip: str | None = None,
) -> Mailbox:
    """A member connects their mailbox (an administrator a shared one), once the servers accept it."""
    if not permissions.can_connect(actor, kind):
        raise PermissionDenied(_("Only administrators connect shared mailboxes."))
    if servers.allow_self_signed and not permissions.can_connect(actor, MailboxKind.SHARED):
        raise PermissionDenied(_("Only an administrator may accept a self-signed certificate."))
    address = _address(address)
    today = timezone.localdate()
    since = sync_since or today - dt.timedelta(days=DEFAULT_DAYS)
    if since > today:
        raise ValidationFailed(_("The sync cannot start in the future."), field="sync_since")
    checked = mailbox_check(servers=servers, folders=sync_folders)
    try:
        with transaction.atomic():
            mailbox = Mailbox.objects.create(
                workspace=actor.workspace,
                kind=kind,
                owner=actor,
                address=address,
                display_name=display_name.strip()[:120],
                provider=provider[:20],
                imap_host=servers.imap_host,
                imap_port=servers.imap_port,
                imap_security=servers.imap_security,
                smtp_host=servers.smtp_host,
                smtp_port=servers.smtp_port,
                smtp_security=servers.smtp_security,
                username=servers.username,
                password_sealed=seal(servers.password),
                allow_self_signed=servers.allow_self_signed,
                sync_folders=_folders(sync_folders, checked),
                sync_since=since,
            )
    except IntegrityError:
        raise ValidationFailed(_("This mailbox is connected already."), field="address") from None
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=MailAuditAction.MAILBOX_CONNECTED,
        target=address,
        ip=ip,
        data={"kind": kind, "imap": servers.imap_host},
    )
    _queue_sync(mailbox)
    return mailbox


def mailbox_password(mailbox: Mailbox) -> str:
    """The mailbox's password, for the worker's connection only."""
    return unseal(mailbox.password_sealed)


def mailbox_servers(mailbox: Mailbox) -> Servers:
    return Servers(
        imap_host=mailbox.imap_host,
        imap_port=mailbox.imap_port,
        imap_security=mailbox.imap_security,
        smtp_host=mailbox.smtp_host,
        smtp_port=mailbox.smtp_port,
        smtp_security=mailbox.smtp_security,
        username=mailbox.username,
        password=mailbox_password(mailbox),
        allow_self_signed=mailbox.allow_self_signed,
    )


def _managed(actor, mailbox: Mailbox) -> None:
    if not permissions.can_manage(actor, mailbox):
        raise PermissionDenied(_("You may not change this mailbox."))


def mailbox_update(
    *,
    actor,
    mailbox: Mailbox,
    display_name: str,
    signature: str,
    sync_folders: list[str] | None = None,
    password: str = "",
    creates_inquiries: bool | None = None,
    ip: str | None = None,
) -> Mailbox:
    """The name recipients see, the signature, the folders to sync and (tested again first) a new password;
    an empty password keeps the sealed one. `creates_inquiries`: e-mails arriving from now on that start a
    thread in its inbox become inquiries (services/inquiries.py); None leaves it as it is."""
    _managed(actor, mailbox)
    if creates_inquiries and mailbox.inquiries_since is None:
        from tradewind.trade.inquiries.permissions import can_create_inquiries

        if not can_create_inquiries(actor):
            raise PermissionDenied(_("Your role cannot add inquiries."), field="creates_inquiries")
        mailbox.inquiries_since = timezone.now()
    elif creates_inquiries is False:
        mailbox.inquiries_since = None
    folders = [f.strip() for f in (sync_folders or []) if f.strip()] or mailbox.sync_folders
    if len(folders) > MAX_FOLDERS:
        raise ValidationFailed(_("Sync at most %(n)d folders.") % {"n": MAX_FOLDERS}, field="sync_folders")
    if password or folders != mailbox.sync_folders:
        servers = mailbox_servers(mailbox)
        servers.password = password or servers.password
        mailbox_check(servers=servers, folders=folders)
    mailbox.display_name = " ".join((display_name or "").split())[:120]
    mailbox.signature = (signature or "")[:2000]
    mailbox.sync_folders = list(dict.fromkeys(folders))
    fields = ["display_name", "signature", "sync_folders", "inquiries_since", "updated_at"]
    if password:
        mailbox.password_sealed = seal(password)
        mailbox.last_error = ""
        if mailbox.state != SyncState.PAUSED:  # a paused mailbox stays paused
            mailbox.state = SyncState.NEW
        fields += ["password_sealed", "state", "last_error"]
    mailbox.save(update_fields=fields)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=MailAuditAction.MAILBOX_CHANGED,
        target=mailbox.address,
        ip=ip,
        data={
            "password": bool(password),
            "folders": mailbox.sync_folders,
            "inquiries": mailbox.inquiries_since is not None,
        },
    )
    if password and mailbox.state != SyncState.PAUSED:
        _queue_sync(mailbox)
    return mailbox


def mailbox_pause(*, actor, mailbox: Mailbox) -> Mailbox:
    _managed(actor, mailbox)
    Mailbox.objects.filter(pk=mailbox.pk).update(state=SyncState.PAUSED, updated_at=timezone.now())
    mailbox.state = SyncState.PAUSED
    return mailbox


def mailbox_resume(*, actor, mailbox: Mailbox) -> Mailbox:
    _managed(actor, mailbox)
    Mailbox.objects.filter(pk=mailbox.pk).update(state=SyncState.NEW, updated_at=timezone.now())
    mailbox.state = SyncState.NEW
    _queue_sync(mailbox)
    return mailbox


def mailbox_readers_set(*, actor, mailbox: Mailbox, roles: list[str], members: list) -> None:
    """Who reads a shared mailbox (replaces the list): members holding `roles`, and `members`."""
    _managed(actor, mailbox)
    if mailbox.kind != MailboxKind.SHARED:
        raise Conflict(_("Only a shared mailbox has readers; a personal one is its owner's."))
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationFailed(_("Choose roles from the list."), field="roles")
    if any(m.workspace_id != mailbox.workspace_id or not m.is_active for m in members):
        raise ValidationFailed(_("Choose active members of this workspace."), field="members")
    with transaction.atomic():
        MailboxReader.objects.filter(mailbox=mailbox).delete()
        MailboxReader.objects.bulk_create(
            [MailboxReader(workspace_id=mailbox.workspace_id, mailbox=mailbox, role=r) for r in set(roles)]
            + [
                MailboxReader(workspace_id=mailbox.workspace_id, mailbox=mailbox, membership=m)
                for m in {m.pk: m for m in members}.values()
            ]
        )
        audit_record(
            workspace=actor.workspace,
            actor=actor.user,
            action=MailAuditAction.MAILBOX_CHANGED,
            target=mailbox.address,
            data={"readers": {"roles": sorted(set(roles)), "members": len({m.pk for m in members})}},
        )


def mailbox_remove(*, actor, mailbox: Mailbox, ip: str | None = None) -> None:
    """Disconnect it and forget its mail (the customers' timelines lose those e-mails too)."""
    _managed(actor, mailbox)
    address = mailbox.address
    mailbox.delete()
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=MailAuditAction.MAILBOX_REMOVED,
        target=address,
        ip=ip,
    )


def _queue_sync(mailbox: Mailbox) -> None:
    from tradewind.mail.tasks import mail_sync

    pk = mailbox.pk
    transaction.on_commit(lambda: mail_sync(pk))
