"""Writing the audit log. Entries are only ever inserted; nothing in the product edits them."""

from __future__ import annotations

from tradewind.workspaces.choices import AuditAction
from tradewind.workspaces.models import AuditEntry, Membership, Workspace


def audit_record(
    *,
    workspace: Workspace,
    actor,
    action: AuditAction,
    target: str = "",
    ip: str | None = None,
    data: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        workspace=workspace,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target=target[:254],
        ip=ip,
        data=data or {},
    )


def audit_record_for_user(
    *, user, action: AuditAction, ip: str | None = None, data: dict | None = None
) -> None:
    """Account events (sign-in, password change) go to every workspace the user is an active member of,
    so each workspace's admins see them in their own log and nowhere else."""
    workspace_ids = Membership.objects.filter(user=user, is_active=True).values_list(
        "workspace_id", flat=True
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            workspace_id=workspace_id,
            actor=user,
            actor_label=user.email,
            action=action,
            target=user.email,
            ip=ip,
            data=data or {},
        )
        for workspace_id in workspace_ids
    )
