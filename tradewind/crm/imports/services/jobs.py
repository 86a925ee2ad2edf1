"""An import job from upload to the chosen columns: keep the file and read its layout, say what the
columns are, or throw an unstarted import away."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.crm.imports.fields import TARGETS_BY_CODE, guess_mapping, header_signature
from tradewind.crm.imports.models import EDITABLE_STATUSES, ImportJob, ImportMapping
from tradewind.crm.imports.permissions import can_import, can_see_job
from tradewind.crm.imports.reading import (
    OLD_EXCEL,
    FileLayout,
    FileUnreadable,
    check_size,
    fingerprint,
    read_layout,
)
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction

Status = ImportJob.Status


EXTENSIONS = ("csv", "txt", "tsv", "xlsx", "xlsm")


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
    )


def opener(job: ImportJob):
    storage, name = job.file.storage, job.file.name
    return lambda: storage.open(name, "rb")


def _require_importer(actor, job: ImportJob | None = None) -> None:
    if not can_import(actor):
        raise PermissionDenied(_("Your role cannot add customers."))
    if job is not None and not can_see_job(actor, job):
        raise PermissionDenied(_("This import is someone else's."))


def import_upload(*, actor, upload, into_pool: bool = False) -> ImportJob:
    """Keep the file and read its layout; guess the columns (or take the ones chosen for this layout
    before). A file we cannot read is refused with the reason, and nothing is kept."""
    _require_importer(actor)
    name = PurePath(upload.name or "file").name[:255]
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension == "xls":
        raise FileUnreadable(OLD_EXCEL)
    if extension not in EXTENSIONS:
        raise FileUnreadable(
            _("“%(name)s” is not a CSV or Excel (.xlsx) file.") % {"name": name}
            + " "
            + _("Accepted: %(allowed)s.") % {"allowed": ", ".join(EXTENSIONS)}
        )
    check_size(name, upload.size)
    sha256, size = fingerprint(upload.chunks())
    job = ImportJob(
        workspace=actor.workspace,
        created_by=actor,
        file_name=name,
        file_size=size,
        file_sha256=sha256,
        into_pool=into_pool,
    )
    upload.seek(0)
    job.file.save(name, upload, save=False)
    try:
        layout = read_layout(opener(job), name)
    except FileUnreadable:
        job.file.delete(save=False)
        raise
    job.kind, job.encoding, job.delimiter = layout.kind, layout.encoding, layout.delimiter
    job.header_row, job.headers, job.total_rows = layout.header_row, layout.headers, layout.total_rows
    remembered = ImportMapping.objects.filter(
        workspace=actor.workspace, signature=header_signature(layout.headers)
    ).first()
    job.mapping = remembered.mapping if remembered else guess_mapping(layout.headers)
    job.save()
    return job


@transaction.atomic
def import_map(
    *, actor, job: ImportJob, mapping: dict, default_country: str = "", into_pool: bool | None = None
) -> ImportJob:
    """Say what each column is (column index -> field; unmapped columns are ignored). The company name is
    needed, and a country column or a country for every row. Remembered for files with the same header
    row; the whole file is then checked in the worker."""
    _require_importer(actor, job)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
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
    """Throw away an import that has not started: the job and its file. Nothing was imported from it, so
    nothing else changes. The file goes once the deletion is committed: a rollback keeps both."""
    _require_importer(actor, job)
    job = ImportJob.objects.select_for_update().filter(pk=job.pk).first()
    if job is None:  # discarded meanwhile (a second click)
        return
    if job.status not in EDITABLE:
        raise Conflict(_("This import has started already; it cannot be discarded."))
    storage, name = job.file.storage, job.file.name
    job.delete()
    transaction.on_commit(lambda: storage.delete(name))
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=AuditAction.IMPORT_DISCARDED,
        target=job.file_name,
        ip=ip,
        data={"import": str(job.public_id)},
    )


def _enqueue(task_name: str, job_id: int) -> None:
    from tradewind.crm.imports import tasks

    getattr(tasks, task_name)(job_id)
