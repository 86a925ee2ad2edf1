"""QC inspections under /api/v1/workspaces/{slug}/inspections…: booking, the result, the report and photos,
a manager accepting the risk of a failed one. A failed inspection blocks the order's booking stage until a
later inspection at the same factory passes or the risk is accepted (`blocks_booking`)."""

from uuid import UUID

from django.http import Http404
from django.urls import reverse
from ninja import File, Query, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.responses import answers
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.production import selectors, services
from tradewind.trade.production.access import access_inspection, access_inspection_photo, access_production
from tradewind.trade.production.api.router import router
from tradewind.trade.production.api.schemas import (
    InspectionFiltersIn,
    InspectionIn,
    InspectionOut,
    InspectionPatch,
    InspectionPhotoOut,
    InspectionReportOut,
    InspectionResultIn,
    RiskAcceptanceIn,
    SupplierRefOut,
)
from tradewind.trade.production.models import Inspection, InspectionPhoto

BASE = "/workspaces/{slug}/inspections"
ONE = BASE + "/{inspection_id}"
PHOTO = ONE + "/photos/{inspection_photo_id}"


def _photo_out(slug: str, inspection: Inspection, photo: InspectionPhoto) -> InspectionPhotoOut:
    kwargs = {"slug": slug, "inspection_id": inspection.public_id, "inspection_photo_id": photo.public_id}
    return InspectionPhotoOut(
        id=photo.public_id,
        name=photo.file.original_name,
        size=photo.file.size,
        content_type=photo.file.content_type,
        url=reverse("api:inspection_photo_file", kwargs=kwargs),
        thumbnail_url=reverse("api:inspection_photo_thumbnail", kwargs=kwargs),
        created_at=photo.created_at,
    )


def inspection_out(slug: str, inspection: Inspection, *, blocking: set[int] | None = None) -> InspectionOut:
    if blocking is None:
        blocking = {i.pk for i in selectors.failed_inspections(inspection.order)}
    production = inspection.production
    report = inspection.report
    return InspectionOut(
        id=inspection.public_id,
        order=inspection.order.public_id,
        order_number=inspection.order.number,
        production=production.public_id if production else None,
        supplier=SupplierRefOut(id=production.supplier.public_id, name=production.supplier.name)
        if production
        else None,
        agency=inspection.agency,
        agency_name=inspection.agency_name,
        agency_label=inspection.agency_label,
        kind=inspection.kind,
        inspector=inspection.inspector,
        inspected_on=inspection.inspected_on,
        result=inspection.result,
        defects=inspection.defects,
        decided_at=inspection.decided_at,
        report=InspectionReportOut(
            name=report.original_name,
            size=report.size,
            content_type=report.content_type,
            url=reverse(
                "api:inspection_report_file", kwargs={"slug": slug, "inspection_id": inspection.public_id}
            ),
        )
        if report
        else None,
        photos=[
            _photo_out(slug, inspection, p)
            for p in inspection.photos.select_related("file").order_by("created_at", "id")
        ],
        blocks_booking=inspection.pk in blocking,
        risk_accepted_at=inspection.risk_accepted_at,
        risk_accepted_by=inspection.risk_accepted_by.user.display_name
        if inspection.risk_accepted_by
        else None,
        risk_reason=inspection.risk_reason,
        notes=inspection.notes,
        created_at=inspection.created_at,
    )


def _fresh(m, slug, inspection) -> InspectionOut:
    return inspection_out(slug, access_inspection(m, inspection.public_id))


@router.get(BASE, response=list[InspectionOut], summary="QC inspections, latest first")
@paginate(PageWithoutCount)
def inspection_list(request, slug: str, filters: Query[InspectionFiltersIn]):
    """The inspections of orders you may see, filtered by result, order or a search."""
    m = api_membership(request, slug)
    order = access_order(m, filters.order) if filters.order else None
    rows = selectors.inspection_list(
        membership=m, filters=selectors.InspectionFilters(q=filters.q, result=filters.result, order=order)
    )
    return _Answers(slug, rows.select_related("report", "risk_accepted_by__user"))


class _Answers:
    """The page's rows as InspectionOut, made only for the rows of the page (what blocks booking is asked
    once per order)."""

    def __init__(self, slug, rows):
        self.slug, self.rows = slug, rows

    def __getitem__(self, window):
        rows = list(self.rows[window])
        blocking: dict[int, set[int]] = {}
        for row in rows:
            if row.order_id not in blocking:
                blocking[row.order_id] = {i.pk for i in selectors.failed_inspections(row.order)}
        return [inspection_out(self.slug, i, blocking=blocking[i.order_id]) for i in rows]


@router.post(BASE, response=answers(InspectionOut, 403, 409, status=201), summary="Book an inspection")
def inspection_create(request, slug: str, payload: InspectionIn):
    """Book an inspection of a confirmed order (409: not confirmed, or cancelled), by the team's own QC or a
    third party; `agency_name` names another company."""
    m = api_membership(request, slug)
    order = access_order(m, payload.order)
    production = access_production(m, order, payload.production) if payload.production else None
    inspection = services.inspection_book(
        actor=m, order=order, production=production, **payload.dict(exclude={"order", "production"})
    )
    return Status(201, _fresh(m, slug, inspection))


