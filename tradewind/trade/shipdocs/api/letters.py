"""Letters of credit under /api/v1/: the list by expiry, and one order's L/C (read, record or change, remove).
Whoever may see the order reads it; the documents clerk and the leads keep it."""

from decimal import Decimal
from uuid import UUID

from django.http import Http404
from ninja import Query, Status

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageInput
from tradewind.api.responses import answers
from tradewind.trade.access import access_order
from tradewind.trade.shipdocs import selectors, services
from tradewind.trade.shipdocs.access import letter_of_credit_of
from tradewind.trade.shipdocs.api.router import router
from tradewind.trade.shipdocs.api.schemas import ShipdocsLetterIn, ShipdocsLetterOut
from tradewind.trade.shipping.models import Shipment

AMOUNT_PLACES = Decimal("0.0001")
ONE = "/workspaces/{slug}/shipping-documents/orders/{order_id}/letter-of-credit"


def letter_out(letter) -> dict:
    order = letter.order
    return {
        "id": letter.public_id,
        "order": {"id": order.public_id, "name": order.number},
        "number": letter.number,
        "issuing_bank": letter.issuing_bank,
        "advising_bank": letter.advising_bank,
        "issued_on": letter.issued_on,
        "expiry_date": letter.expiry_date,
        "latest_shipment_date": letter.latest_shipment_date,
        "presentation_days": letter.presentation_days,
        "amount": f"{letter.amount.quantize(AMOUNT_PLACES):f}" if letter.amount is not None else None,
        "currency": order.currency,
        "documents_required": list(letter.documents_required or []),
        "notes": letter.notes,
        "warnings": selectors.letter_warnings(letter, order, Shipment.objects.filter(order=order)),
    }


@router.get(
    "/workspaces/{slug}/shipping-documents/letters-of-credit",
    response=list[ShipdocsLetterOut],
    url_name="shipdocs_letter_list",
    summary="Letters of credit, soonest expiry first",
)
def letter_list(request, slug: str, page: Query[PageInput]):
    """The L/Cs of the orders you may see, `limit` at a time from `offset`."""
    m = api_membership(request, slug)
    rows = selectors.letters_of_credit(membership=m)[page.offset : page.offset + page.limit]
    return [letter_out(letter) for letter in rows]


@router.get(ONE, response=ShipdocsLetterOut, url_name="shipdocs_letter_detail", summary="An order's L/C")
def letter_detail(request, slug: str, order_id: UUID):
    """404 when the order has none."""
    order = access_order(api_membership(request, slug), order_id)
    letter = letter_of_credit_of(order)
    if letter is None:
        raise Http404
    return letter_out(letter)


@router.put(
    ONE,
    response=answers(ShipdocsLetterOut, 403, 409) | {201: ShipdocsLetterOut},
    url_name="shipdocs_letter_save",
    summary="Record or change an order's L/C",
)
def letter_save(request, slug: str, order_id: UUID, payload: ShipdocsLetterIn):
    """Every field is given (201 when recorded, 200 when changed). The order's shipments' checklists
    follow: the documents it names, their presentation deadline (B/L date + the days, never after the
    expiry). 422: an expiry before the issue or latest shipment date. 409: the order is cancelled."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    existed = letter_of_credit_of(order) is not None
    letter = services.letter_of_credit_save(actor=m, order=order, **payload.dict())
    return Status(200 if existed else 201, letter_out(letter))


@router.delete(ONE, response=answers(None, 403, status=204), url_name="shipdocs_letter_delete")
def letter_delete(request, slug: str, order_id: UUID):
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    letter = letter_of_credit_of(order)
    if letter is None:
        raise Http404
    services.letter_of_credit_delete(actor=m, letter=letter)
    return Status(204, None)
