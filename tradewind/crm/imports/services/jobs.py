"""An import job from upload to the chosen columns: keep the file (read by the worker, inspect.py), say
what the columns are, or throw an unstarted import away."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.imports.fields import TARGETS_BY_CODE, header_signature
from tradewind.crm.imports.models import DISCARDABLE_STATUSES, EDITABLE_STATUSES, ImportJob, ImportMapping
from tradewind.crm.imports.permissions import can_import, can_see_job
from tradewind.crm.imports.reading import FileLayout, FileUnreadable
from tradewind.crm.imports.uploads import spreadsheet_save
from tradewind.files.services import stored_file_delete, stored_file_open
from tradewind.workspaces.audit import audit_record

Status = ImportJob.Status


PREVIEW_ROWS = 50


EDITABLE = EDITABLE_STATUSES


def layout_of(job: ImportJob) -> FileLayout:
    return FileLayout(
        kind=job.kind,
        headers=job.headers,
        header_row=job.header_row,
        encoding=job.encoding,
        delimiter=job.delimiter,
        total_rows=job.total_rows,
        name=job.file_name,
    )


def opener(job: ImportJob):
    stored = job.file
    if stored is None:  # refused, and its file deleted
        raise FileUnreadable(_("The file of this import was deleted."))
    return lambda: stored_file_open(stored)


def require_read(job: ImportJob) -> None:
    """The worker has read the file, and accepted it."""
    if job.status == Status.ANALYSING:
        raise Conflict(_("The file is still being read. Wait a moment and try again."))
    if job.status == Status.REFUSED:
        reason = job.errors[-1]["message"] if job.errors else ""
        raise ValidationFailed(reason or _("This file was refused."), field="file")


def _require_importer(actor, job: ImportJob | None = None) -> None:
    if not can_import(actor):
        raise PermissionDenied(_("Your role cannot add customers."))
    if job is not None and not can_see_job(actor, job):
        raise PermissionDenied(_("This import is someone else's."))


@transaction.atomic
def import_upload(
    *, actor, upload, into_pool: bool = False, mapping: dict | None = None, default_country: str = ""
) -> ImportJob:
    """Keep the file and queue its reading (import_inspect, in the worker): the request does no more
    than look at the first bytes, so a file built to take long to read cannot hold it. A file too big,
    of another type or a program is refused at once, and nothing is kept. `mapping` and
    `default_country`, if given, are applied once the file is read."""
    _require_importer(actor)
    kept = spreadsheet_save(actor=actor, upload=upload)
    job = ImportJob.objects.create(
        workspace=actor.workspace,
        created_by=actor,
        file=kept.file,
        file_name=kept.name,
        kind=kept.kind,
        into_pool=into_pool,
        status=Status.ANALYSING,
        # What to apply once the file is read (inspect.py); checked against its columns then.
        mapping={str(k): str(v) for k, v in (mapping or {}).items()},
        default_country=(default_country or "").strip().upper()[:2],
    )
    transaction.on_commit(lambda: _enqueue("import_inspect_task", job.pk))
    return job


@transaction.atomic
def import_map(
    *, actor, job: ImportJob, mapping: dict, default_country: str = "", into_pool: bool | None = None
) -> ImportJob:
    """Say what each column is (column index -> field; unmapped columns are ignored). The company name is
    needed, and a country column or a country for every row. Remembered for files with the same header
    row; the whole file is then checked in the worker."""
    _require_importer(actor, job)
    job = ImportJob.objects.select_for_update(of=("self",)).select_related("file").get(pk=job.pk)
    require_read(job)
    if job.status not in EDITABLE:
        raise Conflict(_("This import has started already; its columns cannot change."))
    clean: dict[str, str] = {}
    used: dict[str, int] = {}
    for key, target in (mapping or {}).items():
        index = _column_index(job, key)
        if not target:
            continue
        if target not in TARGETS_BY_CODE:
            raise ValidationFailed(
                _("“%(value)s” is not a field customers can be imported into.") % {"value": target},
                field="mapping",
            )
        if target in used and not TARGETS_BY_CODE[target].many:
            raise ValidationFailed(
                _("“%(field)s” is chosen for two columns: %(first)s and %(second)s.")
                % {
                    "field": TARGETS_BY_CODE[target].label,
                    "first": job.headers[used[target]],
                    "second": job.headers[index],
                },
                field="mapping",
            )
        used[target] = index
        clean[str(index)] = target
    if "name" not in used:
        raise ValidationFailed(_("Choose the column with the company name."), field="mapping")
    default_country = (default_country or "").strip().upper()
    if default_country and default_country not in geo.country_codes():
        raise ValidationFailed(_("Choose a country from the list."), field="default_country")
    if "country" not in used and not default_country:
        raise ValidationFailed(
            _("Choose the column with the country, or a country for every row."), field="default_country"
        )
    job.mapping = dict(sorted(clean.items(), key=lambda item: int(item[0])))
    job.default_country = default_country
    if into_pool is not None:
        job.into_pool = into_pool
    job.status = Status.MAPPED
    job.summary = {}
    job.errors = []
    job.save()
    ImportMapping.objects.update_or_create(
        workspace=actor.workspace,
        signature=header_signature(job.headers),
        defaults={"headers": job.headers, "mapping": job.mapping},
    )
    transaction.on_commit(lambda: _enqueue("import_analyse_task", job.pk))
    return job


def _column_index(job: ImportJob, key) -> int:
    """A column by its index (0 = first) or its header text."""
    text = str(key).strip()
    if text.isdigit() and int(text) < len(job.headers):
        return int(text)
    if text in job.headers:
        return job.headers.index(text)
    raise ValidationFailed(_("The file has no column “%(column)s”.") % {"column": text}, field="mapping")


@transaction.atomic
def import_discard(*, actor, job: ImportJob, ip=None) -> None:
    """Throw away an import that has not started (or was refused): the job and its file. Nothing was
    imported from it, so nothing else changes. The file goes once the deletion is committed: a rollback
    keeps both."""
    _require_importer(actor, job)
    job = ImportJob.objects.select_for_update(of=("self",)).select_related("file").filter(pk=job.pk).first()
    if job is None:  # discarded meanwhile (a second click)
        return
    if job.status not in DISCARDABLE_STATUSES:
        raise Conflict(_("This import has started already; it cannot be discarded."))
    stored = job.file
    job.delete()
    if stored is not None:
        stored_file_delete(stored)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=CrmAuditAction.IMPORT_DISCARDED,
        target=job.file_name,
        ip=ip,
        data={"import": str(job.public_id)},
    )


def _enqueue(task_name: str, job_id: int) -> None:
    from tradewind.crm.imports import tasks

    getattr(tasks, task_name)(job_id)
