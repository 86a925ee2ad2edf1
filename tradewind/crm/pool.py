"""Ownership and the public pool (公海): claim, release, assign, auto-return, handover, merge.

Every move is on the customer's timeline and in the audit log. A rep who released or lost a customer
may not claim it back during the workspace's cool-down.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import Channel
from tradewind.crm.limits import check_private_room
from tradewind.crm.models import Contact, Cooldown, Customer, CustomerMerge, CustomerTag, TimelineEntry
from tradewind.crm.services import customer_reindex, timeline_add
from tradewind.crm.setup import crm_settings
from tradewind.crm.timeline_events import event_stored
from tradewind.notifications.services import notify
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction
from tradewind.workspaces.models import Membership


def customer_url(customer) -> str:
    return f"/w/{customer.workspace.slug}/customers/{customer.public_id}/"


def _lock(customer: Customer) -> Customer:
    return (
        Customer.objects.select_for_update(of=("self",))
        .select_related("workspace", "grade", "owner__user")
        .get(pk=customer.pk)
    )


def _name(m) -> str:
    return m.user.display_name if m else _("the pool")


def _tell(member, kind: str, actor, customer: Customer, title) -> None:
    """A notification to `member` about a manager's move of `customer` (title: a lazy text)."""
    notify(
        recipients=[member],
        kind=kind,
        actor=actor,
        url=customer_url(customer),
        title=title,
        subject=("crm.customer", customer.public_id),
    )


def _cool_down(customer: Customer, member) -> None:
    days = crm_settings(customer.workspace).cooldown_days
    if member is None or not days:
        return
    Cooldown.objects.update_or_create(
        customer=customer,
        membership=member,
        defaults={"workspace_id": customer.workspace_id, "until": timezone.now() + dt.timedelta(days=days)},
    )


def _move(
    customer: Customer, *, to, actor, event: str, action: AuditAction, ip=None, reason: str = ""
) -> None:
    previous = customer.owner
    now = timezone.now()
    customer.owner = to
    customer.owned_since = now if to else None
    customer.return_warned_at = None
    if to is None:
        customer.next_follow_up_on = None  # in the pool nobody is to follow up; the next owner plans
    elif customer.next_follow_up_on is None:
        cadence = customer.grade.follow_up_days if customer.grade else 14
        customer.next_follow_up_on = timezone.localdate() + dt.timedelta(days=cadence)
    customer.save(
        update_fields=["owner", "owned_since", "return_warned_at", "next_follow_up_on", "updated_at"]
    )
    # A rep who released a customer or let it return may not take it back at once; a manager's move
    # (assign, handover) is no such choice of theirs and does not lock them out.
    if previous is not None and previous != to and event in ("released", "returned"):
        _cool_down(customer, previous)
    timeline_add(
        customer,
        actor=actor,
        channel=Channel.OWNERSHIP,
        event=event,
        **{"from": _name(previous), "to": _name(to), "reason": reason},
    )
    audit_record(
        workspace=customer.workspace,
        actor=actor.user if actor else None,
        action=action,
        target=customer.name,
        ip=ip,
        data={"from": _name(previous), "to": _name(to), "reason": reason},
    )
    broadcast_on_commit(customer.workspace, "customers", {"customer": str(customer.public_id)})


def cooldown_until(customer: Customer, member):
    """When `member` may claim `customer` again, if they are in its cool-down; else None."""
    return (
        Cooldown.objects.filter(customer=customer, membership=member, until__gt=timezone.now())
        .values_list("until", flat=True)
        .first()
    )


