"""Proforma invoices and orders under /api/v1/workspaces/{slug}/orders… (and a quotation's PI): the same
services, rules and permissions as the pages. A member reads the orders of customers whose details they
may see (others are 404, as if missing); costs and margins only if they may see them."""

import json
from uuid import UUID

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.crm.access import access_customer
from tradewind.files.responses import stored_file_response
from tradewind.trade import selectors, services
from tradewind.trade.access import access_order, access_quotation
from tradewind.trade.api.answers import OrderOut, OrderRowOut, TotalsOut, amount_text, member_ref, places_text
from tradewind.trade.api.documents import (
    PDF_ANSWER,
    contact_of,
    document_filters,
    document_out,
    file_answer,
    line_inputs,
    pdf_response,
    terms,
    totals_out,
)
from tradewind.trade.api.router import router
from tradewind.trade.api.schemas import (
    DAY_SCHEMA,
    CancelIn,
    ConfirmIn,
    OrderFiltersIn,
    OrderIn,
    PiIn,
    PiPatch,
)
from tradewind.trade.choices import DocumentLanguage
from tradewind.trade.models import Order
from tradewind.trade.services.orders import PI_FIELDS

BASE = "/workspaces/{slug}/orders"
ONE = BASE + "/{order_id}"


def order_out(m, order: Order) -> dict:
    """The order as the member may see it (read again: what the service changed, with its relations)."""
    order = access_order(m, order.public_id)
    quotation = order.quotation
    signed = order.signed_pi
    return {
        **document_out(m, order),
        "status": order.status,
        "quotation": {"id": quotation.public_id, "number": quotation.number, "status": quotation.status}
        if quotation is not None
        else None,
        **{field: getattr(order, field) for field in PI_FIELDS},
        "confirmed_at": order.confirmed_at,
        "confirmed_on": order.confirmed_on,
        "confirmed_by": member_ref(order.confirmed_by),
        "signed_pi": {
            "name": signed.original_name,
            "size": signed.size,
            "content_type": signed.content_type,
            "url": reverse(
                "api:order_signed_pi", kwargs={"slug": m.workspace.slug, "order_id": order.public_id}
            ),
        }
        if signed is not None
        else None,
        "cancelled_reason": order.cancelled_reason,
        "payments": [
            {
                "position": payment.position,
                "percent": places_text(payment.percent, 2),
                "method": payment.method,
                "event": payment.event,
                "days": payment.days,
                "amount": amount_text(payment.amount, order.currency),
                "received": amount_text(payment.received, order.currency),
                "due_on": payment.due_on,
            }
            for payment in order.payments.all()
        ],
    }


def _pi_fields(payload: PiIn) -> dict:
    """The PI's fields for the service: a blank buyer name or bank details take the defaults."""
    values = {field: getattr(payload, field) for field in PI_FIELDS}
    for field in ("buyer_name", "bank_details"):
        values[field] = values[field].strip() or None
    return values


def _visible(m, filters: OrderFiltersIn):
    return selectors.order_list(membership=m, filters=document_filters(m, filters))


@router.get(BASE, response=list[OrderRowOut], summary="Proforma invoices and orders, newest first")
@paginate(PageWithCount)
def order_list(request, slug: str, filters: Query[OrderFiltersIn]):
    """The PIs and orders you may see, filtered; `count` is how many were found."""
    m = api_membership(request, slug)
    return _visible(m, filters).select_related("workspace")


@router.get(BASE + "/totals", response=TotalsOut, summary="Order totals per currency")
def order_totals(request, slug: str, filters: Query[OrderFiltersIn]):
    """For the same filters as the list: a subtotal per currency, and their sum in the workspace's
    reporting currency — each order converted at the rate recorded on its date."""
    m = api_membership(request, slug)
    return totals_out(_visible(m, filters), m.workspace)


@router.post(BASE, response=answers(OrderOut, 403, status=201), summary="Enter a proforma invoice")
def order_create(request, slug: str, payload: OrderIn):
    """A PI without a quotation (a repeat buyer's order), dated today, with lines as on a quotation. Reps,
    their leads and the documents clerk (403 for others)."""
    m = api_membership(request, slug)
    customer = access_customer(m, payload.customer)
    header = payload.dict(
        exclude_unset=True,
        exclude={"customer", "contact", "lines", "payment_terms", "payment_preset", *PI_FIELDS},
    )
    order = services.order_create(
        actor=m,
        customer=customer,
        contact=contact_of(m, customer, payload.contact),
        lines=line_inputs(m, payload.lines),
        **terms(payload),
        **header,
        **_pi_fields(payload),
    )
    return Status(201, order_out(m, order))


