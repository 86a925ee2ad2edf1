"""Who may import and export customers, and see an import (DESIGN §3.5). An import shows its file's
customers: the person who started it and the team's leads see it."""

from __future__ import annotations

from tradewind.crm import permissions as crm_permissions


def can_import(m) -> bool:
    """Upload a file of customers: whoever may add customers."""
    return crm_permissions.can_create(m)


def sees_every_import(m) -> bool:
    return m.is_active and m.role in crm_permissions.LEADS


def can_see_job(m, job) -> bool:
    return m.is_active and (job.created_by_id == m.pk or sees_every_import(m))


def can_discard(m, job) -> bool:
    """An import that has not started (or was refused) may be thrown away by whoever may carry it on."""
    return job.is_discardable and can_import(m) and can_see_job(m, job)
