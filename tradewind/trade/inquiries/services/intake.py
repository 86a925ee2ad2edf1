"""The public intake: a website's inquiry form posts to /api/v1/intake/<token>/inquiries without signing in.

The workspace's intake token is the only credential: only its SHA-256 is stored (as for invitations), it
is shown once when made, and making a new one ends the old. An unknown token is a 404 like any other
missing page — the answer says nothing more. Attempts are counted in the cache per client IP and per token
over a fixed window (TRADEWIND_INQUIRY_INTAKE_*), before the token is even looked up, so guessing tokens is
as slow as flooding one; over the limit is a 429 with Retry-After. After a form post the visitor is sent
back only to a page on one of the origins the workspace listed.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import NotFound, PermissionDenied
from tradewind.core.throttle import throttle_count
from tradewind.crm.choices import Source
from tradewind.trade.inquiries import permissions
from tradewind.trade.inquiries.choices import CreatedVia, InquiryAuditAction
from tradewind.trade.inquiries.models import Inquiry, InquirySettings
from tradewind.trade.inquiries.services.common import inquiry_settings
from tradewind.trade.inquiries.services.inquiries import inquiry_create
from tradewind.workspaces.audit import audit_record

TOKEN_PREFIX = "twi_"  # noqa: S105 - what an intake token starts with, not a secret


def _hash(raw: str) -> str:
    return hashlib.sha256((raw or "").encode()).hexdigest()


@transaction.atomic
def intake_token_regenerate(*, actor) -> str:
    """A new intake token for the workspace (the old one stops working). Answers the token itself, which
    is not stored: show it once."""
    if not permissions.can_manage_inquiries(actor):
        raise PermissionDenied(_("Only managers and admins change the inquiry rules."))
    settings = InquirySettings.objects.select_for_update().get(pk=inquiry_settings(actor.workspace).pk)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(24)
    settings.intake_token_hash = _hash(raw)
    settings.intake_token_hint = raw[:8]
    settings.intake_token_created_at = timezone.now()
    settings.save(update_fields=["intake_token_hash", "intake_token_hint", "intake_token_created_at"])
    audit_record(
        workspace=actor.workspace, actor=actor.user, action=InquiryAuditAction.INTAKE_TOKEN_REGENERATED
    )
    return raw


@transaction.atomic
def intake_token_revoke(*, actor) -> None:
    """Switch the intake off: the token stops working, no new one is made."""
    if not permissions.can_manage_inquiries(actor):
        raise PermissionDenied(_("Only managers and admins change the inquiry rules."))
    InquirySettings.objects.filter(workspace=actor.workspace).update(
        intake_token_hash="", intake_token_hint="", intake_token_created_at=None
    )
    audit_record(workspace=actor.workspace, actor=actor.user, action=InquiryAuditAction.INTAKE_TOKEN_REVOKED)


def _count(key: str, limit: int, window: int, now: float) -> None:
    """One more attempt under `key` in the current window; Throttled past `limit`."""
    throttle_count(
        f"inquiry-intake:{key}",
        limit=limit,
        window=window,
        now=now,
        message=lambda retry_after: (
            _("Too many inquiries were sent from here. Please try again in %(minutes)d minutes.")
            % {"minutes": max(1, (retry_after + 59) // 60)}
        ),
    )


def intake_throttle(*, token: str, ip: str | None, now: float | None = None) -> None:
    """Count an intake attempt for the client's IP and for the token; raise Throttled over either limit."""
    now = time.time() if now is None else now
    window = django_settings.INQUIRY_INTAKE_WINDOW_SECONDS
    _count(f"ip:{ip or 'unknown'}", django_settings.INQUIRY_INTAKE_MAX_PER_IP, window, now)
    _count(f"token:{_hash(token)[:32]}", django_settings.INQUIRY_INTAKE_MAX_PER_TOKEN, window, now)


def intake_settings_for(token: str) -> InquirySettings:
    """The settings of the workspace whose intake token this is, or NotFound (and nothing else)."""
    token = token or ""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise NotFound(_("Not found."))
    found = (
        InquirySettings.objects.exclude(intake_token_hash="")
        .filter(intake_token_hash=_hash(token))
        .select_related("workspace")
        .first()
    )
    if found is None:
        raise NotFound(_("Not found."))
    return found


@transaction.atomic
def inquiry_intake(
    *,
    settings: InquirySettings,
    company: str = "",
    name: str = "",
    email: str,
    phone: str = "",
    country: str = "",
    message: str,
    product: str = "",
    quantity=None,
    unit: str = "",
    destination_port: str = "",
    incoterm: str = "",
    source: str = Source.WEBSITE,
    platform_ref: str = "",
) -> Inquiry:
    """An inquiry from the intake (no member acts): from the website unless the caller says which
    platform, linked to the contact who has the buyer's e-mail address if there is one."""
    items = [{"description": product, "quantity": quantity, "unit": unit or None}] if product else []
    return inquiry_create(
        actor=None,
        workspace=settings.workspace,
        via=CreatedVia.INTAKE,
        items=items,
        buyer_company=company,
        buyer_name=name,
        buyer_email=email,
        buyer_phone=phone,
        buyer_country=country,
        message=message,
        destination_port=destination_port,
        incoterm=incoterm,
        source=source,
        platform_ref=platform_ref,
    )


def intake_redirect(settings: InquirySettings, next_url: str) -> str | None:
    """`next_url` if it is an absolute http(s) address on one of the workspace's listed origins."""
    if not next_url:
        return None
    parts = urlsplit(next_url)
    if parts.scheme not in ("https", "http") or not parts.netloc or "\\" in next_url:
        return None
    origin = f"{parts.scheme}://{parts.netloc.lower()}"
    return next_url if origin in settings.origins else None
