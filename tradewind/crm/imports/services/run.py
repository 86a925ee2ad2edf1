"""Starting an import and the worker's part: the whole-file check, then the import in batches.

The worker reads the file again row by row and imports it in batches (customers_import_batch), saving the
counts after every batch in the same transaction as the batch: the progress bar is always true, and a job
whose worker died carries on where it stopped (rows already imported are recognised by their hash, so
nothing is created twice even if a batch is read again). A bad row fails alone, with its row and column."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm.imports import pipeline
from tradewind.crm.imports.batch import (
    DECISIONS,
    MERGE,
    BatchOutcome,
    customers_import_batch,
)
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.permissions import can_import
from tradewind.crm.imports.reading import (
    FileUnreadable,
)
from tradewind.crm.imports.rows import ImportRow
from tradewind.crm.imports.services.jobs import EDITABLE, _enqueue, _require_importer, layout_of, require_read
from tradewind.crm.imports.services.report import error_entry
from tradewind.crm.selectors import grades
from tradewind.notifications.services import notify

log = logging.getLogger(__name__)

Status = ImportJob.Status
BATCH_SIZE = 1000
ERRORS_KEPT = 1000  # per job; the counts cover every row
STALLED_AFTER = dt.timedelta(minutes=5)
COMMIT_SECONDS = 2.0


@transaction.atomic
def import_start(*, actor, job: ImportJob, choices: dict | None = None) -> ImportJob:
    """Queue the import with the person's duplicate decisions (row -> skip / merge into / create).
    A job that failed part-way is resumed where it stopped."""
    _require_importer(actor, job)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status == Status.FAILED and job.processed_rows:
        job.status = Status.IMPORTING
        job.started_at = None
        job.finished_at = None
        job.save()
        transaction.on_commit(lambda: _enqueue("import_run_task", job.pk))
        return job
    require_read(job)
    if job.status not in EDITABLE:
        raise Conflict(_("This import has started already."))
    if job.status == Status.UPLOADED or not job.mapping:
        raise ValidationFailed(_("Choose the columns first."), field="mapping")
    job.decisions = _clean_choices(choices or {})
    job.status = Status.IMPORTING
    job.started_at = job.finished_at = None
    job.processed_rows = job.created = job.merged = job.skipped = job.repeated = job.failed_rows = 0
    job.errors = []
    job.save()
    transaction.on_commit(lambda: _enqueue("import_run_task", job.pk))
    return job


def _clean_choices(choices: dict) -> dict:
    clean = {}
    for row, choice in choices.items():
        if isinstance(choice, str):  # "skip", "create", "merge:<customer id>"
            action, _sep, into = choice.partition(":")
            choice = {"action": action, "into": into or None}
        action = (choice or {}).get("action")
        if action not in DECISIONS or not str(row).isdigit():
            raise ValidationFailed(
                _("Row %(row)s: choose skip, merge or create.") % {"row": row}, field="decisions"
            )
        if action == MERGE and not choice.get("into"):
            raise ValidationFailed(
                _("Row %(row)s: choose the customer to merge into.") % {"row": row}, field="decisions"
            )
        clean[str(int(row))] = {"action": action, "into": str(choice.get("into") or "") or None}
    return clean


def _claim(job_id: int) -> ImportJob | None:
    """Take the job unless another worker is on it (a job silent for STALLED_AFTER is taken over)."""
    now = timezone.now()
    claimed = (
        ImportJob.objects.filter(pk=job_id, status=Status.IMPORTING)
        .filter(Q(started_at__isnull=True) | Q(updated_at__lt=now - STALLED_AFTER))
        .update(updated_at=now, started_at=now)
    )
    if not claimed:
        return None
    return ImportJob.objects.select_related(
        "workspace", "file", "created_by__user", "created_by__workspace"
    ).get(pk=job_id)


def imports_stalled() -> list[int]:
    """Jobs whose worker stopped (restart, crash) mid-import."""
    return list(
        ImportJob.objects.filter(
            status=Status.IMPORTING, updated_at__lt=timezone.now() - STALLED_AFTER
        ).values_list("pk", flat=True)
    )


def job_language(job: ImportJob) -> str:
    """The language of the person who started the import: what the worker writes to them in."""
    user = job.created_by.user if job.created_by else None
    return (user.language if user else "") or settings.LANGUAGE_CODE


def _validated_batches(job: ImportJob, *, skip: int = 0) -> Iterator[list[ImportRow]]:
    """The file's rows, validated, in batches, after the first `skip` (imported already: not even
    validated again). A big file is read by a second process while this one writes (pipeline.py)."""
    spec = pipeline.Spec(
        storage_name=job.file.storage_name if job.file else "",
        layout=layout_of(job),
        mapping=job.mapping,
        default_country=job.default_country,
        grade_codes={g.code.upper(): g.code for g in grades(job.workspace)},
        language=job_language(job),
        batch_size=BATCH_SIZE,
        skip=skip,
    )
    rows = job.total_rows or (job.file.size if job.file else 0) // 100  # not counted: ~100 bytes a row
    return pipeline.validated_batches(spec, parallel=rows - skip >= pipeline.PARALLEL_FROM_ROWS)


def import_run(job_id: int) -> None:
    """The worker's part: import every row in batches, recording progress and errors as it goes."""
    job = _claim(job_id)
    if job is None:
        return
    actor = job.created_by
    job.analysed_at = job.processed_rows
    with translation.override(job_language(job)):
        if actor is None or not can_import(actor):
            _finish(job, Status.FAILED, _("The person who started this import can no longer add customers."))
            return
        unreadable: list[Exception] = []
        try:
            _sqlite_for_bulk()
            batches = _until_unreadable(_validated_batches(job, skip=job.processed_rows), unreadable)
            done = False
            while not done:
                # One transaction per COMMIT_SECONDS of work, not per batch: fewer commits write far
                # fewer index pages, and the progress bar still moves every couple of seconds.
                with transaction.atomic():
                    _postgresql_for_bulk()
                    started = time.monotonic()
                    for batch in batches:
                        outcome = customers_import_batch(
                            actor=actor,
                            rows=batch,
                            choices=job.decisions,
                            into_pool=job.into_pool,
                            job=job,
                            # No map of the file's rows here (memory would grow with the file): a row
                            # repeating an earlier batch's is found by its hash written with this job.
                            file_rows=None,
                        )
                        _record(job, outcome, len(batch))
                        if time.monotonic() - started >= COMMIT_SECONDS:
                            break
                    else:
                        done = True
                _refresh_statistics(job)
        except Exception:
            # Writing failed: this transaction's batches were rolled back with their counts, so the job
            # carries on from the last commit when started again.
            log.exception("import %s stopped", job.pk)
            job.refresh_from_db()
            _finish(job, Status.FAILED, _STOPPED)
            return
        if unreadable:
            # The rows read before are imported (committed above); the rest of the file cannot be read.
            exc = unreadable[0]
            if isinstance(exc, FileUnreadable):
                _finish(job, Status.FAILED, str(exc.message))
            else:
                log.error("import %s: reading stopped", job.pk, exc_info=exc)
                _finish(job, Status.FAILED, _STOPPED)
            return
        _finish(job, Status.DONE)


