"""Reads of import jobs: the one a member may open, the list they see, an earlier import of a file."""

from __future__ import annotations

from django.http import Http404

from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.permissions import can_see_job, sees_every_import
from tradewind.workspaces.access import get_in_workspace_or_404

Status = ImportJob.Status


def access_import_job(membership, public_id) -> ImportJob:
    """An import of the workspace the member may see (their own; a lead's: all), else 404 — the same
    404 for "missing" and "not yours"."""
    job = get_in_workspace_or_404(
        ImportJob.objects.select_related("file", "created_by__user"),
        membership,
        public_id=public_id,
    )
    if not can_see_job(membership, job):
        raise Http404
    return job


def jobs_visible(m):
    jobs = ImportJob.objects.filter(workspace_id=m.workspace_id).select_related("created_by__user")
    return jobs if sees_every_import(m) else jobs.filter(created_by=m)


def import_same_file(job: ImportJob) -> ImportJob | None:
    """An earlier import of the very same file (by its SHA-256) in this workspace, if any."""
    if job.file is None:
        return None
    return (
        ImportJob.objects.filter(
            workspace_id=job.workspace_id,
            file__sha256=job.file.sha256,
            status__in=[Status.DONE, Status.FAILED],
        )
        .exclude(pk=job.pk)
        .order_by("-created_at")
        .first()
    )
