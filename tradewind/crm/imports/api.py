"""Customer imports under /api/v1/workspaces/{slug}/customer-imports (not /customers/imports: the path
/customers/{customer_id} would take it): upload, preview, start, follow, discard."""

import datetime as dt
import json
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.responses import answers
from tradewind.api.schemas import CountryCodeOrBlank, Input, Text, text
from tradewind.core.errors import ValidationFailed
from tradewind.core.net import client_ip
from tradewind.crm.imports import selectors
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.fields import TARGETS

router = Router(tags=["customer imports"])


_TARGET_CODES = ", ".join(t.code for t in TARGETS)


class ImportErrorOut(Schema):
    row: int | None = Field(description="The row number as a spreadsheet shows it (the header is row 1).")
    column: str = Field(description="The column's header in the file.")
    message: str
    kind: str = Field(
        description="error: not imported; skipped: left out on purpose (another rep's customer)."
    )


class ImportJobOut(Schema):
    id: UUID
    status: str = Field(
        description="analysing (the worker is reading the file), refused (it will not be imported: see "
        "`errors`), uploaded (columns to confirm), mapped, previewed, importing, done, failed"
    )
    file_name: str
    kind: str = Field(description="csv or xlsx")
    encoding: str
    headers: list[str]
    mapping: dict[str, str] = Field(description=f"Column index -> field, one of: {_TARGET_CODES}.")
    default_country: str
    into_pool: bool
    total_rows: int | None
    processed_rows: int
    progress: int = Field(description="Percent; 100 once done or failed.")
    created: int
    merged: int
    skipped: int
    repeated: int = Field(description="Rows imported before (by any import): not imported again.")
    failed_rows: int
    errors: list[ImportErrorOut] = Field(description="The first 1,000 rows not imported, and why.")
    summary: dict = Field(
        description="While analysing: `read`, the rows read so far. Then the whole-file check before the "
        "import (counts), once done."
    )
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ImportUploadIn(Input):
    mapping: Text = Field(
        "",
        description="Optional JSON object: column (index or header) -> field. Without it the columns are "
        "guessed (see `mapping` in the answer) and must be confirmed with the start call.",
    )
    default_country: CountryCodeOrBlank = Field("", description="ISO code for rows without a country.")
    into_pool: bool = Field(False, description="Import into the public pool instead of owning the customers.")


class ImportMatchOut(Schema):
    id: UUID
    name: str
    owner: str | None
    exact: bool
    can_merge: bool = Field(description="You may add the row's contact to this customer.")
    reasons: list[str]


class ImportPreviewRowOut(Schema):
    row: int
    values: dict[str, str]
    errors: list[ImportErrorOut]
    repeated: bool = Field(description="Imported before, by an earlier import: will not be imported again.")
    repeats: int | None = Field(description="An earlier row of this file with the very same values: skipped.")
    same_as: int | None = Field(description="An earlier row of the file names the same company.")
    contact_there: bool = Field(description="The merge would add nothing: the customer has this contact.")
    duplicates: list[ImportMatchOut]
    blocked: bool = Field(description="'create' is refused for this row (workspace rule).")
    decision: str = Field(description="What will happen: skip, create or merge:<customer id>.")


class ImportStartIn(Input):
    mapping: dict[text(300), text(40)] | None = Field(
        None, description="Column (index or header) -> field, if changed."
    )
    default_country: CountryCodeOrBlank | None = None
    into_pool: bool | None = None
    decisions: dict[text(20), text(60)] = Field(
        {}, description="Row number -> skip, create or merge:<customer id>; other rows follow the rules."
    )


def _import_out(job) -> ImportJobOut:
    return ImportJobOut(
        id=job.public_id,
        **{f: getattr(job, f) for f in ImportJobOut.model_fields if f not in ("id", "errors", "progress")},
        progress=job.progress,
        errors=job.errors,
    )


def _mapping_from(text: str) -> dict | None:
    if not text.strip():
        return None
    try:
        mapping = json.loads(text)
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict):
        raise ValidationFailed(_("Send “mapping” as a JSON object: column -> field."), field="mapping")
    return mapping


