"""Customers, contacts, timeline, pool actions and the duplicate check under /api/v1/workspaces/{slug}/."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AliasChoices, ConfigDict

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.schemas import ErrorOut, member_or
from tradewind.core.errors import NotFound
from tradewind.core.net import client_ip
from tradewind.crm import permissions, pool, selectors, services
from tradewind.crm.access import access_contact, access_customer
from tradewind.crm.choices import Stage
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.localtime import local_time
from tradewind.crm.setup import crm_settings, grades
from tradewind.crm.timeline_events import event_text
from tradewind.workspaces.access import access_membership

router = Router(tags=["customers"])

# A misspelt field ("contact" for "contacts") is refused, not silently dropped with what it carried.
STRICT_INPUT = ConfigDict(extra="forbid")


class ContactIO(Schema):
    name: str
    title: str = ""
    emails: list[str] = []
    phones: list[str] = Field([], description="Any format; stored and returned as E.164.")
    whatsapp: str = ""
    wechat: str = ""
    skype: str = ""
    linkedin: str = ""
    is_primary: bool = False
    notes: str = ""


class ContactOut(ContactIO):
    # Read from a Contact (public_id) and, when a customer is validated again as part of a union
    # response, from a ContactOut already built (id).
    id: UUID = Field(validation_alias=AliasChoices("public_id", "id"))


class CustomerIn(Schema):
    model_config = STRICT_INPUT
    name: str
    name_latin: str = ""
    country: str = Field(description="ISO 3166-1 alpha-2, e.g. DE")
    city: str = ""
    address: str = ""
    website: str = ""
    industry: str = ""
    source: str = "other"
    source_detail: str = ""
    stage: Stage = Stage.LEAD
    grade: str | None = None
    tags: list[str] = []
    languages: str = ""
    time_zone: str = ""
    products: str = ""
    typical_volume: str = ""
    incoterm: str = ""
    named_place: str = ""
    payment_terms: str = ""
    currency: str = ""
    destination_port: str = ""
    packaging: str = ""
    certifications: str = ""
    price_sensitivity: str = ""
    notes: str = ""
    contacts: list[ContactIO] = []
    pool: bool = Field(False, description="Create it in the public pool instead of owning it.")
    confirm_duplicates: bool = Field(False, description="Save although possible duplicates were found (409).")


class CustomerPatch(Schema):
    model_config = STRICT_INPUT
    name: str | None = None
    name_latin: str | None = None
    country: str | None = None
    city: str | None = None
    address: str | None = None
    website: str | None = None
    industry: str | None = None
    source: str | None = None
    source_detail: str | None = None
    stage: Stage | None = None
    grade: str | None = None
    tags: list[str] | None = None
    languages: str | None = None
    time_zone: str | None = None
    products: str | None = None
    typical_volume: str | None = None
    incoterm: str | None = None
    named_place: str | None = None
    payment_terms: str | None = None
    currency: str | None = None
    destination_port: str | None = None
    packaging: str | None = None
    certifications: str | None = None
    price_sensitivity: str | None = None
    notes: str | None = None
    confirm_duplicates: bool = False


class CustomerBriefOut(Schema):
    """What every member may see of any customer."""

    id: UUID
    name: str
    owner: str | None = Field(description="The owner's name, or null in the public pool.")
    owner_id: UUID | None = Field(description="The owner's member id (the `owner` filter takes it).")
    in_pool: bool
    restricted: Literal[True] = Field(description="True when you may not see this customer's details.")


class CustomerOut(CustomerBriefOut):
    # The tag of the union response: a full record never falls back to the brief one unnoticed.
    restricted: Literal[False]
    country: str
    name_latin: str
    city: str
    address: str
    website: str
    industry: str
    source: str
    source_detail: str
    stage: str
    grade: str | None
    tags: list[str]
    languages: str
    time_zone: str
    local_time: str
    business_hours: bool
    next_holiday: dt.date | None
    products: str
    typical_volume: str
    incoterm: str
    named_place: str
    payment_terms: str
    currency: str
    destination_port: str
    packaging: str
    certifications: str
    price_sensitivity: str
    notes: str
    last_contact_at: dt.datetime | None
    next_follow_up_on: dt.date | None
    contacts: list[ContactOut]


# What a member gets of a customer: all of it, or the brief record of another rep's private customer.
CustomerRecord = Annotated[CustomerOut | CustomerBriefOut, Field(discriminator="restricted")]


class TimelineIn(Schema):
    model_config = STRICT_INPUT
    channel: str
    summary: str
    at: dt.datetime | None = None
    outcome: str = ""
    next_step: str = ""
    contact: UUID | None = None
    next_follow_up_on: dt.date | None = None


class TimelineOut(Schema):
    id: UUID = Field(alias="public_id")
    channel: str
    at: dt.datetime
    summary: str
    outcome: str
    next_step: str
    actor: str | None = Field(None, alias="actor.user.display_name")
    data: dict

    @staticmethod
    def resolve_summary(entry) -> str:
        return event_text(entry.data) or entry.summary


class ReleaseIn(Schema):
    reason: str


class AssignIn(Schema):
    owner: UUID | None = Field(None, description="A member, or null for the public pool.")


class MergeIn(Schema):
    merged: UUID = Field(description="The customer merged into (and removed in favour of) this one.")


class DuplicateCheckIn(Schema):
    name: str
    country: str = ""
    emails: list[str] = []
    phones: list[str] = []
    website: str = ""


class FilterIn(Schema):
    owner: member_or("mine", "pool") = ""
    country: str = ""
    grade: str = ""
    stage: str = ""
    source: str = ""
    tag: str = ""
    follow_up: str = ""
    contacted_before: dt.date | None = None
    q: str = ""
    sort: str = "name"


def _out(m, customer, *, now=None):
    brief = {
        "id": customer.public_id,
        "name": customer.name,
        "owner": customer.owner.user.display_name if customer.owner else None,
        "owner_id": customer.owner.public_id if customer.owner else None,
        "in_pool": customer.owner_id is None,
    }
    if not permissions.can_see_details(m, customer):
        return CustomerBriefOut(**brief, restricted=True)
    local = local_time(
        country=customer.country,
        zone=customer.zone,
        settings=crm_settings(m.workspace),
        now=now or timezone.now(),
    )
    data = {field: getattr(customer, field) for field in services.PROFILE_FIELDS if field not in brief}
    return CustomerOut(
        **brief,
        **data,
        restricted=False,
        grade=customer.grade.code if customer.grade else None,
        tags=[t.name for t in customer.tags.all()],
        local_time=local.now.isoformat(),
        business_hours=local.business_hours,
        next_holiday=local.next_holiday[0] if local.next_holiday else None,
        last_contact_at=customer.last_contact_at,
        next_follow_up_on=customer.next_follow_up_on,
        contacts=[
            {"public_id": c.public_id, **{f: getattr(c, f) for f in ContactIO.model_fields}}
            for c in customer.contacts.all()
        ],
    )


@router.get("/workspaces/{slug}/customers", response=list[CustomerRecord])
@paginate(PageWithoutCount)
def customer_list(request, slug: str, filters: Query[FilterIn]):
    """Filters as in the UI; `q` searches names, contacts, e-mails and phones (Chinese and accents too).
    Pages come without a total, so a list of millions stays fast: follow `next_offset`."""
    m = api_membership(request, slug)
    customers = selectors.customer_list(membership=m, filters=selectors.CustomerFilters(**filters.dict()))
    return _Serialised(m, customers.prefetch_related("contacts", "tags"))


class _Serialised:
    """Serialises only the rows the paginator slices out."""

    def __init__(self, m, queryset):
        self.m, self.queryset = m, queryset

    def __getitem__(self, item):
        now = timezone.now()
        return [_out(self.m, c, now=now) for c in self.queryset[item]]


@router.post(
    "/workspaces/{slug}/customers", response={201: CustomerOut, 409: dict, 422: ErrorOut, 403: ErrorOut}
)
def customer_create(request, slug: str, payload: CustomerIn):
    """Create a customer. Possible duplicates answer 409 with the matches; send confirm_duplicates=true to
    save anyway (unless the workspace blocks exact duplicates of another rep's customer)."""
    m = api_membership(request, slug)
    grades(m.workspace)
    data = payload.dict(exclude={"contacts", "grade", "tags", "pool", "confirm_duplicates"})
    customer = services.customer_create(
        actor=m,
        data=data,
        contacts=[c.dict() for c in payload.contacts],
        grade=payload.grade,
        tags=payload.tags,
        owner=None if payload.pool else "me",
        confirm_duplicates=payload.confirm_duplicates,
    )
    return Status(201, _out(m, customer))


@router.post("/workspaces/{slug}/customers/duplicate-check", summary="Who has this customer already?")
def customer_duplicate_check(request, slug: str, payload: DuplicateCheckIn):
    """Checks a proposed customer without creating it: exact matches (name, e-mail or web domain, phone)
    and similar names, with their owners."""
    from tradewind.crm.normalize import PhoneError, phone_e164

    m = api_membership(request, slug)
    phones = []
    for raw in payload.phones:
        try:
            phones.append(phone_e164(raw, payload.country))
        except PhoneError:
            continue
    matches = duplicate_check(
        workspace=m.workspace,
        name=payload.name,
        emails=payload.emails,
        phones=phones,
        website=payload.website,
    )
    return {"matches": [services.match_summary(x) for x in matches]}


@router.get("/workspaces/{slug}/customers/{customer_id}", response=CustomerRecord)
def customer_detail(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    return _out(m, access_customer(m, customer_id))


@router.patch(
    "/workspaces/{slug}/customers/{customer_id}",
    response={200: CustomerOut, 409: dict, 403: ErrorOut, 422: ErrorOut},
)
def customer_update(request, slug: str, customer_id: UUID, payload: CustomerPatch):
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    sent = payload.dict(exclude_unset=True)
    sent.pop("confirm_duplicates", None)
    customer = services.customer_update(
        actor=m,
        customer=customer,
        data={k: v for k, v in sent.items() if k not in ("grade", "tags")},
        grade=sent.get("grade", ...),
        tags=sent.get("tags"),
        confirm_duplicates=payload.confirm_duplicates,
    )
    return _out(m, customer)


def _detailed(m, customer_id):
    customer = access_customer(m, customer_id)
    if not permissions.can_see_details(m, customer):
        raise NotFound(_("Not found."))  # as for a customer that does not exist: no more is told
    return customer


@router.get("/workspaces/{slug}/customers/{customer_id}/contacts", response=list[ContactOut])
def contact_list(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    return list(_detailed(m, customer_id).contacts.all())


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/contacts",
    response={201: ContactOut, 403: ErrorOut, 422: ErrorOut},
)
def contact_add(request, slug: str, customer_id: UUID, payload: ContactIO):
    m = api_membership(request, slug)
    return Status(
        201, services.contact_save(actor=m, customer=_detailed(m, customer_id), data=payload.dict())
    )


@router.patch(
    "/workspaces/{slug}/customers/{customer_id}/contacts/{contact_id}",
    response={200: ContactOut, 403: ErrorOut, 422: ErrorOut},
)
def contact_update(request, slug: str, customer_id: UUID, contact_id: UUID, payload: ContactIO):
    m = api_membership(request, slug)
    customer = _detailed(m, customer_id)
    contact = access_contact(m, customer, contact_id)
    return services.contact_save(actor=m, customer=customer, data=payload.dict(), contact=contact)


@router.get("/workspaces/{slug}/customers/{customer_id}/timeline", response=list[TimelineOut])
@paginate(LimitOffsetPagination)
def timeline_list(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    return _detailed(m, customer_id).timeline.select_related("actor__user")


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/timeline",
    response={201: TimelineOut, 403: ErrorOut, 422: ErrorOut},
)
def timeline_log(request, slug: str, customer_id: UUID, payload: TimelineIn):
    m = api_membership(request, slug)
    customer = _detailed(m, customer_id)
    contact = access_contact(m, customer, payload.contact) if payload.contact else None
    entry = services.timeline_log(
        actor=m,
        customer=customer,
        channel=payload.channel,
        summary=payload.summary,
        at=payload.at,
        outcome=payload.outcome,
        next_step=payload.next_step,
        contact=contact,
        next_follow_up_on=payload.next_follow_up_on,
    )
    return Status(201, entry)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/claim",
    response={200: CustomerOut, 403: ErrorOut, 409: ErrorOut},
)
def customer_claim(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    customer = pool.customer_claim(actor=m, customer=access_customer(m, customer_id), ip=client_ip(request))
    return _out(m, customer)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/release",
    response={200: CustomerOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def customer_release(request, slug: str, customer_id: UUID, payload: ReleaseIn):
    m = api_membership(request, slug)
    customer = pool.customer_release(
        actor=m, customer=access_customer(m, customer_id), reason=payload.reason, ip=client_ip(request)
    )
    return _out(m, customer)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/assign",
    response={200: CustomerOut, 403: ErrorOut, 422: ErrorOut},
)
def customer_assign(request, slug: str, customer_id: UUID, payload: AssignIn):
    m = api_membership(request, slug)
    to = access_membership(m, payload.owner) if payload.owner else None
    customer = pool.customer_assign(
        actor=m, customer=access_customer(m, customer_id), to=to, ip=client_ip(request)
    )
    return _out(m, customer)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/merge",
    response={200: CustomerOut, 403: ErrorOut, 422: ErrorOut},
)
def customer_merge(request, slug: str, customer_id: UUID, payload: MergeIn):
    m = api_membership(request, slug)
    survivor = access_customer(m, customer_id)
    merged = access_customer(m, payload.merged)
    pool.customer_merge(actor=m, survivor=survivor, merged=merged, ip=client_ip(request))
    return _out(m, access_customer(m, customer_id))


# --- import (CSV, XLSX) ------------------------------------------------------------------------------
# Under /customer-imports, not /customers/imports: /customers/{customer_id} would take that path.

import json  # noqa: E402

from django.utils.translation import gettext as _  # noqa: E402
from ninja import File, Form, UploadedFile  # noqa: E402

from tradewind.core.errors import ValidationFailed  # noqa: E402
from tradewind.crm.imports import services as imports  # noqa: E402
from tradewind.crm.imports.fields import TARGETS  # noqa: E402

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
    status: str = Field(description="uploaded, mapped, previewed, importing, done, failed")
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
    summary: dict = Field(description="The whole-file check before the import (counts), once done.")
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ImportUploadIn(Schema):
    mapping: str = Field(
        "",
        description="Optional JSON object: column (index or header) -> field. Without it the columns are "
        "guessed (see `mapping` in the answer) and must be confirmed with the start call.",
    )
    default_country: str = Field("", description="ISO code for rows without a country.")
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


class ImportStartIn(Schema):
    mapping: dict[str, str] | None = Field(None, description="Column (index or header) -> field, if changed.")
    default_country: str | None = None
    into_pool: bool | None = None
    decisions: dict[str, str] = Field(
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
    return _ImportsOut(imports.jobs_visible(m))


class _ImportsOut:
    """Serialises only the jobs the paginator slices out."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getitem__(self, item):
        return [_import_out(job) for job in self.queryset[item]]


@router.post(
    "/workspaces/{slug}/customer-imports",
    response={201: ImportJobOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def customer_import_create(request, slug: str, file: File[UploadedFile], options: Form[ImportUploadIn]):
    """Upload a CSV (UTF-8, GBK, Windows-1252; any usual separator) or an .xlsx file. A file that cannot
    be read is refused (422) with the reason. Then preview it, and start it."""
    m = api_membership(request, slug)
    job = imports.import_upload(actor=m, upload=file, into_pool=options.into_pool)
    mapping = _mapping_from(options.mapping)
    if mapping is not None or options.default_country:
        job = imports.import_map(
            actor=m,
            job=job,
            mapping=mapping if mapping is not None else job.mapping,
            default_country=options.default_country,
            into_pool=options.into_pool,
        )
    return Status(201, _import_out(job))


@router.get("/workspaces/{slug}/customer-imports/{import_id}", response=ImportJobOut)
def customer_import_detail(request, slug: str, import_id: UUID):
    """Status and progress; while importing, poll this."""
    m = api_membership(request, slug)
    return _import_out(imports.access_import_job(m, import_id))


@router.get(
    "/workspaces/{slug}/customer-imports/{import_id}/preview",
    response={200: list[ImportPreviewRowOut], 403: ErrorOut, 422: ErrorOut},
)
def customer_import_preview(request, slug: str, import_id: UUID):
    """The first 50 rows as they would be imported: errors, duplicates, and the decision the rules make
    (change it with `decisions` when starting)."""
    m = api_membership(request, slug)
    job = imports.access_import_job(m, import_id)
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
    response={204: None, 403: ErrorOut, 409: ErrorOut},
)
def customer_import_discard(request, slug: str, import_id: UUID):
    """Throw away an import that has not started, with its file (204)."""
    m = api_membership(request, slug)
    imports.import_discard(actor=m, job=imports.access_import_job(m, import_id), ip=client_ip(request))
    return Status(204, None)


@router.post(
    "/workspaces/{slug}/customer-imports/{import_id}/start",
    response={202: ImportJobOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def customer_import_start(request, slug: str, import_id: UUID, payload: ImportStartIn):
    """Start the import in the background (202); poll the job. With `mapping`, the columns are set first.
    A job that failed part-way carries on where it stopped."""
    m = api_membership(request, slug)
    job = imports.access_import_job(m, import_id)
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
