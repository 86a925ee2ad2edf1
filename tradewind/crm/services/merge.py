"""Merging a duplicate into the customer that stays (查重's last step)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.activity.services import activities_move, activities_rewrite
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import (
    Channel,
    CrmAuditAction,
)
from tradewind.crm.hooks import customer_merge_hooks_run
from tradewind.crm.models import (
    Contact,
    Customer,
    CustomerMerge,
    CustomerTag,
)
from tradewind.crm.services.index import customer_reindex
from tradewind.crm.services.pool import _lock, _name, _tell
from tradewind.crm.services.timeline import customer_subject, timeline_add
from tradewind.crm.timeline_events import event_kind
from tradewind.workspaces.audit import audit_record


@transaction.atomic
def customer_merge(*, actor, survivor: Customer, merged: Customer, ip=None) -> CustomerMerge:
    """Merge `merged` into `survivor`: contacts, timeline, tags, follow-up and task links move over, and
    what other apps keep about it (their merge hooks: crm/hooks.py); the merge itself stays on record."""
    from tradewind.tasks.reassign import tasks_subject_move

    if not permissions.can_manage_pool(actor):
        raise PermissionDenied(_("Only managers and administrators merge customers."))
    if survivor.pk == merged.pk:
        raise ValidationFailed(_("A customer cannot be merged into itself."), field="merged")
    if survivor.workspace_id != merged.workspace_id:
        raise ValidationFailed(_("Choose a customer of this workspace."), field="merged")
    survivor, merged = _lock(survivor), _lock(merged)
    workspace_id = survivor.workspace_id
    # Its "Customer created" says, among the survivor's history, which customer was created.
    activities_rewrite(
        workspace_id=workspace_id,
        subject=customer_subject(merged),
        kind=event_kind("created"),
        to_kind=event_kind("created_as"),
        data={"channel": Channel.SYSTEM, "name": merged.name},
    )
    moved = {
        "contacts": Contact.objects.filter(customer=merged).update(customer=survivor, is_primary=False),
        "timeline": activities_move(
            workspace_id=workspace_id, subject=customer_subject(merged), to=customer_subject(survivor)
        ),
        "tasks": tasks_subject_move(
            actor=actor, subject=customer_subject(merged), to=customer_subject(survivor)
        ),
        **customer_merge_hooks_run(actor=actor, survivor=survivor, merged=merged),
    }
    for link in CustomerTag.objects.filter(customer=merged).select_related("tag"):
        CustomerTag.objects.get_or_create(workspace_id=survivor.workspace_id, customer=survivor, tag=link.tag)
    dates = [d for d in (survivor.next_follow_up_on, merged.next_follow_up_on) if d]
    survivor.next_follow_up_on = min(dates) if dates else None
    contacts = [c for c in (survivor.last_contact_at, merged.last_contact_at) if c]
    survivor.last_contact_at = max(contacts) if contacts else None
    for field in (
        "name_latin",
        "city",
        "address",
        "website",
        "industry",
        "products",
        "typical_volume",
        "payment_terms",
        "packaging",
        "certifications",
        "named_place",
        "destination_port",
    ):
        if not getattr(survivor, field) and getattr(merged, field):
            setattr(survivor, field, getattr(merged, field))
    survivor.save()
    record = CustomerMerge.objects.create(
        workspace_id=survivor.workspace_id,
        survivor=survivor,
        merged_public_id=merged.public_id,
        merged_name=merged.name,
        by=actor,
        moved=moved,
    )
    timeline_add(
        survivor,
        actor=actor,
        channel=Channel.MERGE,
        event="merged",
        name=merged.name,
        merged=str(merged.public_id),
        **moved,
    )
    audit_record(
        workspace=survivor.workspace,
        actor=actor.user,
        action=CrmAuditAction.CUSTOMERS_MERGED,
        target=f"{merged.name} → {survivor.name}",
        ip=ip,
        data=moved,
    )
    # Earlier merges into `merged` now lead to the survivor (their old links redirect there).
    CustomerMerge.objects.filter(survivor=merged).update(survivor=survivor)
    loser = merged.owner
    if loser is not None and loser.pk not in (actor.pk, survivor.owner_id):
        # Its owner would otherwise find their customer gone without a word.
        _tell(
            loser,
            "crm.taken",
            actor,
            survivor,
            lambda: (
                _("%(actor)s merged your customer %(customer)s into %(survivor)s (%(owner)s)")
                % {
                    "actor": actor.user.display_name,
                    "customer": merged.name,
                    "survivor": survivor.name,
                    "owner": _name(survivor.owner),
                }
            ),
        )
    merged.delete()
    customer_reindex(survivor)
    broadcast_on_commit(survivor.workspace, "customers", {"customer": str(survivor.public_id)})
    return record
