"""Reads about ownership and the pool: cool-downs, return deadlines, merges, who may hold customers."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from tradewind.crm import permissions
from tradewind.crm.models import Cooldown, Customer, CustomerMerge
from tradewind.workspaces.models import Membership


def cooldown_until(customer: Customer, member):
    """When `member` may claim `customer` again, if they are in its cool-down; else None."""
    return (
        Cooldown.objects.filter(customer=customer, membership=member, until__gt=timezone.now())
        .values_list("until", flat=True)
        .first()
    )


def return_deadline(customer: Customer) -> dt.datetime | None:
    """When a private customer returns to the pool unless a contact is logged (None: its grade never)."""
    days = customer.grade.auto_return_days if customer.grade else None
    if not days:
        return None
    since = max(filter(None, [customer.last_contact_at, customer.owned_since]), default=None)
    return since + dt.timedelta(days=days) if since else None


def merged_into(membership, public_id) -> Customer | None:
    """The customer that a merged (and so removed) customer of the workspace lives on in, if any."""
    record = (
        CustomerMerge.objects.filter(workspace_id=membership.workspace_id, merged_public_id=public_id)
        .select_related("survivor")
        .first()
    )
    return record.survivor if record else None


def possible_owners(workspace):
    """The members a customer may be given to (assign, handover), by name."""
    return (
        Membership.objects.filter(workspace=workspace, is_active=True, role__in=permissions.OWNERS)
        .select_related("user")
        .order_by("user__full_name")
    )


def owner_counts(workspace) -> dict[int, int]:
    return dict(
        Customer.objects.filter(workspace=workspace, owner__isnull=False)
        .values("owner")
        .annotate(n=Count("id"))
        .values_list("owner", "n")
    )
