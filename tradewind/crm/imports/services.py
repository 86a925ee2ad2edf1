"""Import jobs: upload a file -> choose what its columns are -> preview -> import in the worker.

The worker reads the file again row by row and imports it in batches (customers_import_batch), saving the
counts after every batch in the same transaction as the batch: the progress bar is always true, and a job
whose worker died carries on where it stopped (rows already imported are recognised by their hash, so
nothing is created twice even if a batch is read again). A bad row fails alone, with its row and column.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core import geo
from tradewind.core.csv_stream import csv_stream
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import DuplicatePolicy
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.imports import pipeline
from tradewind.crm.imports.batch import (
    DECISIONS,
    MERGE,
    BatchOutcome,
    Candidate,
    Decision,
    contacts_of,
    customers_import_batch,
    decide,
    same_contact,
)
from tradewind.crm.imports.fields import TARGETS_BY_CODE, guess_mapping, header_signature
from tradewind.crm.imports.reading import (
    OLD_EXCEL,
    FileLayout,
    FileUnreadable,
    check_size,
    fingerprint,
    iter_rows,
    read_layout,
)
from tradewind.crm.imports.rows import ImportRow, RowError, RowReader
from tradewind.crm.models import ImportedRow, ImportJob, ImportMapping
from tradewind.crm.setup import crm_settings, grades
from tradewind.notifications.services import notify
from tradewind.workspaces.access import get_in_workspace_or_404
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction

log = logging.getLogger(__name__)

Status = ImportJob.Status
EXTENSIONS = ("csv", "txt", "tsv", "xlsx", "xlsm")
BATCH_SIZE = 1000
PREVIEW_ROWS = 50
ERRORS_KEPT = 1000  # per job; the counts cover every row
STALLED_AFTER = dt.timedelta(minutes=5)
COMMIT_SECONDS = 2.0
EDITABLE = (Status.UPLOADED, Status.MAPPED, Status.PREVIEWED)


def can_see_job(m, job: ImportJob) -> bool:
    """An import shows its file's customers: the person who started it and the team's leads see it."""
    return job.created_by_id == m.pk or m.role in permissions.LEADS


def access_import_job(membership, public_id) -> ImportJob:
    """An import of the workspace the member may see (their own; a lead's: all), else 404 — the same
    404 for "missing" and "not yours"."""
    job = get_in_workspace_or_404(
        ImportJob.objects.select_related("workspace", "created_by__user"), membership, public_id=public_id
    )
    if not can_see_job(membership, job):
        raise Http404
    return job


def jobs_visible(m):
    jobs = ImportJob.objects.filter(workspace_id=m.workspace_id).select_related("created_by__user")
    return jobs if m.role in permissions.LEADS else jobs.filter(created_by=m)


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
    if not permissions.can_create(actor):
        raise PermissionDenied(_("Your role cannot add customers."))
    if job is not None and not can_see_job(actor, job):
        raise PermissionDenied(_("This import is someone else's."))


# --- upload and mapping -----------------------------------------------------------------------------


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


def import_same_file(job: ImportJob) -> ImportJob | None:
    """An earlier import of the very same file in this workspace, if any."""
    return (
        ImportJob.objects.filter(
            workspace_id=job.workspace_id,
            file_sha256=job.file_sha256,
            status__in=[Status.DONE, Status.FAILED],
        )
        .exclude(pk=job.pk)
        .order_by("-created_at")
        .first()
    )


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


# --- discard ----------------------------------------------------------------------------------------


def can_discard(m, job: ImportJob) -> bool:
    """An import that has not started may be thrown away by whoever may carry it on."""
    return job.status in EDITABLE and permissions.can_create(m) and can_see_job(m, job)


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


# --- preview ----------------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    number: int
    cells: list[tuple[str, str]]  # (header, value) of the mapped columns
    row: ImportRow
    errors: list[dict] = field(default_factory=list)  # {column, message}
    candidates: list[Candidate] = field(default_factory=list)
    decision: Decision | None = None
    same_as: int | None = None  # an earlier row of the file names the same company
    repeats: int | None = None  # an earlier row of the file has the very same values
    repeated: bool = False  # imported before, by an earlier import
    blocked: bool = False  # "create anyway" is not allowed (workspace rule)
    contact_there: bool = False  # the proposed merge adds nothing: the customer has this contact

    @property
    def choices(self) -> list[tuple[str, str, Candidate | None]]:
        """(value, action, candidate) options for the decision radio."""
        return (
            [("skip", "skip", None)]
            + [(f"merge:{c.public_id}", "merge", c) for c in self.candidates if c.can_merge]
            + ([] if self.blocked else [("create", "create", None)])
        )

    @property
    def chosen(self) -> str:
        if self.decision is None:
            return ""
        if self.decision.action == MERGE and self.decision.into is not None:
            return f"merge:{self.decision.into.public_id}"
        return self.decision.action


def import_preview(*, actor, job: ImportJob, limit: int = PREVIEW_ROWS) -> list[PreviewRow]:
    """The first rows as they will be imported: errors by column, duplicates with the proposed decision
    (a choice made earlier in the preview wins)."""
    _require_importer(actor, job)
    if not job.mapping:
        raise ValidationFailed(_("Choose the columns first."), field="mapping")
    reader = RowReader(workspace=job.workspace, mapping=job.mapping, default_country=job.default_country)
    mapped = sorted(int(i) for i in job.mapping)
    previews: list[PreviewRow] = []
    for number, cells in iter_rows(opener(job), layout_of(job)):
        row = reader.read(number, cells)
        if row is None:
            continue
        previews.append(
            PreviewRow(
                number=number,
                cells=[(job.headers[i], cells[i]) for i in mapped],
                row=row,
                errors=[error_entry(job, number, e) for e in row.errors],
            )
        )
        if len(previews) >= limit:
            break
    hashes = {p.row.row_hash for p in previews if p.row.ok}
    imported = set(
        ImportedRow.objects.filter(workspace=job.workspace, row_hash__in=hashes).values_list(
            "row_hash", flat=True
        )
    )
    policy = crm_settings(job.workspace).duplicate_policy
    earlier: dict[tuple[str, str], int] = {}
    first_rows: dict[str, int] = {}  # row hash -> the row of the file that has it first
    for preview in previews:
        row = preview.row
        if not row.ok:
            continue
        # In the order of customers_import_batch: a repeat of an earlier row, then imported before.
        if row.row_hash in first_rows:
            preview.repeats = first_rows[row.row_hash]
            continue
        if row.row_hash in imported:
            preview.repeated = True
            continue
        first_rows[row.row_hash] = preview.number
        keys = row.keys
        preview.same_as = next(
            (earlier[(k, v)] for k, vs in keys.items() for v in vs if (k, v) in earlier), None
        )
        for kind, values in keys.items():
            for value in values:
                earlier.setdefault((kind, value), preview.number)
        if preview.same_as:
            continue
        contacts = row.contacts
        matches = duplicate_check(
            workspace=job.workspace,
            name=row.profile["name"],
            emails=[e for c in contacts for e in c["emails"]],
            phones=[p for c in contacts for p in c["phones"]]
            + [c["whatsapp"] for c in contacts if c["whatsapp"]],
            website=row.profile.get("website", ""),
        )
        for match in matches[:5]:
            candidate = Candidate(
                pk=match.customer.pk,
                public_id=match.customer.public_id,
                name=match.customer.name,
                owner_id=match.customer.owner_id,
                owner_name=match.customer.owner.user.display_name if match.customer.owner else None,
                reasons=list(match.reasons),
            )
            candidate.can_merge = permissions.can_edit(actor, candidate)
            candidate.reason_labels = match.reason_labels
            preview.candidates.append(candidate)
        foreign = [c for c in preview.candidates if c.exact and c.owner_id not in (None, actor.pk)]
        preview.blocked = bool(foreign) and policy == DuplicatePolicy.BLOCK
        preview.decision = decide(
            actor,
            candidates=preview.candidates,
            policy=policy,
            choice=job.decisions.get(str(preview.number)),
        )
    _mark_contacts_there(previews)
    return previews


def _mark_contacts_there(previews: list[PreviewRow]) -> None:
    """Rows whose proposed merge would add nothing, by the rule the import follows (same_contact)."""
    merging = [p for p in previews if p.decision and p.decision.action == MERGE and p.decision.into]
    contacts = contacts_of({p.decision.into.pk for p in merging})
    for preview in merging:
        there = contacts[preview.decision.into.pk]
        preview.contact_there = not preview.row.contacts or same_contact(preview.row.contacts[0], there)


# --- start and run ----------------------------------------------------------------------------------


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


def _enqueue(task_name: str, job_id: int) -> None:
    from tradewind.crm.imports import tasks

    getattr(tasks, task_name)(job_id)


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
    return ImportJob.objects.select_related("workspace", "created_by__user", "created_by__workspace").get(
        pk=job_id
    )


def imports_stalled() -> list[int]:
    """Jobs whose worker stopped (restart, crash) mid-import."""
    return list(
        ImportJob.objects.filter(
            status=Status.IMPORTING, updated_at__lt=timezone.now() - STALLED_AFTER
        ).values_list("pk", flat=True)
    )


def _language(job: ImportJob) -> str:
    user = job.created_by.user if job.created_by else None
    return (user.language if user else "") or settings.LANGUAGE_CODE


def _validated_batches(job: ImportJob, *, skip: int = 0) -> Iterator[list[ImportRow]]:
    """The file's rows, validated, in batches, after the first `skip` (imported already: not even
    validated again). A big file is read by a second process while this one writes (pipeline.py)."""
    spec = pipeline.Spec(
        storage_name=job.file.name,
        layout=layout_of(job),
        mapping=job.mapping,
        default_country=job.default_country,
        grade_codes={g.code.upper(): g.code for g in grades(job.workspace)},
        language=_language(job),
        batch_size=BATCH_SIZE,
        skip=skip,
    )
    rows = job.total_rows or job.file_size // 100  # an .xlsx without recorded size: ~100 bytes a row
    return pipeline.validated_batches(spec, parallel=rows - skip >= pipeline.PARALLEL_FROM_ROWS)


def import_run(job_id: int) -> None:
    """The worker's part: import every row in batches, recording progress and errors as it goes."""
    job = _claim(job_id)
    if job is None:
        return
    actor = job.created_by
    job.analysed_at = job.processed_rows
    with translation.override(_language(job)):
        if actor is None or not actor.is_active or not permissions.can_create(actor):
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
        ImportJob.objects.select_related("workspace", "created_by__user", "created_by__workspace")
        .filter(pk=job_id, status=Status.MAPPED)
        .first()
    )
    if job is None or job.created_by is None:
        return
    version = job.updated_at  # a new mapping while we check makes this check obsolete
    total_rows = job.total_rows
    with translation.override(_language(job)):
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