@transaction.atomic
def customer_claim(*, actor, customer: Customer, ip=None) -> Customer:
    """Take a pool customer: within the private-customer limits (overall and per grade), not in cool-down."""
    if not permissions.can_own_customers(actor):
        raise PermissionDenied(_("Your role cannot own customers."))
    customer = _lock(customer)
    if customer.owner_id is not None:
        raise Conflict(
            _("%(customer)s belongs to %(owner)s already.")
            % {
                "customer": customer.name,
                "owner": customer.owner.user.display_name,
            }
        )
    until = cooldown_until(customer, actor)
    if until:
        raise Conflict(
            _("You released or lost this customer recently; you can claim it again from %(date)s.")
            % {"date": date_format(timezone.localdate(until))}
        )
    check_private_room(actor, customer.grade)
    _move(
        customer,
        to=actor,
        actor=actor,
        event="claimed",
        action=AuditAction.CUSTOMER_CLAIMED,
        ip=ip,
    )
    return customer


@transaction.atomic
def customer_release(*, actor, customer: Customer, reason: str, ip=None) -> Customer:
    """Give a customer back to the pool, saying why."""
    customer = _lock(customer)
    if customer.owner_id is None:
        raise Conflict(_("This customer is in the pool already."))
    if customer.owner_id != actor.pk and not permissions.can_manage_pool(actor):
        raise PermissionDenied(_("Only the owner or a manager can release this customer."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Say why the customer goes back to the pool."), field="reason")
    _move(
        customer,
        to=None,
        actor=actor,
        event="released",
        action=AuditAction.CUSTOMER_RELEASED,
        ip=ip,
        reason=reason[:300],
    )
    return customer


@transaction.atomic
def customer_assign(*, actor, customer: Customer, to, ip=None) -> Customer:
    """Managers give a customer to a rep (or to the pool with to=None); cool-downs do not bind them."""
    if not permissions.can_manage_pool(actor):
        raise PermissionDenied(_("Only managers and administrators assign customers."))
    if to is not None and (
        to.workspace_id != actor.workspace_id or not to.is_active or not permissions.can_own_customers(to)
    ):
        raise ValidationFailed(_("Choose an active rep of this workspace."), field="owner")
    customer = _lock(customer)
    if customer.owner_id == (to.pk if to else None):
        return customer
    previous = customer.owner
    _move(customer, to=to, actor=actor, event="assigned", action=AuditAction.CUSTOMER_ASSIGNED, ip=ip)
    if previous is not None and previous.pk != actor.pk:
        _tell(
            previous,
            "crm.taken",
            actor,
            customer,
            lambda: (
                _("%(actor)s gave your customer %(customer)s to %(owner)s")
                % {"actor": actor.user.display_name, "customer": customer.name, "owner": _name(to)}
            ),
        )
    if to is not None and to.pk != actor.pk:
        _tell(
            to,
            "crm.assigned",
            actor,
            customer,
            lambda: (
                _("%(actor)s gave you the customer %(customer)s")
                % {"actor": actor.user.display_name, "customer": customer.name}
            ),
        )
    return customer


def return_deadline(customer: Customer) -> dt.datetime | None:
    """When a private customer returns to the pool unless a contact is logged (None: its grade never)."""
    days = customer.grade.auto_return_days if customer.grade else None
    if not days:
        return None
    since = max(filter(None, [customer.last_contact_at, customer.owned_since]), default=None)
    return since + dt.timedelta(days=days) if since else None


def customers_auto_return(*, now: dt.datetime | None = None) -> dict:
    """The worker's rule: a private customer without a logged contact for its grade's N days returns to
    the pool; its owner is warned the workspace's number of days before."""
    now = now or timezone.now()
    returned = warned = 0
    private = (
        Customer.objects.filter(owner__isnull=False, grade__auto_return_days__isnull=False)
        .select_related("workspace", "grade", "owner__user", "owner__workspace")
        .order_by("pk")
    )
    for customer in private.iterator(chunk_size=500):
        deadline = return_deadline(customer)
        if deadline is None:
            continue
        warn_days = crm_settings(customer.workspace).auto_return_warning_days
        if now >= deadline:
            returned += _auto_return(customer, now)
        elif (
            warn_days and customer.return_warned_at is None and now >= deadline - dt.timedelta(days=warn_days)
        ):
            warned += _warn(customer, deadline)
    return {"returned": returned, "warned": warned}


@transaction.atomic
def _auto_return(customer: Customer, now) -> int:
    customer = _lock(customer)
    deadline = return_deadline(customer)
    if customer.owner is None or deadline is None or now < deadline:
        return 0  # someone logged a contact meanwhile
    owner = customer.owner
    _move(
        customer,
        to=None,
        actor=None,
        event="returned",
        action=AuditAction.CUSTOMER_RETURNED,
        reason="auto",
    )
    notify(
        recipients=[owner],
        kind="crm.returned",
        url=customer_url(customer),
        title=lambda: _("%(customer)s went back to the pool") % {"customer": customer.name},
        message=lambda: (
            _("No follow-up was logged in %(days)d days.") % {"days": customer.grade.auto_return_days}
        ),
        subject=("crm.customer", customer.public_id),
        dedupe_key=f"crm-return:{customer.pk}:{deadline:%Y%m%d}",
    )
    return 1


@transaction.atomic
def _warn(customer: Customer, deadline) -> int:
    updated = Customer.objects.filter(pk=customer.pk, return_warned_at__isnull=True).update(
        return_warned_at=timezone.now()
    )
    if not updated:
        return 0
    notify(
        recipients=[customer.owner],
        kind="crm.return_warning",
        url=customer_url(customer),
        title=lambda: (
            _("%(customer)s returns to the pool on %(date)s unless you follow up")
            % {"customer": customer.name, "date": date_format(timezone.localdate(deadline))}
        ),
        subject=("crm.customer", customer.public_id),
        dedupe_key=f"crm-warn:{customer.pk}:{deadline:%Y%m%d}",
    )
    return 1


def possible_owners(workspace):
    """The members a customer may be given to (assign, handover), by name."""
    return (
        Membership.objects.filter(workspace=workspace, is_active=True, role__in=permissions.OWNERS)
        .select_related("user")
        .order_by("user__full_name")
    )


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


@transaction.atomic
def customer_merge(*, actor, survivor: Customer, merged: Customer, ip=None) -> CustomerMerge:
    """Merge `merged` into `survivor`: contacts, timeline, tags, follow-up and task links move over;
    the merge itself stays on record."""
    from tradewind.tasks.models import Task

    if not permissions.can_manage_pool(actor):
        raise PermissionDenied(_("Only managers and administrators merge customers."))
    if survivor.pk == merged.pk:
        raise ValidationFailed(_("A customer cannot be merged into itself."), field="merged")
    if survivor.workspace_id != merged.workspace_id:
        raise ValidationFailed(_("Choose a customer of this workspace."), field="merged")
    survivor, merged = _lock(survivor), _lock(merged)
    # Its "Customer created" says, among the survivor's history, which customer was created.
    for entry in TimelineEntry.objects.filter(customer=merged, data__event="created"):
        entry.summary, entry.data = event_stored("created_as", name=merged.name)
        entry.save(update_fields=["summary", "data"])
    moved = {
        "contacts": Contact.objects.filter(customer=merged).update(customer=survivor, is_primary=False),
        "timeline": TimelineEntry.objects.filter(customer=merged).update(customer=survivor),
        "tasks": Task.objects.filter(
            workspace_id=survivor.workspace_id, subject_kind="crm.customer", subject_id=merged.public_id
        ).update(subject_id=survivor.public_id),
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
        action=AuditAction.CUSTOMERS_MERGED,
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


def merged_into(membership, public_id) -> Customer | None:
    """The customer that a merged (and so removed) customer of the workspace lives on in, if any."""
    record = (
        CustomerMerge.objects.filter(workspace_id=membership.workspace_id, merged_public_id=public_id)
        .select_related("survivor")
        .first()
    )
    return record.survivor if record else None


def owner_counts(workspace) -> dict[int, int]:
    return dict(
        Customer.objects.filter(workspace=workspace, owner__isnull=False)
        .values("owner")
        .annotate(n=Count("id"))
        .values_list("owner", "n")
    )
