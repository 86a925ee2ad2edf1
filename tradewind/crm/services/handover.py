"""A rep leaves: all their customers go to another rep or to the pool in one step."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.models import (
    Customer,
)
from tradewind.crm.services.pool import _move, _name
from tradewind.workspaces.audit import audit_record


@transaction.atomic
def customers_handover(*, actor, from_member, to_member=None, ip=None) -> dict:
    """A rep leaves: all their customers go to another rep (or the pool) in one step, with the open tasks
    about those customers that were theirs."""
    from tradewind.tasks.reassign import tasks_reassign

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
            action=CrmAuditAction.CUSTOMER_ASSIGNED,
            ip=ip,
            reason="handover",
        )
    moved_tasks = tasks_reassign(
        actor=actor,
        subject_kind="crm.customer",
        subject_ids=[c.public_id for c in customers],
        from_member=from_member,
        to_member=to_member,
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=CrmAuditAction.CUSTOMERS_HANDED_OVER,
        target=from_member.user.email,
        ip=ip,
        data={"to": _name(to_member), "customers": len(customers), "tasks": moved_tasks},
    )
    return {"customers": len(customers), "tasks": moved_tasks}
