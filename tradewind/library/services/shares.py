"""Links for buyers: made for a document or a folder by whoever may read it, with an expiry (at most a
year), an optional password and the language of the page; revoked by its maker or the leads; opened by
anyone holding the link until then. The token is 256 random bits; only its hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.throttle import throttle_count
from tradewind.library import permissions
from tradewind.library.choices import LibraryAuditAction
from tradewind.library.models import ShareLink
from tradewind.workspaces.audit import audit_record

MAX_DAYS = 365
PASSWORD_TRIES_PER_MINUTE = 5


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def share_create(
    *, actor, document=None, folder=None, days: int = 14, password: str = "", language: str = "en"
):
    """(the link, its token — shown once). The thing shared must be one the actor may read."""
    target = document.folder if document is not None else folder
    if target is None or not permissions.can_read(actor, target) or not permissions.can_write_anything(actor):
        raise PermissionDenied(_("You may not share this."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(_("A link lasts 1 to %(n)d days.") % {"n": MAX_DAYS}, field="days")
    if language not in dict(settings.LANGUAGES):
        raise ValidationFailed(_("Choose a language of the list."), field="language")
    if password and len(password) < 6:
        raise ValidationFailed(_("A link's password has at least 6 characters."), field="password")
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        workspace_id=actor.workspace_id, document=document, folder=folder, token_hash=token_hash(token),
        hint=token[-6:], language=language, expires_at=timezone.now() + dt.timedelta(days=days),
        password_hash=make_password(password) if password else "", created_by=actor,
    )  # fmt: skip
    _audit(actor, LibraryAuditAction.SHARE_CREATED, link)
    return link, token


def can_revoke(actor, link: ShareLink) -> bool:
    return permissions.can_write_anything(actor) and (
        link.created_by_id == actor.pk or actor.role in permissions.KEEPERS
    )


@transaction.atomic
def share_revoke(*, actor, link: ShareLink) -> ShareLink:
    if not can_revoke(actor, link):
        raise PermissionDenied(_("Only whoever made the link, or a manager, revokes it."))
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
        _audit(actor, LibraryAuditAction.SHARE_REVOKED, link)
    return link


def share_live(token: str) -> ShareLink | None:
    """The link this token opens, if it is still alive (not expired, not revoked, its thing not deleted)."""
    link = (
        ShareLink.objects.select_related("document__current__file", "document__folder", "folder", "workspace")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    if link is None or link.revoked_at is not None or link.expires_at <= timezone.now():
        return None
    shared = link.document or link.folder
    if shared.deleted_at is not None or (link.document and link.document.folder.deleted_at is not None):
        return None
    return link


def share_password_check(link: ShareLink, password: str, *, ip: str) -> bool:
    """Throttled per link and address: a password cannot be guessed at speed."""
    throttle_count(
        f"share-password:{link.pk}:{ip}",
        limit=PASSWORD_TRIES_PER_MINUTE,
        window=60,
        message=lambda seconds: _("Too many tries. Wait %(seconds)d seconds.") % {"seconds": seconds},
    )
    return check_password(password, link.password_hash)


def share_downloaded(link: ShareLink, *, ip: str, name: str) -> None:
    ShareLink.objects.filter(pk=link.pk).update(
        download_count=F("download_count") + 1, last_used_at=timezone.now()
    )
    audit_record(
        workspace=link.workspace, actor=None, action=LibraryAuditAction.SHARE_DOWNLOADED,
        target=str(link.public_id), ip=ip, data={"name": name, "link": link.hint},
    )  # fmt: skip


def _audit(actor, action: str, link: ShareLink) -> None:
    shared = link.document or link.folder
    audit_record(
        workspace=actor.workspace, actor=actor.user, action=action, target=str(link.public_id),
        data={"name": shared.name, "link": link.hint, "expires": link.expires_at.isoformat()},
    )  # fmt: skip