_STOPPED = gettext_lazy(
    "The import stopped because of an error on our side. Start it again to import the rest."
)


def _until_unreadable(batches: Iterator, caught: list[Exception]) -> Iterator:
    """The batches until reading fails; the failure is kept in `caught` instead of raised, so it does
    not roll back the batches read before it."""
    try:
        yield from batches
    except Exception as exc:  # reported by the caller once the transaction is committed
        caught.append(exc)


def _sqlite_for_bulk() -> None:
    """SQLite keeps 2 MB of pages and copies its write-ahead log back every 4 MB by default: adding
    100,000 customers to big indexes (name tokens, keys) would then read the same pages from the file and
    write them back again and again. The worker's connection gets a 64 MB cache and a 64 MB log;
    PostgreSQL has its shared_buffers and checkpoints for this."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -65536")
            cursor.execute("PRAGMA wal_autocheckpoint = 16384")


def _postgresql_for_bulk() -> None:
    """For this transaction only: index reads cost what they cost on a cached, solid-state database.
    With the default (4× a sequential read) the planner answers the duplicate look-ups of a batch
    (thousands of keys) by reading all the workspace's keys — twice as slow at 100,000 customers and
    slower with every customer the import adds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")


def _refresh_statistics(job: ImportJob) -> None:
    """A big import outgrows PostgreSQL's statistics before autovacuum looks again. With statistics of a
    near-empty table the planner scans instead of using an index — in the duplicate lookups (thousands
    of keys at once) and in the foreign-key checks of every inserted row, which then cost more with every
    row: a first import into an empty database would slow down quadratically. Analyse the tables as they
    grow: each time the import has doubled since the last time (from 1,000 rows), at most every 50,000."""
    if connection.vendor != "postgresql":
        return
    done, last = job.processed_rows, job.analysed_at
    if done >= 1_000 and (done >= 2 * last or done - last >= 50_000):
        with connection.cursor() as cursor:
            # Only the columns those look-ups and checks use: a fifth of the time of whole tables.
            cursor.execute(
                "ANALYZE crm_customer (id, workspace_id, public_id), crm_contact (id, customer_id), "
                "crm_customerkey (workspace_id, kind, value, customer_id), "
                "crm_importedrow (workspace_id, row_hash)"
            )
        job.analysed_at = done


