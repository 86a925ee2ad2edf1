"""Reads worth a name: member and audit lists with their filters (shared by the UI and the API)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from tradewind.workspaces.models import AuditEntry, Membership, Workspace


def member_list(
    *, workspace: Workspace, q: str = "", role: str = "", status: str = ""
) -> QuerySet[Membership]:
    members = Membership.objects.filter(workspace=workspace).select_related("user")
    if status == "inactive":
        members = members.filter(is_active=False)
    elif status != "all":
        members = members.filter(is_active=True)
    if role:
        members = members.filter(role=role)
    if q:
        members = members.filter(Q(user__full_name__icontains=q) | Q(user__email__icontains=q))
    return members.order_by("user__full_name", "user__email")


def audit_list(
    *,
    workspace: Workspace,
    action: str = "",
    actor: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(workspace=workspace)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=zone))
    if until:
        entries = entries.filter(
            at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        )
    return entries.order_by("-at", "-id")


def member_choices(workspace, *, roles=None) -> list[tuple[str, str]]:
    """(public id, name) of the workspace's active members (of `roles`, if given), by name: for
    "assignee" / "owner" filters."""
    # Plain values: every list page with a member filter asks, and 50 members as instances cost ~5 ms.
    members = Membership.objects.filter(workspace=workspace, is_active=True).order_by("user__full_name")
    if roles is not None:
        members = members.filter(role__in=roles)
    return [
        (str(public_id), full_name or email)  # User.display_name
        for public_id, full_name, email in members.values_list("public_id", "user__full_name", "user__email")
    ]
