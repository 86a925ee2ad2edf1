"""The worker's first look at an uploaded file: what it is, its header row, its rows counted — within
the limits (reading.py) — then the columns guessed, or the ones asked for at upload applied.

Until then the job is "analysing" and its page polls; a file the worker will not read is "refused",
with the reason, and its content is deleted (nothing was imported from it)."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError
from tradewind.crm.imports.fields import guess_mapping, header_signature
from tradewind.crm.imports.models import ImportJob, ImportMapping
from tradewind.crm.imports.reading import FileUnreadable, read_layout
from tradewind.crm.imports.services.jobs import import_map, opener
from tradewind.crm.imports.services.run import job_language
from tradewind.files.services import stored_file_delete

log = logging.getLogger(__name__)

Status = ImportJob.Status
PROGRESS_SECONDS = 1.0
STALLED_AFTER = dt.timedelta(minutes=5)


def import_inspect(job_id: int) -> None:
    """Read the file of an "analysing" job: its layout and row count, or the reason it is refused."""
    job = (
        ImportJob.objects.select_related("workspace", "file", "created_by__user", "created_by__workspace")
        .filter(pk=job_id, status=Status.ANALYSING)
        .first()
    )
    if job is None:
        return
    with translation.override(job_language(job)):
        last = [time.monotonic()]

        def progress(rows: int) -> None:
            # The page shows the rows read so far; updated_at moving says the worker is alive.
            if time.monotonic() - last[0] >= PROGRESS_SECONDS:
                last[0] = time.monotonic()
                ImportJob.objects.filter(pk=job.pk, status=Status.ANALYSING).update(
                    summary={"read": rows}, updated_at=timezone.now()
                )

        try:
            layout = read_layout(opener(job), job.file_name, progress=progress)
        except FileUnreadable as exc:
            _refuse(job, str(exc.message))
            return
        except Exception:
            log.exception("import %s: the file could not be read", job.pk)
            _refuse(job, _("The file could not be read because of an error on our side. Upload it again."))
            return
        _accept(job, layout)


def _accept(job: ImportJob, layout) -> None:
    asked = job.mapping if job.mapping else None
    asked_country = job.default_country
    remembered = ImportMapping.objects.filter(
        workspace=job.workspace, signature=header_signature(layout.headers)
    ).first()
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=Status.ANALYSING).update(
            status=Status.UPLOADED,
            kind=layout.kind,
            encoding=layout.encoding,
            delimiter=layout.delimiter,
            header_row=layout.header_row,
            headers=layout.headers,
            total_rows=layout.total_rows,
            mapping=remembered.mapping if remembered else guess_mapping(layout.headers),
            summary={},
            errors=[],
            updated_at=timezone.now(),
        )
    if not updated or job.created_by is None or not (asked or asked_country):
        return
    # The columns (or country) asked for with the upload, checked as if chosen now; when they do not
    # fit the file, the job waits with the guessed columns and says why.
    job.refresh_from_db()
    try:
        import_map(
            actor=job.created_by,
            job=job,
            mapping=asked if asked is not None else job.mapping,
            default_country=asked_country,
        )
    except ApplicationError as exc:
        ImportJob.objects.filter(pk=job.pk, status=Status.UPLOADED).update(
            errors=[{"row": None, "column": "", "message": str(exc.message), "kind": "error"}]
        )


def _refuse(job: ImportJob, message: str) -> None:
    """The file is not read any further, and not kept."""
    with transaction.atomic():
        refused = ImportJob.objects.filter(pk=job.pk, status=Status.ANALYSING).update(
            status=Status.REFUSED,
            errors=[{"row": None, "column": "", "message": message, "kind": "error"}],
            summary={},
            file=None,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if refused and job.file is not None:
            stored_file_delete(job.file)


def imports_analysing_stalled() -> list[int]:
    """Jobs whose file a worker began to read and stopped (restart, crash): read them again."""
    return list(
        ImportJob.objects.filter(
            status=Status.ANALYSING, updated_at__lt=timezone.now() - STALLED_AFTER
        ).values_list("pk", flat=True)
    )