def _record(job: ImportJob, outcome: BatchOutcome, rows: int) -> None:
    job.processed_rows += rows
    job.created += outcome.created
    job.merged += outcome.merged
    job.skipped += outcome.skipped
    job.repeated += outcome.repeated
    job.failed_rows += outcome.failed
    room = ERRORS_KEPT - len(job.errors)
    if room > 0:
        job.errors = job.errors + [error_entry(job, number, e) for number, e in outcome.errors[:room]]
    job.updated_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        processed_rows=job.processed_rows,
        created=job.created,
        merged=job.merged,
        skipped=job.skipped,
        repeated=job.repeated,
        failed_rows=job.failed_rows,
        errors=job.errors,
        updated_at=job.updated_at,
    )


def _finish(job: ImportJob, status: str, message: str = "") -> None:
    fields = {"status": status, "finished_at": timezone.now(), "updated_at": timezone.now()}
    if message:
        job.errors = [*job.errors, {"row": None, "column": "", "message": str(message), "kind": "error"}]
        fields["errors"] = job.errors
    if status == Status.DONE:
        fields["total_rows"] = job.processed_rows
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        if job.created or job.merged:
            broadcast_on_commit(job.workspace, "customers", {"import": str(job.public_id)})
        for key, value in fields.items():
            setattr(job, key, value)
        _notify_finished(job)


def _notify_finished(job: ImportJob) -> None:
    """Tell the person who started the import that it ended: they may have left the page long ago."""
    done = job.status == Status.DONE

    def title():
        if done:
            return _("Import of %(file)s finished: %(created)d new, %(merged)d merged, %(failed)d failed") % {
                "file": job.file_name,
                "created": job.created,
                "merged": job.merged,
                "failed": job.failed_rows,
            }
        return _("Import of %(file)s stopped") % {"file": job.file_name}

    notify(
        recipients=[job.created_by],
        kind="crm.import_finished",
        url=f"/w/{job.workspace.slug}/customers/imports/{job.public_id}/",
        title=title,
        message="" if done else (job.errors[-1]["message"] if job.errors else ""),
        dedupe_key=f"crm-import:{job.pk}:{job.status}",
    )


def import_analyse(job_id: int) -> None:
    """Check the whole file before the import (nothing is written): how many rows would be created,
    merged, skipped, or fail — and the errors, by row and column."""
    job = (
        ImportJob.objects.select_related("workspace", "file", "created_by__user", "created_by__workspace")
        .filter(pk=job_id, status=Status.MAPPED)
        .first()
    )
    if job is None or job.created_by is None:
        return
    version = job.updated_at  # a new mapping while we check makes this check obsolete
    total_rows = job.total_rows
    with translation.override(job_language(job)):
        total = BatchOutcome()
        rows = 0
        errors: list[dict] = []
        file_rows: dict[str, int] = {}
        try:
            for batch in _validated_batches(job):
                outcome = customers_import_batch(
                    actor=job.created_by,
                    rows=batch,
                    choices=job.decisions,
                    into_pool=job.into_pool,
                    dry_run=True,
                    file_rows=file_rows,
                )
                rows += len(batch)
                total.add(
                    BatchOutcome(
                        **{
                            k: getattr(outcome, k)
                            for k in ("created", "merged", "skipped", "repeated", "failed")
                        }
                    )
                )
                errors += [
                    error_entry(job, n, e) for n, e in outcome.errors[: max(0, ERRORS_KEPT - len(errors))]
                ]
                ImportJob.objects.filter(pk=job.pk, status=Status.MAPPED).update(
                    summary={"checked": rows, "done": False}
                )
            total_rows = rows  # every row with something to import, counted
        except FileUnreadable as exc:
            errors.append({"row": None, "column": "", "message": str(exc.message), "kind": "error"})
        except Exception:
            # The check is a courtesy: when it breaks, say so and let the person import anyway.
            log.exception("import %s: the check stopped", job.pk)
            message = _("The check stopped at row %(rows)d because of an error on our side.") % {"rows": rows}
            errors.append({"row": None, "column": "", "message": message, "kind": "error"})
        summary = {
            "checked": rows,
            "done": True,
            "create": total.created,
            "merge": total.merged,
            "skip": total.skipped,
            "repeated": total.repeated,
            "failed": total.failed,
        }
        ImportJob.objects.filter(pk=job.pk, status=Status.MAPPED, updated_at=version).update(
            status=Status.PREVIEWED, summary=summary, errors=errors, total_rows=total_rows
        )
