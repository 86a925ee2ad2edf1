"""Workspace rules: creating workspaces, inviting people, roles and deactivation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.accounts.models import ApiToken
from tradewind.accounts.services import email_clean
from tradewind.core import geo, money
from tradewind.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit, close_sockets_on_commit, membership_group
from tradewind.workspaces import permissions
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction, Role
from tradewind.workspaces.models import Invitation, Membership, Workspace, slug_validator
from tradewind.workspaces.setup import workspace_setup

RESERVED_SLUGS = frozenset({"new", "admin", "api", "static", "media", "ws", "w", "accounts", "healthz"})


def _clean_profile(*, name: str, country: str, time_zone: str, currency: str) -> dict:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the workspace name."), field="name")
    country = (country or "").strip().upper()
    if country not in geo.country_codes():
        raise ValidationFailed(_("Choose a country from the list."), field="country")
    if time_zone not in geo.time_zones():
        raise ValidationFailed(_("Choose a time zone from the list."), field="time_zone")
    currency = (currency or "").strip().upper()
    if currency not in money.currency_codes():
        raise ValidationFailed(_("Choose a currency from the list."), field="currency")
    return {"name": name[:120], "country": country, "time_zone": time_zone, "currency": currency}


@transaction.atomic
def workspace_create(
    *, user, name: str, slug: str, country: str, time_zone: str, currency: str, ip: str | None = None
) -> Workspace:
    """Create a workspace; its creator becomes its owner."""
    profile = _clean_profile(name=name, country=country, time_zone=time_zone, currency=currency)
    slug = (slug or "").strip().lower()
    try:
        slug_validator(slug)
    except ValidationError as exc:
        raise ValidationFailed(exc.messages[0], field="slug") from None
    if slug in RESERVED_SLUGS or Workspace.objects.filter(slug=slug).exists():
        raise ValidationFailed(_("This URL name is taken. Choose another."), field="slug")
    try:
        with transaction.atomic():
            workspace = Workspace.objects.create(slug=slug, **profile)
    except IntegrityError:  # lost a race for the same slug
        raise ValidationFailed(_("This URL name is taken. Choose another."), field="slug") from None
    Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
    workspace_setup(workspace)
    audit_record(workspace=workspace, actor=user, action=AuditAction.WORKSPACE_CREATED, target=slug, ip=ip)
    return workspace


@transaction.atomic
def workspace_update(
    *,
    actor: Membership,
    name: str,
    country: str,
    time_zone: str,
    currency: str,
    task_reminder_lead_hours: int | None = None,
    ip: str | None = None,
) -> Workspace:
    if not permissions.can_edit_workspace(actor):
        raise PermissionDenied(_("Only owners and administrators can change workspace settings."))
    profile = _clean_profile(name=name, country=country, time_zone=time_zone, currency=currency)
    if task_reminder_lead_hours is not None:
        if not 0 <= task_reminder_lead_hours <= 336:
            raise ValidationFailed(
                _("Choose between 0 and 336 hours (two weeks)."), field="task_reminder_lead_hours"
            )
        profile["task_reminder_lead_hours"] = task_reminder_lead_hours
    workspace = Workspace.objects.select_for_update().get(pk=actor.workspace_id)
    changed = {k: v for k, v in profile.items() if getattr(workspace, k) != v}
    for key, value in changed.items():
        setattr(workspace, key, value)
    if changed:
        workspace.save()
        audit_record(
            workspace=workspace,
            actor=actor.user,
            action=AuditAction.WORKSPACE_UPDATED,
            target=workspace.slug,
            ip=ip,
            data={"changed": sorted(changed)},
        )
        broadcast_on_commit(workspace, "workspace")
    return workspace


# --- invitations ------------------------------------------------------------------------------------


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, actor: Membership, email: str, role: str, ip: str | None = None
) -> tuple[Invitation, str]:
    """Invite an address with a role. A repeated invitation replaces the open one.
    Returns the invitation and its raw token (for the link), which is not stored."""
    email = email_clean(email)
    if role not in Role.values:
        raise ValidationFailed(_("Choose a role from the list."), field="role")
    if not permissions.can_invite(actor):
        raise PermissionDenied(_("Your role cannot invite people."))
    if not permissions.can_invite(actor, role):
        raise PermissionDenied(_("Your role cannot give the role “%(role)s”.") % {"role": Role(role).label})
    workspace = actor.workspace
    if Membership.objects.filter(workspace=workspace, user__email__iexact=email, is_active=True).exists():
        raise Conflict(
            _("%(email)s is already a member of this workspace.") % {"email": email}, field="email"
        )
    now = timezone.now()
    Invitation.objects.filter(
        workspace=workspace, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        role=role,
        token_hash=_hash(raw),
        invited_by=actor,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_record(
        workspace=workspace,
        actor=actor.user,
        action=AuditAction.INVITATION_CREATED,
        target=email,
        ip=ip,
        data={"role": role},
    )
    from tradewind.workspaces.tasks import send_invitation_email

    transaction.on_commit(lambda: send_invitation_email(invitation.pk, raw))
    broadcast_on_commit(workspace, "invitations")
    return invitation, raw


@transaction.atomic
def invitation_revoke(*, actor: Membership, invitation: Invitation, ip: str | None = None) -> None:
    if not permissions.can_invite(actor):
        raise PermissionDenied(_("Your role cannot manage invitations."))
    if invitation.status != "open":
        raise Conflict(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        workspace=invitation.workspace,
        actor=actor.user,
        action=AuditAction.INVITATION_REVOKED,
        target=invitation.email,
        ip=ip,
    )
    broadcast_on_commit(invitation.workspace, "invitations")


def invitation_find(raw_token: str) -> Invitation:
    """The open invitation behind a link, or NotFound (also for expired, used or revoked links)."""
    invitation = (
        Invitation.objects.select_related("workspace", "invited_by__user")
        .filter(token_hash=_hash(raw_token or ""))
        .first()
    )
    if invitation is None or invitation.status != "open":
        raise NotFound(_("This invitation link is not valid any more. Ask for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, raw_token: str, user, ip: str | None = None) -> Membership:
    """Join the workspace. The invitation is bound to its e-mail address: another account cannot use it."""
    invitation = invitation_find(raw_token)
    invitation = Invitation.objects.select_for_update().select_related("workspace").get(pk=invitation.pk)
    if invitation.status != "open":
        raise NotFound(_("This invitation link is not valid any more. Ask for a new one."))
    if invitation.email.lower() != user.email.lower():
        raise NotFound(
            _("This invitation was sent to another e-mail address. Sign in with that address to accept it.")
        )
    membership, created = Membership.objects.get_or_create(
        workspace=invitation.workspace, user=user, defaults={"role": invitation.role}
    )
    if not created:
        # A former member comes back with the role of the new invitation.
        membership.role = invitation.role
        membership.is_active = True
        membership.deactivated_at = None
        membership.save(update_fields=["role", "is_active", "deactivated_at", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_record(
        workspace=invitation.workspace,
        actor=user,
        action=AuditAction.INVITATION_ACCEPTED,
        target=user.email,
        ip=ip,
        data={"role": invitation.role},
    )
    broadcast_on_commit(invitation.workspace, "members")
    return membership


# --- members ----------------------------------------------------------------------------------------


def _lock(target: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("user", "workspace").get(pk=target.pk)


def _other_active_owners(target: Membership) -> bool:
    return (
        Membership.objects.filter(workspace_id=target.workspace_id, role=Role.OWNER, is_active=True)
        .exclude(pk=target.pk)
        .exists()
    )


@transaction.atomic
def membership_change_role(
    *, actor: Membership, target: Membership, role: str, ip: str | None = None
) -> Membership:
    if role not in Role.values:
        raise ValidationFailed(_("Choose a role from the list."), field="role")
    if not permissions.can_change_role(actor, target, role):
        raise PermissionDenied(_("You cannot give this member that role."))
    target = _lock(target)
    if target.role == role:
        return target
    if target.role == Role.OWNER and not _other_active_owners(target):
        raise Conflict(_("A workspace needs at least one owner. Make someone else owner first."))
    previous = target.role
    target.role = role
    target.save(update_fields=["role", "updated_at"])
    audit_record(
        workspace=target.workspace,
        actor=actor.user,
        action=AuditAction.ROLE_CHANGED,
        target=target.user.email,
        ip=ip,
        data={"from": previous, "to": role},
    )
    broadcast_on_commit(target.workspace, "members")
    return target


@transaction.atomic
def membership_deactivate(*, actor: Membership, target: Membership, ip: str | None = None) -> Membership:
    """Remove a member's access at once: web sessions (checked per request), open websockets and
    API tokens. Their records stay, attributed to them."""
    if not permissions.can_manage_member(actor, target):
        raise PermissionDenied(_("You cannot deactivate this member."))
    target = _lock(target)
    if not target.is_active:
        return target
    if target.role == Role.OWNER and not _other_active_owners(target):
        raise Conflict(_("A workspace needs at least one owner. Make someone else owner first."))
    now = timezone.now()
    target.is_active = False
    target.deactivated_at = now
    target.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    ApiToken.objects.filter(membership=target, revoked_at__isnull=True).update(revoked_at=now)
    close_sockets_on_commit(membership_group(target.pk), "deactivated")
    audit_record(
        workspace=target.workspace,
        actor=actor.user,
        action=AuditAction.MEMBER_DEACTIVATED,
        target=target.user.email,
        ip=ip,
    )
    broadcast_on_commit(target.workspace, "members")
    return target


@transaction.atomic
def membership_reactivate(*, actor: Membership, target: Membership, ip: str | None = None) -> Membership:
    if not permissions.can_manage_member(actor, target):
        raise PermissionDenied(_("You cannot reactivate this member."))
    target = _lock(target)
    if target.is_active:
        return target
    target.is_active = True
    target.deactivated_at = None
    target.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    audit_record(
        workspace=target.workspace,
        actor=actor.user,
        action=AuditAction.MEMBER_REACTIVATED,
        target=target.user.email,
        ip=ip,
    )
    broadcast_on_commit(target.workspace, "members")
    return target
