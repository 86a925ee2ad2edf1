"""Inquiries under /api/v1/workspaces/{slug}/inquiries…: the same services, rules and permissions as the
pages. A member reads the inquiries of customers they may see (others are 404, as if missing)."""

from uuid import UUID

from django.urls import reverse
from ninja import File, Query, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.api.schemas import ErrorOut
from tradewind.catalog.access import access_product
from tradewind.crm.access import access_contact, access_customer
from tradewind.crm.api.schemas import DuplicateOut
from tradewind.files.responses import stored_file_response
from tradewind.trade.inquiries import selectors, services
from tradewind.trade.inquiries.access import (
    access_competitor,
    access_inquiry,
    access_inquiry_attachment,
    access_lost_reason,
)
from tradewind.trade.inquiries.api.router import router
from tradewind.trade.inquiries.api.schemas import (
    CloseIn,
    CreateCustomerIn,
    InquiryAssignIn,
    InquiryAttachmentOut,
    InquiryFiltersIn,
    InquiryIn,
    InquiryOut,
    InquiryPatch,
    ItemIn,
    ItemOut,
    ItemsIn,
    LinkCustomerIn,
    LostIn,
    RespondIn,
)
from tradewind.trade.inquiries.choices import CreatedVia
from tradewind.workspaces.access import access_membership

BASE = "/workspaces/{slug}/inquiries"
ONE = BASE + "/{inquiry_id}"


def _items(m, items: list[ItemIn]) -> list[dict]:
    return [
        {
            "product": access_product(m, item.product) if item.product else None,
            "description": item.description,
            "quantity": item.quantity,
            "unit": item.unit,
            "target_price": item.target_price.money() if item.target_price else None,
        }
        for item in items
    ]


def _fresh(m, inquiry):
    return access_inquiry(m, inquiry.public_id)


@router.get(BASE, response=list[InquiryOut], summary="Inquiries, latest first")
@paginate(PageWithCount)
def inquiry_list(request, slug: str, filters: Query[InquiryFiltersIn]):
    """The inquiries you may see, filtered; `count` is how many were found."""
    m = api_membership(request, slug)
    data = filters.dict(exclude={"customer"})
    customer = access_customer(m, filters.customer) if filters.customer else None
    rows = selectors.inquiry_list(membership=m, filters=selectors.InquiryFilters(customer=customer, **data))
    return rows.select_related("contact", "lost_reason", "lost_competitor", "duplicate_of")


@router.post(BASE, response=answers(InquiryOut, 403, status=201), summary="Record an inquiry")
def inquiry_create(request, slug: str, payload: InquiryIn):
    """An inquiry of an existing customer, or of a buyer given by company, name or e-mail (linked to the
    contact with that e-mail if there is one). It is assigned by the workspace's rule: the customer's
    owner, a route, round-robin — or it waits in the pool."""
    m = api_membership(request, slug)
    customer = access_customer(m, payload.customer) if payload.customer else None
    contact = access_contact(m, customer, payload.contact) if payload.contact and customer else None
    fields = payload.dict(exclude={"customer", "contact", "items"})
    if fields["received_at"] is None:
        fields.pop("received_at")
    inquiry = services.inquiry_create(
        actor=m,
        customer=customer,
        contact=contact,
        items=_items(m, payload.items),
        via=CreatedVia.API,
        **fields,
    )
    return Status(201, _fresh(m, inquiry))


@router.get(ONE, response=InquiryOut, summary="One inquiry")
def inquiry_detail(request, slug: str, inquiry_id: UUID):
    return access_inquiry(api_membership(request, slug), inquiry_id)


@router.patch(ONE, response=answers(InquiryOut, 403, 409))
def inquiry_update(request, slug: str, inquiry_id: UUID, payload: InquiryPatch):
    """Change the fields you send (an open inquiry; 409 for a closed one)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    changes = {k: ("" if v is None and k != "received_at" else v) for k, v in changes.items()}
    if changes.get("received_at", 0) is None:
        changes.pop("received_at")
    if changes.get("source", 0) in (None, ""):
        changes.pop("source", None)
    services.inquiry_update(actor=m, inquiry=inquiry, **changes)
    return _fresh(m, inquiry)


@router.get(ONE + "/items", response=list[ItemOut], summary="The products asked for")
def inquiry_item_list(request, slug: str, inquiry_id: UUID):
    inquiry = access_inquiry(api_membership(request, slug), inquiry_id)
    return list(inquiry.items.select_related("product"))


@router.put(
    ONE + "/items", response=answers(list[ItemOut], 403, 409), summary="Replace the products asked for"
)
def inquiry_items_replace(request, slug: str, inquiry_id: UUID, payload: ItemsIn):
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    services.inquiry_update(actor=m, inquiry=inquiry, items=_items(m, payload.items))
    return list(inquiry.items.select_related("product"))


@router.post(ONE + "/assign", response=answers(InquiryOut, 403, 409))
def inquiry_assign(request, slug: str, inquiry_id: UUID, payload: InquiryAssignIn):
    """Managers and admins give an open inquiry to a sales rep or lead, or back to the pool (null)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    assignee = access_membership(m, payload.assignee) if payload.assignee else None
    services.inquiry_assign(actor=m, inquiry=inquiry, assignee=assignee)
    return _fresh(m, inquiry)


