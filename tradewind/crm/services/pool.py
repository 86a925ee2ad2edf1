"""Ownership and the public pool (公海): claim, release, assign, and the automatic return.

Every move is on the customer's timeline and in the audit log. A rep who released or lost a customer
may not claim it back during the workspace's cool-down. Merging and handover are in merge.py and
handover.py.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import (
    Channel,
)
from tradewind.crm.models import (
    Cooldown,
    Customer,
)
from tradewind.crm.selectors.pool import cooldown_until, return_deadline
from tradewind.crm.selectors.settings import crm_settings
from tradewind.crm.services.limits import check_private_room
from tradewind.crm.services.timeline import timeline_add
from tradewind.notifications.services import notify
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction


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
