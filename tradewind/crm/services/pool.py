"""Ownership and the public pool (公海): claim, release, assign, and the automatic return.

Every move is on the customer's timeline and in the audit log. A rep who released or lost a customer
may not claim it back during the workspace's cool-down. Merging and handover are in merge.py and
handover.py, the hourly return to the pool in auto_return.py.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import push_now, workspace_group
from tradewind.core.transactions import on_commit_once
from tradewind.crm import permissions
from tradewind.crm.choices import (
    Channel,
    CrmAuditAction,
)
from tradewind.crm.models import (
    Cooldown,
    Customer,
)
from tradewind.crm.selectors.pool import cooldown_until
from tradewind.crm.selectors.settings import crm_settings
from tradewind.crm.services.limits import check_private_room
from tradewind.crm.services.timeline import timeline_add
from tradewind.notifications.services import notify
from tradewind.workspaces.audit import audit_record


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


def _cool_down(customer: Customer, member, days: int | None = None) -> None:
    """`member` may not claim `customer` back for the workspace's days (`days`: read by the caller)."""
    if days is None:
        days = crm_settings(customer.workspace).cooldown_days
    if member is None or not days:
        return
    # One upsert (the pool job writes thousands): a second release renews the cool-down.
    Cooldown.objects.bulk_create(
        [
            Cooldown(
                workspace_id=customer.workspace_id,
                customer=customer,
                membership=member,
                until=timezone.now() + dt.timedelta(days=days),
            )
        ],
        update_conflicts=True,
        unique_fields=["customer", "membership"],
        update_fields=["until"],
    )


def _move(
    customer: Customer,
    *,
    to,
    actor,
    event: str,
    action: CrmAuditAction,
    ip=None,
    reason: str = "",
    cooldown_days: int | None = None,
) -> None:
    """Give `customer` to `to` (None: the pool), on its timeline and in the audit log. `cooldown_days`:
    the workspace's, when the caller moves many and has read them once."""
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
        _cool_down(customer, previous, cooldown_days)
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
    # One push per workspace and commit: the pool job or a handover moves thousands of customers in one
    # transaction, and every open customer list refreshes on each push.
    on_commit_once(
        f"customers:{customer.workspace_id}",
        lambda workspace=customer.workspace, payload={"customer": str(customer.public_id)}: push_now(
            workspace_group(workspace.pk), "customers", payload
        ),
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
        action=CrmAuditAction.CUSTOMER_CLAIMED,
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
        action=CrmAuditAction.CUSTOMER_RELEASED,
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
    _move(customer, to=to, actor=actor, event="assigned", action=CrmAuditAction.CUSTOMER_ASSIGNED, ip=ip)
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
