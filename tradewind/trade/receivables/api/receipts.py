"""An order's payment milestones and receipts under /api/v1/workspaces/{slug}/…: the same services, rules and
permissions as the pages. Whoever may see the order reads them (others get 404, as if missing); finance
and the leads record and reverse receipts (403 for the others)."""

from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithoutCount
from tradewind.api.responses import answers
from tradewind.core.money import currency_minor_units
from tradewind.trade.access import access_order
from tradewind.trade.api.answers import amount_text, member_ref, places_text
from tradewind.trade.receivables import ageing, selectors, services
from tradewind.trade.receivables.access import access_receipt
from tradewind.trade.receivables.api.router import router
from tradewind.trade.receivables.api.schemas import (
    PaymentMilestoneOut,
    ReceiptFiltersIn,
    ReceiptIn,
    ReceiptOut,
    ReceiptReverseIn,
)

ORDER = "/workspaces/{slug}/orders/{order_id}"
RECEIPTS = "/workspaces/{slug}/receipts"


def milestone_out(milestone: selectors.Milestone, currency: str) -> dict:
    payment = milestone.payment
    return {
        "id": payment.public_id,
        "position": payment.position,
        "percent": places_text(payment.percent, 2),
        "method": payment.method,
        "event": payment.event,
        "days": payment.days,
        "amount": amount_text(payment.amount, currency),
        "received": amount_text(payment.received, currency),
        "open": amount_text(milestone.open, currency),
        "due_on": payment.due_on,
        "state": milestone.state,
        "days_overdue": milestone.days_overdue,
        "bucket": milestone.bucket,
    }


def receipt_out(receipt) -> dict:
    order = receipt.order
    paid_places = currency_minor_units(receipt.currency)
    return {
        "id": receipt.public_id,
        "number": receipt.number,
        "order": {"id": order.public_id, "name": order.number},
        "order_currency": order.currency,
        "received_on": receipt.received_on,
        "amount": places_text(receipt.amount, paid_places),
        "currency": receipt.currency,
        "rate": places_text(receipt.rate, 10),
        "amount_in_order": amount_text(receipt.amount_in_order, order.currency),
        "bank_charges": places_text(receipt.bank_charges, paid_places),
        "reference": receipt.reference,
        "payer": receipt.payer,
        "note": receipt.note,
        "credit": amount_text(receipt.credit, order.currency),
        "status": receipt.status,
        "allocations": [
            {
                "milestone": a.payment.public_id,
                "position": a.payment.position,
                "amount": amount_text(a.amount, order.currency),
            }
            for a in receipt.allocations.all()
        ],
        "recorded_by": member_ref(receipt.recorded_by),
        "recorded_at": receipt.created_at,
        "reversed_at": receipt.reversed_at,
        "reversed_by": member_ref(receipt.reversed_by),
        "reversal_reason": receipt.reversal_reason,
    }


def _fresh(m, receipt) -> dict:
    return receipt_out(access_receipt(m, receipt.public_id))


@router.get(
    ORDER + "/milestones",
    response=list[PaymentMilestoneOut],
    url_name="receivables_order_milestones",
    summary="An order's payment milestones, as finance sees them today",
)
def order_milestones(request, slug: str, order_id: UUID):
    """Each with what is received, what is open, its due date (null while its trigger is unknown), its state
    today and the ageing bucket of its open amount. Empty for a PI not confirmed yet."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    return [milestone_out(milestone, order.currency) for milestone in selectors.order_milestones(order)]


@router.get(
    ORDER + "/receipts",
    response=list[ReceiptOut],
    url_name="receivables_order_receipts",
    summary="An order's receipts, newest first",
)
def order_receipts(request, slug: str, order_id: UUID):
    """Reversed ones included (with who reversed them and why)."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    return [receipt_out(receipt) for receipt in selectors.order_receipts(order)]


@router.post(
    ORDER + "/receipts",
    response=answers(ReceiptOut, 403, 409, status=201),
    url_name="receivables_receipt_create",
    summary="Record a receipt on an order",
)
def receipt_create(request, slug: str, order_id: UUID, payload: ReceiptIn):
    """Finance and the leads (403 for the others). It settles the open milestones oldest due first, or the
    `allocations` you give. 422 with the field named for bad input: a missing rate for another currency,
    an allocation above what is open, or an over-payment not confirmed (`confirm_overpayment`). 409: the
    order is not confirmed."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    values = payload.dict(exclude={"allocations", "confirm_overpayment"})
    allocations = (
        None
        if payload.allocations is None
        else [(allocation.milestone, allocation.amount) for allocation in payload.allocations]
    )
    receipt = services.receipt_record(
        actor=m,
        order=order,
        allocations=allocations,
        confirm_overpayment=payload.confirm_overpayment,
        **values,
    )
    return Status(201, _fresh(m, receipt))


@router.get(
    RECEIPTS,
    response=list[ReceiptOut],
    url_name="receivables_receipt_list",
    summary="Receipts, newest first",
)
@paginate(PageWithoutCount)
def receipt_list(request, slug: str, filters: Query[ReceiptFiltersIn]):
    """Finance and the leads: every order's; a sales rep: the orders they sold; others: none."""
    m = api_membership(request, slug)
    rows = ageing.receipt_list(membership=m, filters=ageing.ReceiptFilters(**filters.dict()))
    return MappedRows(rows.prefetch_related("allocations__payment", "reversed_by__user"), receipt_out)


@router.get(
    RECEIPTS + "/{receipt_id}",
    response=ReceiptOut,
    url_name="receivables_receipt_detail",
    summary="One receipt",
)
def receipt_detail(request, slug: str, receipt_id: UUID):
    m = api_membership(request, slug)
    return receipt_out(access_receipt(m, receipt_id))


@router.post(
    RECEIPTS + "/{receipt_id}/reverse",
    response=answers(ReceiptOut, 403, 409),
    url_name="receivables_receipt_reverse",
    summary="Reverse a receipt",
)
def receipt_reverse(request, slug: str, receipt_id: UUID, payload: ReceiptReverseIn):
    """With the reason (audited); the milestones it settled are open again. Finance and the leads (403 for
    the others). 409: it is reversed already."""
    m = api_membership(request, slug)
    receipt = services.receipt_reverse(actor=m, receipt=access_receipt(m, receipt_id), reason=payload.reason)
    return _fresh(m, receipt)