@router.get("/workspaces/{slug}/customer-imports", response=list[ImportJobOut])
@paginate(PageWithoutCount)
def customer_import_list(request, slug: str):
    """Your imports (a manager's: everyone's), newest first."""
    m = api_membership(request, slug)
    return _ImportsOut(selectors.jobs_visible(m))


class _ImportsOut:
    """Serialises only the jobs the paginator slices out."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getitem__(self, item):
        return [_import_out(job) for job in self.queryset[item]]


@router.post(
    "/workspaces/{slug}/customer-imports",
    response=answers(ImportJobOut, 403, 409, status=201),
)
def customer_import_create(request, slug: str, file: File[UploadedFile], options: Form[ImportUploadIn]):
    """Upload a CSV (UTF-8, GBK, Windows-1252; any usual separator) or an .xlsx file (201, status
    `analysing`). A file too big (413), of another type or a program is refused at once (422); the rest
    is read by the worker: poll the job until it is `uploaded` (then preview and start it) or `refused`
    (the reason is in `errors`). `mapping` and `default_country` are applied once the file is read."""
    m = api_membership(request, slug)
    job = imports.import_upload(
        actor=m,
        upload=file,
        into_pool=options.into_pool,
        mapping=_mapping_from(options.mapping),
        default_country=options.default_country or "",
    )
    return Status(201, _import_out(job))


@router.get("/workspaces/{slug}/customer-imports/{import_id}", response=ImportJobOut)
def customer_import_detail(request, slug: str, import_id: UUID):
    """Status and progress; while analysing or importing, poll this."""
    m = api_membership(request, slug)
    return _import_out(selectors.access_import_job(m, import_id))


@router.get(
    "/workspaces/{slug}/customer-imports/{import_id}/preview",
    response=answers(list[ImportPreviewRowOut], 403, 409),
)
def customer_import_preview(request, slug: str, import_id: UUID):
    """The first 50 rows as they would be imported: errors, duplicates, and the decision the rules make
    (change it with `decisions` when starting)."""
    m = api_membership(request, slug)
    job = selectors.access_import_job(m, import_id)
    return [
        ImportPreviewRowOut(
            row=p.number,
            values=dict(p.cells),
            errors=[{"row": p.number, **e} for e in p.errors],
            repeated=p.repeated,
            repeats=p.repeats,
            same_as=p.same_as,
            contact_there=p.contact_there,
            duplicates=[
                ImportMatchOut(
                    id=c.public_id,
                    name=c.name,
                    owner=c.owner_name,
                    exact=c.exact,
                    can_merge=c.can_merge,
                    reasons=c.reason_labels,
                )
                for c in p.candidates
            ],
            blocked=p.blocked,
            decision=p.chosen,
        )
        for p in imports.import_preview(actor=m, job=job)
    ]


@router.post(
    "/workspaces/{slug}/customer-imports/{import_id}/discard",
    response=answers(None, 403, 409, status=204),
)
def customer_import_discard(request, slug: str, import_id: UUID):
    """Throw away an import that has not started, with its file (204)."""
    m = api_membership(request, slug)
    imports.import_discard(actor=m, job=selectors.access_import_job(m, import_id), ip=client_ip(request))
    return Status(204, None)


@router.post(
    "/workspaces/{slug}/customer-imports/{import_id}/start",
    response=answers(ImportJobOut, 403, 409, status=202),
)
def customer_import_start(request, slug: str, import_id: UUID, payload: ImportStartIn):
    """Start the import in the background (202); poll the job. With `mapping`, the columns are set first.
    A job that failed part-way carries on where it stopped."""
    m = api_membership(request, slug)
    job = selectors.access_import_job(m, import_id)
    if payload.mapping is not None or job.status == "uploaded":
        job = imports.import_map(
            actor=m,
            job=job,
            mapping=payload.mapping if payload.mapping is not None else job.mapping,
            default_country=payload.default_country
            if payload.default_country is not None
            else job.default_country,
            into_pool=payload.into_pool,
        )
    job = imports.import_start(actor=m, job=job, choices=payload.decisions)
    job.refresh_from_db()
    return Status(202, _import_out(job))