@router.post(
    "/workspaces/{slug}/quotations/{quotation_id}/pi",
    response=answers(OrderOut, 403, 409, status=201),
    summary="The proforma invoice of an accepted quotation",
)
def order_from_quotation(request, slug: str, quotation_id: UUID, payload: PiIn):
    """Its lines and terms, today's date and rate. 409: the quotation is not accepted, or has a PI
    already."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    order = services.order_create_from_quotation(actor=m, quotation=quotation, **_pi_fields(payload))
    return Status(201, order_out(m, order))


@router.get(ONE, response=OrderOut, summary="One proforma invoice or order")
def order_detail(request, slug: str, order_id: UUID):
    """With its lines and payments due; costs and margins for those who may see them."""
    m = api_membership(request, slug)
    return order_out(m, access_order(m, order_id))


@router.patch(ONE, response=answers(OrderOut, 403, 409), summary="Change a proforma invoice")
def order_update(request, slug: str, order_id: UUID, payload: PiPatch):
    """Change what the PI prints (buyer, ports, marks, delivery, bank) while the buyer has not confirmed it
    (409 after)."""
    m = api_membership(request, slug)
    changes = payload.dict(exclude_unset=True)
    changes = {k: ("" if v is None and k != "delivery_date" else v) for k, v in changes.items()}
    order = services.order_update(actor=m, order=access_order(m, order_id), **changes)
    return order_out(m, order)


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_CONFIRM_SCHEMA = ConfirmIn.model_json_schema(ref_template="#/components/schemas/{model}")
CONFIRM_BODY = {
    "required": False,
    "content": {
        "application/json": {"schema": _CONFIRM_SCHEMA},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "confirmed_on": {**DAY_SCHEMA, "description": "Default: today."},
                    "signed_pi": {
                        "type": "string",
                        "format": "binary",
                        "description": "The PI as the buyer signed it (a PDF or a scan).",
                    },
                },
            }
        },
    },
}


def _refused(errors) -> NinjaValidationError:
    return NinjaValidationError(
        [{"loc": ("body", *e["loc"]), "msg": e["msg"], "type": e["type"]} for e in errors]
    )


def _confirmation(request):
    """(ConfirmIn, the signed PI or None) from a JSON body, a form (with the file), or no body at all."""
    if request.content_type in FORM_TYPES:
        data = {key: request.POST.get(key) or None for key in request.POST}
        files = {key: request.FILES.get(key) for key in request.FILES}
        unknown = [{"loc": (name,), "msg": "Extra inputs are not permitted", "type": "extra_forbidden"}
                   for name in files if name != "signed_pi"]  # fmt: skip
        if unknown:
            raise _refused(unknown)
    elif not request.body:
        data, files = {}, {}
    elif request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise HttpError(400, _("The body is not valid JSON (UTF-8).")) from None
        files = {}
    else:
        raise HttpError(400, _("Send the confirmation as JSON or as a multipart form."))
    try:
        return ConfirmIn.model_validate(data), files.get("signed_pi")
    except PydanticValidationError as error:
        raise _refused(error.errors()) from None


@router.post(
    ONE + "/confirm",
    response=answers(OrderOut, 403, 409),
    summary="The buyer confirmed the proforma invoice",
    openapi_extra={"requestBody": CONFIRM_BODY},
)
def order_confirm(request, slug: str, order_id: UUID):
    """The PI becomes an order: its payment milestones become amounts due. Send JSON
    (`{"confirmed_on": "2026-12-01"}`, or no body for today) or a multipart form with `confirmed_on` and
    the signed PI as `signed_pi` (any document but a program; 413 over the attachment limit). 409: it is
    confirmed or cancelled already."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    payload, signed_pi = _confirmation(request)
    order = services.order_confirm(
        actor=m, order=order, confirmed_on=payload.confirmed_on, signed_pi=signed_pi
    )
    return order_out(m, order)


@router.post(
    ONE + "/cancel", response=answers(OrderOut, 403, 409), summary="Cancel a proforma invoice or order"
)
def order_cancel(request, slug: str, order_id: UUID, payload: CancelIn):
    """With the reason. 409: it is cancelled already."""
    m = api_membership(request, slug)
    order = services.order_cancel(actor=m, order=access_order(m, order_id), reason=payload.reason)
    return order_out(m, order)


@router.get(
    ONE + "/pdf", response={200: None}, openapi_extra=PDF_ANSWER, summary="The proforma invoice's PDF"
)
def order_pdf(request, slug: str, order_id: UUID, language: DocumentLanguage | None = None):
    """The PI as the buyer gets it, in its language or in `language` (this download only)."""
    from tradewind.trade.pdf import order_pdf as render

    order = access_order(api_membership(request, slug), order_id)
    if language is not None:
        order.language = language.value
    return pdf_response(render(order), order.number)


@router.get(
    ONE + "/signed-pi",
    response={200: None},
    openapi_extra=file_answer("The signed PI as uploaded, as a download; typed by its content.", "*/*"),
    summary="The signed proforma invoice",
)
def order_signed_pi(request, slug: str, order_id: UUID):
    """404 when none was uploaded."""
    order = access_order(api_membership(request, slug), order_id)
    if order.signed_pi is None:
        raise Http404
    return stored_file_response(order.signed_pi)
