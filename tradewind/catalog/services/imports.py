"""Importing products, or one price list's prices, from a spreadsheet: upload → the worker checks every
row (what it would do: new, changed, unchanged, or why not) → the person looks and starts → the worker
imports, row by row through the catalog's own services, with progress.

Re-importing a file creates nothing new: products are known by SKU and prices by SKU and quantity tier,
and a row that says what the catalog already says changes nothing. The import commits a batch of rows
together with the job's counts; a worker that stops mid-way (restart, crash) carries on after the last
committed batch (catalog_imports_stalled, from the periodic task).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradewind.catalog import permissions
from tradewind.catalog.choices import CatalogAuditAction
from tradewind.catalog.models import CatalogImport, Category, PriceList
from tradewind.catalog.services.price_lists import _history as price_list_history
from tradewind.catalog.services.price_lists import product_price_set
from tradewind.catalog.services.products import (
    category_create,
    product_create,
    product_set_status,
    product_update,
)
from tradewind.catalog.spreadsheets.columns import PRICE_COLUMNS, PRODUCT_COLUMNS, columns_match
from tradewind.catalog.spreadsheets.rows import (
    CHANGED,
    ERROR,
    NEW,
    UNCHANGED,
    Planned,
    PriceRows,
    ProductRows,
)
from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.text import fold
from tradewind.crm.imports.reading import FileLayout, FileUnreadable, iter_rows, read_layout
from tradewind.crm.imports.uploads import spreadsheet_save
from tradewind.files.services import stored_file_delete, stored_file_open
from tradewind.notifications.services import notify
from tradewind.workspaces.audit import audit_record

log = logging.getLogger(__name__)

Kind, Status = CatalogImport.Kind, CatalogImport.Status
BATCH_SIZE = 200
ERRORS_KEPT = 500  # per job; the counts cover every row
PREVIEW_ROWS = 20
STALLED_AFTER = dt.timedelta(minutes=5)
_COUNTS = {NEW: "new_rows", CHANGED: "changed_rows", UNCHANGED: "unchanged_rows", ERROR: "failed_rows"}


def _require(actor, kind: str) -> None:
    if not permissions.can_import(actor, kind):
        if kind == Kind.PRODUCTS:
            raise PermissionDenied(_("Your role cannot change the catalog."))
        raise PermissionDenied(_("Your role cannot change price lists."))


def _language(job: CatalogImport) -> str:
    """The language of the person who uploaded the file: the worker writes its messages in it."""
    user = job.created_by.user if job.created_by else None
    return (user.language if user else "") or settings.LANGUAGE_CODE


def _enqueue(task_name: str, job_id: int) -> None:
    from tradewind.catalog import tasks

    getattr(tasks, task_name)(job_id)


@transaction.atomic
def catalog_import_upload(*, actor, upload, kind: str, price_list: PriceList | None = None) -> CatalogImport:
    """Keep the file and queue its check in the worker. Prices go into one list, named here."""
    if kind not in Kind.values:
        raise ValidationFailed(_("Choose what the file holds: products or prices."), field="kind")
    _require(actor, kind)
    if kind == Kind.PRICES and price_list is None:
        raise ValidationFailed(_("Choose the price list the prices are for."), field="price_list")
    if price_list is not None and price_list.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a price list of this workspace."), field="price_list")
    kept = spreadsheet_save(actor=actor, upload=upload)
    job = CatalogImport.objects.create(
        workspace=actor.workspace,
        kind=kind,
        price_list=price_list if kind == Kind.PRICES else None,
        created_by=actor,
        file=kept.file,
        file_name=kept.name,
        file_kind=kept.kind,
    )
    transaction.on_commit(lambda: _enqueue("catalog_import_check_task", job.pk))
    return job


# --- the worker's check ---------------------------------------------------------------------------------


def _layout(job: CatalogImport) -> FileLayout:
    return FileLayout(**job.layout)


def _opener(job: CatalogImport):
    stored = job.file
    if stored is None:
        raise FileUnreadable(_("The file of this import was deleted."))
    return lambda: stored_file_open(stored)


def _columns(job: CatalogImport, headers: list[str]) -> tuple[list[str], list[str]]:
    """The column code of each header ("" for one left out), and notes about those left out. Raises
    FileUnreadable when the file lacks a column it needs."""
    columns = PRODUCT_COLUMNS if job.kind == Kind.PRODUCTS else PRICE_COLUMNS
    by_code = {c.code: c for c in columns}
    may_cost = job.kind == Kind.PRODUCTS and permissions.can_edit_costs(job.created_by)
    codes, unknown, notes = [], [], []
    for header, code in zip(headers, columns_match(headers, columns), strict=True):
        column = by_code.get(code)
        if column is None:
            unknown.append(header)
        elif column.costs and not may_cost:
            message = _("Your role cannot set cost prices: the column “%(column)s” is left out.")
            notes.append(message % {"column": header})
            code = ""
        elif column.export_only:  # written for the reader (CBM, the product's name): not read back
            code = ""
        codes.append(code)
    if unknown:
        message = _("Columns left out (not catalog fields): %(columns)s.")
        notes.append(message % {"columns": ", ".join(unknown[:20])})
    needed = ["sku"] if job.kind == Kind.PRODUCTS else ["sku", "unit_price"]
    missing = [str(by_code[code].label) for code in needed if code not in codes]
    if missing:
        raise FileUnreadable(
            _("The file has no column %(columns)s. Download the template or an export to see the columns.")
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    if not set(codes) - {"", "sku"}:
        raise FileUnreadable(_("The file has a SKU column but nothing else we know to import."))
    return codes, notes


def _reader(job: CatalogImport):
    codes = [code for _header, code in job.columns]
    if job.kind == Kind.PRODUCTS:
        return ProductRows(workspace=job.workspace, codes=codes)
    return PriceRows(workspace=job.workspace, codes=codes, price_list=job.price_list)


def _batches(job: CatalogImport, skip: int = 0) -> Iterator[list[tuple[int, list[str]]]]:
    batch = []
    for index, row in enumerate(iter_rows(_opener(job), _layout(job))):
        if index < skip:
            continue
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _error_entries(job: CatalogImport, planned: Planned) -> list[dict]:
    header = {code: h for h, code in job.columns if code}
    return [
        {"row": planned.number, "column": header.get(column, column), "key": planned.key, "message": message}
        for column, message in planned.errors
    ]


def _preview_entry(planned: Planned) -> dict:
    return {
        "row": planned.number,
        "key": planned.key,
        "action": planned.action,
        "fields": planned.fields,  # codes: shown in the reader's language
    }


def catalog_import_check(job_id: int) -> None:
    """What every row of a "checking" job would do, counted, with the first rows and the errors kept;
    or the reason the file is refused (its content is then deleted)."""
    job = (
        CatalogImport.objects.select_related("workspace", "file", "price_list", "created_by__user")
        .filter(pk=job_id, status=Status.CHECKING)
        .first()
    )
    if job is None:
        return
    with translation.override(_language(job)):
        try:
            _check(job)
        except FileUnreadable as exc:
            _refuse(job, str(exc.message))
        except Exception:
            log.exception("catalog import %s: the file could not be checked", job.pk)
            _refuse(job, _("The file could not be read because of an error on our side. Upload it again."))


def _check(job: CatalogImport) -> None:
    layout = read_layout(
        _opener(job), job.file_name, empty_message=_("The file has a header row but nothing below it.")
    )
    codes, notes = _columns(job, layout.headers)
    job.layout = {
        k: getattr(layout, k)
        for k in ("kind", "headers", "header_row", "encoding", "delimiter", "total_rows", "name")
    }
    job.columns = [[header, code] for header, code in zip(layout.headers, codes, strict=True)]
    job.total_rows = layout.total_rows
    CatalogImport.objects.filter(pk=job.pk).update(
        layout=job.layout,
        columns=job.columns,
        total_rows=job.total_rows,
        processed_rows=0,
        updated_at=timezone.now(),
    )
    counts = dict.fromkeys(_COUNTS.values(), 0)
    errors, preview, done = [], [], 0
    reader = _reader(job)
    for batch in _batches(job):
        for planned in reader.plan(batch):
            counts[_COUNTS[planned.action]] += 1
            if planned.errors and len(errors) < ERRORS_KEPT:
                errors += _error_entries(job, planned)
            if len(preview) < PREVIEW_ROWS:
                preview.append(_preview_entry(planned))
        done += len(batch)
        CatalogImport.objects.filter(pk=job.pk).update(processed_rows=done, updated_at=timezone.now())
    new_categories = getattr(reader, "new_categories", {})
    if new_categories:
        names = list(new_categories.values())
        notes.append(
            _("New categories: %(names)s.")
            % {"names": ", ".join(names[:20]) + (" …" if len(names) > 20 else "")}
        )
    CatalogImport.objects.filter(pk=job.pk, status=Status.CHECKING).update(
        status=Status.CHECKED, processed_rows=done, errors=errors[:ERRORS_KEPT], notes=notes, preview=preview,
        updated_at=timezone.now(), **counts,
    )  # fmt: skip


def _refuse(job: CatalogImport, message: str) -> None:
    with transaction.atomic():
        refused = CatalogImport.objects.filter(pk=job.pk, status=Status.CHECKING).update(
            status=Status.REFUSED,
            errors=[{"row": None, "column": "", "key": "", "message": message}],
            file=None,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if refused and job.file is not None:
            stored_file_delete(job.file)


# --- starting, the import, discarding ----------------------------------------------------------------------


def _locked(job: CatalogImport) -> CatalogImport:
    return (
        CatalogImport.objects.select_for_update(of=("self",))
        .select_related("file", "price_list")
        .get(pk=job.pk)
    )


@transaction.atomic
def catalog_import_start(*, actor, job: CatalogImport) -> CatalogImport:
    """Import the checked file in the worker: the rows with errors are left out, the others applied. A
    failed import carries on after the last batch it committed."""
    _require(actor, job.kind)
    job = _locked(job)
    if job.status == Status.CHECKING:
        raise Conflict(_("The file is still being checked. Wait a moment and try again."))
    if job.status == Status.FAILED and job.file is not None:
        job.errors = [e for e in job.errors if e.get("row") is not None]  # the failure itself is over
    elif job.status != Status.CHECKED:
        raise Conflict(_("This import has started already."))
    elif not job.new_rows and not job.changed_rows:
        raise Conflict(_("Nothing to import: every row is either in the catalog already or has an error."))
    else:  # the counts of the check become the counts of the import
        job.processed_rows, job.errors = 0, []
        for name in _COUNTS.values():
            setattr(job, name, 0)
    counts = {"new": job.new_rows, "changed": job.changed_rows}  # what the check or the last run found
    job.status, job.started_at, job.finished_at = Status.IMPORTING, timezone.now(), None
    job.save()
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=CatalogAuditAction.IMPORT_STARTED,
        target=job.file_name,
        data={"import": str(job.public_id), "kind": job.kind, **counts},
    )
    transaction.on_commit(lambda: _enqueue("catalog_import_run_task", job.pk))
    return job


@transaction.atomic
def catalog_import_discard(*, actor, job: CatalogImport) -> None:
    """Throw away an import that has not started, with its file."""
    _require(actor, job.kind)
    job = (
        CatalogImport.objects.select_for_update(of=("self",)).select_related("file").filter(pk=job.pk).first()
    )
    if job is None:
        return
    if job.status not in (Status.CHECKING, Status.CHECKED, Status.REFUSED):
        raise Conflict(_("This import has started already; it cannot be discarded."))
    stored = job.file
    job.delete()
    if stored is not None:
        stored_file_delete(stored)


def catalog_import_run(job_id: int) -> None:
    """Apply the rows of an "importing" job, batch by batch, from where an earlier run stopped."""
    job = (
        CatalogImport.objects.select_related(
            "workspace", "file", "price_list", "created_by__user", "created_by__workspace"
        )
        .filter(pk=job_id, status=Status.IMPORTING)
        .first()
    )
    if job is None:
        return
    actor = job.created_by
    with translation.override(_language(job)):
        try:
            if actor is None or not actor.is_active:
                raise PermissionDenied(_("The person who started this import is no longer a member."))
            _require(actor, job.kind)
            _run(job, actor)
        except (ApplicationError, FileUnreadable) as exc:
            _finish(job, Status.FAILED, str(exc.message))
            return
        except Exception:
            log.exception("catalog import %s failed", job.pk)
            _finish(
                job, Status.FAILED, _("The import stopped because of an error on our side. Start it again.")
            )
            return
        _finish(job, Status.DONE)


def _run(job: CatalogImport, actor) -> None:
    reader = _reader(job)
    apply = _apply_product if job.kind == Kind.PRODUCTS else _apply_price
    categories: dict[str, Category] = {}
    for batch in _batches(job, skip=job.processed_rows):
        with transaction.atomic():
            current = CatalogImport.objects.select_for_update().get(pk=job.pk)
            if current.status != Status.IMPORTING:
                return
            errors = list(current.errors)
            counts = {name: getattr(current, name) for name in _COUNTS.values()}
            for planned in reader.plan(batch):
                if planned.action in (NEW, CHANGED):
                    try:
                        with transaction.atomic():
                            apply(actor, job, planned, categories)
                    except ApplicationError as exc:  # changed since the check, or a race
                        for error in exc.each():
                            planned.fail(error.field or "sku", error.message)
                counts[_COUNTS[planned.action]] += 1
                if planned.errors and len(errors) < ERRORS_KEPT:
                    errors += _error_entries(job, planned)
            CatalogImport.objects.filter(pk=job.pk).update(
                processed_rows=current.processed_rows + len(batch), errors=errors[:ERRORS_KEPT],
                updated_at=timezone.now(), **counts,
            )  # fmt: skip


def _category(actor, name: str | None, categories: dict[str, Category]) -> Category | None:
    if not name:
        return None
    folded = fold(name)
    if folded not in categories:
        found = next(
            (c for c in Category.objects.filter(workspace=actor.workspace) if fold(c.name) == folded), None
        )
        categories[folded] = found or category_create(actor=actor, name=name)
    return categories[folded]


def _apply_product(actor, job: CatalogImport, planned: Planned, categories) -> None:
    values = dict(planned.values)
    status = values.pop("status", None)
    category = _category(actor, planned.category, categories)
    if planned.action == NEW:
        product = product_create(actor=actor, sku=planned.key, category=category, **values)
    else:
        changes = {name: values[name] for name in planned.fields if name in values}
        if "category" in planned.fields:
            changes["category"] = category
        changes.pop("status", None)
        product = (
            product_update(actor=actor, product=planned.target, **changes) if changes else planned.target
        )
    if status and product.status != status:
        product_set_status(actor=actor, product=product, status=status)


def _apply_price(actor, job: CatalogImport, planned: Planned, categories) -> None:
    product_price_set(
        actor=actor, price_list=job.price_list, product=planned.target, record=False, **planned.values
    )


def _finish(job: CatalogImport, status: str, message: str = "") -> None:
    with transaction.atomic():
        job = (
            CatalogImport.objects.select_for_update(of=("self",))
            .select_related("price_list", "workspace")
            .get(pk=job.pk)
        )
        if job.status != Status.IMPORTING:
            return
        job.status, job.finished_at = status, timezone.now()
        if message:
            job.errors = [
                *job.errors[: ERRORS_KEPT - 1],
                {"row": None, "column": "", "key": "", "message": message},
            ]
        job.save()
        if job.kind == Kind.PRICES and job.created_by and (job.new_rows or job.changed_rows):
            price_list_history(
                job.created_by, job.price_list, "price_list.imported",
                {"name": job.file_name, "count": job.new_rows + job.changed_rows},
            )  # fmt: skip
        _notify_finished(job)


def _notify_finished(job: CatalogImport) -> None:
    """Tell the person who started the import that it ended: they may have left the page long ago."""
    done = job.status == Status.DONE

    def title():
        if done:
            message = _(
                "Import of %(file)s finished: %(new)d new, %(changed)d changed, %(failed)d not imported"
            )
            counts = {"new": job.new_rows, "changed": job.changed_rows, "failed": job.failed_rows}
            return message % {"file": job.file_name, **counts}
        return _("Import of %(file)s failed") % {"file": job.file_name}

    if job.created_by is None:
        return
    notify(
        recipients=[job.created_by],
        kind="catalog.import_finished",
        url=f"/w/{job.workspace.slug}/products/imports/{job.public_id}/",
        title=title,
        message="" if done else (job.errors[-1]["message"] if job.errors else ""),
        dedupe_key=f"catalog-import:{job.pk}:{job.status}",
    )


def catalog_imports_stalled() -> list[tuple[int, str]]:
    """Jobs a worker began and stopped (restart, crash): (id, status) to check or import again."""
    return list(
        CatalogImport.objects.filter(
            status__in=(Status.CHECKING, Status.IMPORTING), updated_at__lt=timezone.now() - STALLED_AFTER
        ).values_list("pk", "status")
    )
