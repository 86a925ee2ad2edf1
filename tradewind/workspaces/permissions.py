"""Who may do what in the workspace area. The UI, the API and consumers all ask these functions."""

from __future__ import annotations

from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

ADMINS = frozenset({Role.OWNER, Role.ADMIN})
INVITERS = ADMINS | {Role.MANAGER}
# Roles a manager may hand out: not the ones that govern the workspace itself.
MANAGER_GRANTABLE = frozenset(set(Role) - ADMINS)


def is_admin(m: Membership) -> bool:
    return m.is_active and m.role in ADMINS


def can_edit_workspace(m: Membership) -> bool:
    return is_admin(m)


def can_view_audit(m: Membership) -> bool:
    return is_admin(m)


def can_invite(m: Membership, role: str | None = None) -> bool:
    if not m.is_active or m.role not in INVITERS:
        return False
    if role is None:
        return True
    return role in grantable_roles(m)


def grantable_roles(m: Membership) -> list[str]:
    """The roles `m` may give to someone else, in display order."""
    if m.role == Role.OWNER:
        return list(Role.values)
    if m.role == Role.ADMIN:
        return [r for r in Role.values if r != Role.OWNER]
    if m.role == Role.MANAGER:
        return [r for r in Role.values if r in MANAGER_GRANTABLE]
    return []


def can_manage_member(actor: Membership, target: Membership) -> bool:
    """Change the role of, or (de)activate, `target`. Nobody manages themselves; only owners manage owners."""
    if not is_admin(actor) or actor.pk == target.pk:
        return False
    return not (target.role == Role.OWNER and actor.role != Role.OWNER)


def can_change_role(actor: Membership, target: Membership, role: str) -> bool:
    return can_manage_member(actor, target) and role in grantable_roles(actor)
