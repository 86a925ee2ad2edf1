"""A rep leaves: all their customers go to another rep or to the pool in one step."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.models import (
    Customer,
)
from tradewind.crm.services.pool import _move, _name
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction


@transaction.atomic
def customers_handover(*, actor, from_member, to_member=None, ip=None) -> dict:
    """A rep leaves: all their customers go to another rep (or the pool) in one step, with the open tasks
    about those customers that were theirs."""
    from tradewind.tasks.choices import OPEN_STATUSES
    from tradewind.tasks.models import Task

    if not permissions.can_manage_pool(actor):
        raise PermissionDenied(_("Only managers and administrators hand customers over."))
    if from_member.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a member of this workspace."), field="from_member")
    if to_member is not None and (
        to_member.workspace_id != actor.workspace_id
        or not permissions.can_own_customers(to_member)
        or to_member.pk == from_member.pk
    ):
        raise ValidationFailed(
            _("Choose another active rep of this workspace, or the pool."), field="to_member"
        )
    customers = list(
        Customer.objects.filter(owner=from_member).select_related("workspace", "grade", "owner__user")
    )
    for customer in customers:
        _move(
            customer,
            to=to_member,
            actor=actor,
            event="handed_over",
            action=AuditAction.CUSTOMER_ASSIGNED,
            ip=ip,
            reason="handover",
        )
    tasks = Task.objects.filter(
        workspace_id=actor.workspace_id,
        subject_kind="crm.customer",
        subject_id__in=[c.public_id for c in customers],
        assignee=from_member,
        status__in=OPEN_STATUSES,
    )
    moved_tasks = tasks.update(assignee=to_member, updated_at=timezone.now())
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=AuditAction.CUSTOMERS_HANDED_OVER,
        target=from_member.user.email,
        ip=ip,
        data={"to": _name(to_member), "customers": len(customers), "tasks": moved_tasks},
    )
    return {"customers": len(customers), "tasks": moved_tasks}