@router.post(ONE + "/claim", response=answers(InquiryOut, 403, 409))
def inquiry_claim(request, slug: str, inquiry_id: UUID):
    """Take an inquiry from the pool (409: someone has it already)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    services.inquiry_claim(actor=m, inquiry=inquiry)
    return _fresh(m, inquiry)


@router.post(ONE + "/respond", response=answers(InquiryOut, 403, 409))
def inquiry_respond(request, slug: str, inquiry_id: UUID, payload: RespondIn):
    """Record the first response to the buyer: stops the response clock (409: recorded already, or the
    inquiry is not assigned yet)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    services.inquiry_respond(actor=m, inquiry=inquiry, at=payload.at)
    return _fresh(m, inquiry)


@router.post(ONE + "/lost", response=answers(InquiryOut, 403, 409))
def inquiry_lost(request, slug: str, inquiry_id: UUID, payload: LostIn):
    """Mark an open inquiry lost, with a reason from the list and the competitor who won, if known."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    reason = access_lost_reason(m, payload.reason)
    competitor = access_competitor(m, payload.competitor) if payload.competitor else None
    services.inquiry_mark_lost(
        actor=m, inquiry=inquiry, reason=reason, competitor=competitor, note=payload.note
    )
    return _fresh(m, inquiry)


@router.post(ONE + "/close", response=answers(InquiryOut, 403, 409))
def inquiry_close(request, slug: str, inquiry_id: UUID, payload: CloseIn):
    """Close an open inquiry as spam, or as a duplicate of another inquiry (`duplicate_of`)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    original = access_inquiry(m, payload.duplicate_of) if payload.duplicate_of else None
    services.inquiry_close(
        actor=m, inquiry=inquiry, closing=payload.closing, duplicate_of=original, note=payload.note
    )
    return _fresh(m, inquiry)


@router.post(ONE + "/reopen", response=answers(InquiryOut, 403, 409))
def inquiry_reopen(request, slug: str, inquiry_id: UUID):
    """Open a lost, spam or duplicate inquiry again (409 for a won or open one)."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    services.inquiry_reopen(actor=m, inquiry=inquiry)
    return _fresh(m, inquiry)


@router.post(ONE + "/customer", response=answers(InquiryOut, 403))
def inquiry_link_customer(request, slug: str, inquiry_id: UUID, payload: LinkCustomerIn):
    """Link the inquiry to an existing customer; one waiting in the pool goes to the customer's owner."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    customer = access_customer(m, payload.customer)
    contact = access_contact(m, customer, payload.contact) if payload.contact else None
    services.inquiry_link_customer(actor=m, inquiry=inquiry, customer=customer, contact=contact)
    return _fresh(m, inquiry)


@router.post(
    ONE + "/customer/new",
    response=answers(InquiryOut, 403, 409, status=201) | {409: DuplicateOut | ErrorOut},
)
def inquiry_create_customer(request, slug: str, inquiry_id: UUID, payload: CreateCustomerIn):
    """Create the customer from the buyer's details through the duplicate check (查重): 409 with the
    matches when it may exist already — link one of them, or send confirm_duplicates."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    data = {k: v for k, v in (("name", payload.name), ("country", payload.country)) if v}
    services.inquiry_create_customer(
        actor=m, inquiry=inquiry, data=data, confirm_duplicates=payload.confirm_duplicates
    )
    return Status(201, _fresh(m, inquiry))


# --- attachments ------------------------------------------------------------------------------------------
# The upload is declared first: the path's URL then resolves to "api:inquiry_attachment_add", the name the
# size limit is registered under (registry.py, files/limits.py).


def _attachment_out(slug, inquiry, attachment) -> InquiryAttachmentOut:
    return InquiryAttachmentOut(
        id=attachment.public_id,
        name=attachment.file.original_name,
        size=attachment.file.size,
        content_type=attachment.file.content_type,
        url=reverse(
            "api:inquiry_attachment_file",
            kwargs={
                "slug": slug,
                "inquiry_id": inquiry.public_id,
                "inquiry_attachment_id": attachment.public_id,
            },
        ),
        created_at=attachment.created_at,
    )


@router.post(ONE + "/attachments", response=answers(InquiryAttachmentOut, 403, status=201))
def inquiry_attachment_add(request, slug: str, inquiry_id: UUID, file: File[UploadedFile]):
    """Attach a file the buyer sent (multipart, field `file`): an accepted type within the size limit."""
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    attachment = services.inquiry_attachment_add(actor=m, inquiry=inquiry, upload=file)
    return Status(201, _attachment_out(slug, inquiry, attachment))


@router.get(ONE + "/attachments", response=list[InquiryAttachmentOut])
def inquiry_attachment_list(request, slug: str, inquiry_id: UUID):
    inquiry = access_inquiry(api_membership(request, slug), inquiry_id)
    return [_attachment_out(slug, inquiry, a) for a in inquiry.attachments.select_related("file")]


@router.get(
    ONE + "/attachments/{inquiry_attachment_id}/file",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as a download (Content-Disposition: attachment).",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def inquiry_attachment_file(request, slug: str, inquiry_id: UUID, inquiry_attachment_id: UUID):
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    return stored_file_response(access_inquiry_attachment(m, inquiry, inquiry_attachment_id).file)


@router.delete(ONE + "/attachments/{inquiry_attachment_id}", response=answers(None, 403, status=204))
def inquiry_attachment_remove(request, slug: str, inquiry_id: UUID, inquiry_attachment_id: UUID):
    m = api_membership(request, slug)
    inquiry = access_inquiry(m, inquiry_id)
    services.inquiry_attachment_remove(
        actor=m, attachment=access_inquiry_attachment(m, inquiry, inquiry_attachment_id)
    )
    return Status(204, None)
