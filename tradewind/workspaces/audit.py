"""The audit log: the registry of actions, and writing entries (only ever inserted; nothing edits them).

Each app declares its audited actions as TextChoices beside its code and registers them from its
registry/ready(); the log stores the code, and the label is read from the registry in the reader's
language. A code no version registers any more still shows, as itself.
"""

from __future__ import annotations

from django.db import models

from tradewind.workspaces.models import AuditEntry, Membership, Workspace

_ACTIONS: dict[str, object] = {}


def audit_actions_register(actions: type[models.TextChoices]) -> None:
    for code, label in actions.choices:
        if code in _ACTIONS and _ACTIONS[code] != label:
            raise ValueError(f"audit action {code!r} is registered twice")  # two apps, one code
        _ACTIONS[code] = label


def audit_action_label(code: str) -> str:
    return str(_ACTIONS.get(code, code))


def audit_action_choices() -> list[tuple[str, str]]:
    """Every registered action, by label in the active language (the audit log's filter)."""
    return sorted(((code, str(label)) for code, label in _ACTIONS.items()), key=lambda c: c[1].lower())


def _checked(action: str) -> str:
    if action not in _ACTIONS:
        raise ValueError(f"audit action {action!r} is not registered")  # a programming error
    return str(action)


def audit_record(
    *,
    workspace: Workspace,
    actor,
    action: str,
    target: str = "",
    ip: str | None = None,
    data: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        workspace=workspace,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=_checked(action),
        target=target[:254],
        ip=ip,
        data=data or {},
    )


def audit_record_for_user(*, user, action: str, ip: str | None = None, data: dict | None = None) -> None:
    """Account events (sign-in, password change) go to every workspace the user is an active member of,
    so each workspace's admins see them in their own log and nowhere else."""
    action = _checked(action)
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