# --- reporting --------------------------------------------------------------------------------------


def error_entry(job: ImportJob, number: int | None, error: RowError) -> dict:
    """{row, column, message, kind} with the column named as in the file."""
    return {
        "row": number,
        "column": column_label(job, error),
        "message": str(error.message),
        "kind": error.kind,
    }


def column_label(job: ImportJob, error: RowError) -> str:
    if error.column is not None and error.column < len(job.headers):
        return job.headers[error.column]
    for index, target in sorted(job.mapping.items(), key=lambda item: int(item[0])):
        if target == error.target and int(index) < len(job.headers):
            return job.headers[int(index)]
    if error.target in TARGETS_BY_CODE:
        return str(TARGETS_BY_CODE[error.target].label)
    return ""


def error_report(job: ImportJob) -> Iterator[str]:
    """The rows not imported as CSV (csv_stream: in the language active now), one line per row: its
    number, all its problems, then its original cells under the file's headers — a file to fix and import
    again, where each row is once. Problems of no row (the import stopped) come first, without cells."""
    return csv_stream(_error_table(job))


def _error_table(job: ImportJob) -> Iterator[list]:
    yield [_("Row"), _("Problems"), *job.headers]
    by_row: dict[int, list[str]] = {}
    for entry in job.errors:
        if not entry.get("row"):
            yield ["", entry["message"]]
            continue
        problem = f"{entry['column']}: {entry['message']}" if entry.get("column") else entry["message"]
        problems = by_row.setdefault(entry["row"], [])
        if problem not in problems:
            problems.append(problem)
    if not by_row:
        return
    last = max(by_row)
    try:
        for number, cells in iter_rows(opener(job), layout_of(job)):
            if number in by_row:
                yield [number, "\n".join(by_row[number]), *cells]
            if number >= last:
                break
    except (FileUnreadable, OSError):
        return
