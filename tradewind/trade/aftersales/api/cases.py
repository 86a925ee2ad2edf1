"""After-sales cases under /api/v1/workspaces/{slug}/after-sales/cases…: the same services, rules and
permissions as the pages. A member reads the cases of orders they may see (others are 404, as if missing);
customer service and the leads work them; the order's sales rep may open one and add photos."""

from uuid import UUID

from django.http import Http404
from ninja import File, Query, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.aftersales import selectors, services
from tradewind.trade.aftersales.access import access_case, access_case_photo
from tradewind.trade.aftersales.api.answers import case_out, photo_out
from tradewind.trade.aftersales.api.router import router
from tradewind.trade.aftersales.api.schemas import (
    CaseFiltersIn,
    CaseIn,
    CaseOut,
    CasePatch,
    CasePhotoOut,
    CaseResolveIn,
    CaseStatusIn,
)
from tradewind.trade.aftersales.shipments import workspace_shipment
from tradewind.workspaces.access import access_membership

BASE = "/workspaces/{slug}/after-sales/cases"
ONE = BASE + "/{case_id}"
FILE_ANSWER = {
    "responses": {
        "200": {
            "description": "The file, as a download (Content-Disposition: attachment).",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _shipment(m, public_id):
    """A shipment of the workspace (404 if none has the id); one of another order is the service's to
    refuse, with the case's other problems."""
    if public_id is None:
        return None
    found = workspace_shipment(m.workspace_id, public_id)
    if found is None:
        raise Http404
    return found


def _owner(m, public_id):
    return access_membership(m, public_id) if public_id else None


@router.get(BASE, response=list[CaseOut], summary="After-sales cases, newest first")
@paginate(PageWithCount)
def aftersales_case_list(request, slug: str, filters: Query[CaseFiltersIn]):
    """The cases you may see, filtered; `count` is how many were found."""
    m = api_membership(request, slug)
    customer = None
    if filters.customer:
        customer = access_customer(m, filters.customer)
        if not can_see_details(m, customer):
            raise Http404
    owner = m if filters.owner == "mine" else (access_membership(m, filters.owner) if filters.owner else None)
    rows = selectors.case_list(
        membership=m,
        filters=selectors.CaseFilters(
            q=filters.q,
            status=filters.status,
            case_type=filters.case_type,
            owner=owner,
            customer=customer,
            order=access_order(m, filters.order) if filters.order else None,
            open_only=filters.open,
        ),
    )
    return MappedRows(
        rows.select_related("resolved_by__user", "opened_by__user"), lambda case: case_out(m, case)
    )


@router.post(BASE, response=answers(CaseOut, 403, 409, status=201), summary="Open an after-sales case")
def aftersales_case_create(request, slug: str, payload: CaseIn):
    """A case about a confirmed order (409 for a proforma or cancelled one), and one of its shipments if
    given. Customer service, managers and the order's sales rep (403 for others)."""
    m = api_membership(request, slug)
    order = access_order(m, payload.order)
    extra = {"owner": _owner(m, payload.owner)} if "owner" in payload.model_fields_set else {}
    claimed = payload.claimed
    case = services.case_create(
        actor=m,
        order=order,
        case_type=payload.case_type,
        description=payload.description,
        claimed_amount=claimed.amount if claimed else None,
        currency=(claimed.currency if claimed and claimed.currency else payload.currency),
        shipment=_shipment(m, payload.shipment),
        **extra,
    )
    return Status(201, case_out(m, access_case(m, case.public_id)))


@router.get(ONE, response=CaseOut, summary="One after-sales case")
def aftersales_case_detail(request, slug: str, case_id: UUID):
    m = api_membership(request, slug)
    return case_out(m, access_case(m, case_id))


@router.patch(ONE, response=answers(CaseOut, 403, 409), summary="Change an after-sales case")
def aftersales_case_update(request, slug: str, case_id: UUID, payload: CasePatch):
    """Change the fields you send, on an open case (409 once it is resolved or rejected). Customer service
    and managers."""
    m = api_membership(request, slug)
    case = access_case(m, case_id)
    sent = payload.model_fields_set
    changes = {key: getattr(payload, key) for key in ("case_type", "description") if key in sent}
    if "claimed" in sent:
        claimed = payload.claimed
        changes["claimed_amount"] = claimed.amount if claimed else None
        if claimed and claimed.currency:
            changes["currency"] = claimed.currency
    if "shipment" in sent:
        changes["shipment"] = _shipment(m, payload.shipment)
    if "owner" in sent:
        changes["owner"] = _owner(m, payload.owner)
    services.case_update(actor=m, case=case, **changes)
    return case_out(m, access_case(m, case_id))


@router.post(ONE + "/status", response=answers(CaseOut, 403, 409), summary="Move a case to an open status")
def aftersales_case_status(request, slug: str, case_id: UUID, payload: CaseStatusIn):
    """open, investigating or awaiting_buyer (409 for a closed case)."""
    m = api_membership(request, slug)
    services.case_set_status(actor=m, case=access_case(m, case_id), status=payload.status)
    return case_out(m, access_case(m, case_id))


@router.post(ONE + "/resolve", response=answers(CaseOut, 403, 409), summary="Resolve or reject a case")
def aftersales_case_resolve(request, slug: str, case_id: UUID, payload: CaseResolveIn):
    """Close an open case with its resolution. A credit note stays open on the customer until deducted
    from a later order (…/credits/{credit_id}/apply). More than the claim needs confirm_above_claim (422
    with the field agreed_amount otherwise)."""
    m = api_membership(request, slug)
    services.case_resolve(
        actor=m,
        case=access_case(m, case_id),
        resolution=payload.resolution,
        agreed_amount=payload.agreed_amount,
        note=payload.note,
        confirm_above_claim=payload.confirm_above_claim,
    )
    return case_out(m, access_case(m, case_id))


# --- photos -------------------------------------------------------------------------------------------------
# The upload is declared first: the path's URL then resolves to "api:aftersales_photo_add", the name the
# size limit is registered under (registry.py, files/limits.py).


@router.post(ONE + "/photos", response=answers(CasePhotoOut, 403, 409, status=201), summary="Add a photo")
def aftersales_photo_add(request, slug: str, case_id: UUID, file: File[UploadedFile]):
    """A photo the buyer sent (multipart, field `file`): a JPEG, PNG, WebP or GIF within the photo size
    limit; a thumbnail is made. 409: the case has its 20 photos."""
    m = api_membership(request, slug)
    case = access_case(m, case_id)
    photo = services.case_photo_add(actor=m, case=case, upload=file)
    return Status(201, photo_out(slug, case, photo))


@router.get(ONE + "/photos", response=list[CasePhotoOut], summary="A case's photos")
def aftersales_photo_list(request, slug: str, case_id: UUID):
    case = access_case(api_membership(request, slug), case_id)
    return [photo_out(slug, case, p) for p in case.photos.select_related("file", "thumbnail")]


@router.get(ONE + "/photos/{case_photo_id}/file", response={200: None}, openapi_extra=FILE_ANSWER)
def aftersales_photo_file(request, slug: str, case_id: UUID, case_photo_id: UUID):
    m = api_membership(request, slug)
    return stored_file_response(access_case_photo(m, access_case(m, case_id), case_photo_id).file)


@router.get(ONE + "/photos/{case_photo_id}/thumbnail", response={200: None}, openapi_extra=FILE_ANSWER)
def aftersales_photo_thumbnail(request, slug: str, case_id: UUID, case_photo_id: UUID):
    m = api_membership(request, slug)
    return stored_file_response(access_case_photo(m, access_case(m, case_id), case_photo_id).thumbnail)


@router.delete(
    ONE + "/photos/{case_photo_id}", response=answers(None, 403, status=204), summary="Remove a photo"
)
def aftersales_photo_remove(request, slug: str, case_id: UUID, case_photo_id: UUID):
    """The photo and its thumbnail (their files are deleted once this is committed)."""
    m = api_membership(request, slug)
    case = access_case(m, case_id)
    services.case_photo_remove(actor=m, photo=access_case_photo(m, case, case_photo_id))
    return Status(204, None)