@router.get(ONE, response=InspectionOut, summary="One inspection")
def inspection_detail(request, slug: str, inspection_id: UUID):
    return inspection_out(slug, access_inspection(api_membership(request, slug), inspection_id))


@router.patch(ONE, response=answers(InspectionOut, 403, 409), summary="Change the booking")
def inspection_update(request, slug: str, inspection_id: UUID, payload: InspectionPatch):
    m = api_membership(request, slug)
    inspection = access_inspection(m, inspection_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    if "production" in changes and changes["production"] is not None:
        changes["production"] = access_production(m, inspection.order, changes["production"])
    services.inspection_update(actor=m, inspection=inspection, **changes)
    return _fresh(m, slug, inspection)


@router.post(ONE + "/result", response=answers(InspectionOut, 403, 409), summary="Record the result")
def inspection_result(request, slug: str, inspection_id: UUID, payload: InspectionResultIn):
    """pass, pass_remarks or fail, with the defects found (required for the last two); 409 for an
    inspection dated in the future. A fail blocks the order's booking and tells its rep."""
    m = api_membership(request, slug)
    inspection = access_inspection(m, inspection_id)
    services.inspection_record_result(actor=m, inspection=inspection, **payload.dict())
    return _fresh(m, slug, inspection)


@router.post(
    ONE + "/accept-risk", response=answers(InspectionOut, 403, 409), summary="Accept a failed inspection"
)
def inspection_accept_risk(request, slug: str, inspection_id: UUID, payload: RiskAcceptanceIn):
    """A manager lets booking go on despite the failed inspection, with a reason (audited). 409: the
    inspection did not fail, or its risk was accepted already."""
    m = api_membership(request, slug)
    inspection = access_inspection(m, inspection_id)
    services.inspection_accept_risk(actor=m, inspection=inspection, reason=payload.reason)
    return _fresh(m, slug, inspection)


# Each upload is declared before any other operation of its path: the URL then resolves to its name, under
# which the upload limit is registered (registry.py, files/limits.py).
@router.post(
    ONE + "/report", response=answers(InspectionOut, 403, 409, status=201), summary="Attach the report"
)
def inspection_report_attach(request, slug: str, inspection_id: UUID, file: File[UploadedFile]):
    """The inspection report (multipart, field `file`), replacing an earlier one: a document type the
    workspace accepts (422 otherwise), within the attachment size limit (413)."""
    m = api_membership(request, slug)
    inspection = access_inspection(m, inspection_id)
    services.inspection_report_attach(actor=m, inspection=inspection, upload=file)
    return Status(201, _fresh(m, slug, inspection))


def _file_answer(description: str, *types: str) -> dict:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {"200": {"description": description, "content": dict.fromkeys(types, binary)}}}


@router.get(
    ONE + "/report",
    response={200: None},
    openapi_extra=_file_answer("The report, as a download (Content-Disposition: attachment).", "*/*"),
)
def inspection_report_file(request, slug: str, inspection_id: UUID):
    inspection = access_inspection(api_membership(request, slug), inspection_id)
    if inspection.report is None:
        raise Http404
    return stored_file_response(inspection.report)


@router.post(
    ONE + "/photos", response=answers(InspectionPhotoOut, 403, 409, status=201), summary="Add a photo"
)
def inspection_photo_add(request, slug: str, inspection_id: UUID, file: File[UploadedFile]):
    """A photo of the goods, a defect, the cartons (multipart, field `file`): a JPEG, PNG, WebP or GIF image,
    typed by its content; anything else is refused (422)."""
    m = api_membership(request, slug)
    inspection = access_inspection(m, inspection_id)
    [photo] = services.inspection_photos_add(actor=m, inspection=inspection, uploads=[file])
    return Status(201, _photo_out(slug, inspection, photo))


IMAGES = ("image/jpeg", "image/png", "image/webp", "image/gif")


@router.get(
    PHOTO + "/file", response={200: None}, openapi_extra=_file_answer("The photo, as a download.", *IMAGES)
)
def inspection_photo_file(request, slug: str, inspection_id: UUID, inspection_photo_id: UUID):
    m = api_membership(request, slug)
    photo = access_inspection_photo(m, access_inspection(m, inspection_id), inspection_photo_id)
    return stored_file_response(photo.file)


@router.get(
    PHOTO + "/thumbnail",
    response={200: None},
    openapi_extra=_file_answer("A JPEG of at most 320 pixels a side.", "image/jpeg"),
)
def inspection_photo_thumbnail(request, slug: str, inspection_id: UUID, inspection_photo_id: UUID):
    m = api_membership(request, slug)
    photo = access_inspection_photo(m, access_inspection(m, inspection_id), inspection_photo_id)
    return stored_file_response(photo.thumbnail)
