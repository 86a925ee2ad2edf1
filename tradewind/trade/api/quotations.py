"""Quotations under /api/v1/workspaces/{slug}/quotations…: the same services, rules and permissions as the
pages. A member reads the quotations of customers whose details they may see (others are 404, as if
missing); costs and margins only if they may see them."""

from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.crm.access import access_customer
from tradewind.trade import permissions, selectors, services
from tradewind.trade.access import access_quotation
from tradewind.trade.api.answers import QuotationOut, QuotationRowOut, TotalsOut, member_ref
from tradewind.trade.api.documents import (
    PDF_ANSWER,
    contact_of,
    document_filters,
    document_out,
    line_inputs,
    pdf_response,
    terms,
    totals_out,
)
from tradewind.trade.api.router import router
from tradewind.trade.api.schemas import (
    AcceptIn,
    ApproveIn,
    CopyIn,
    DeclineIn,
    QuotationFiltersIn,
    QuotationIn,
    QuotationPatch,
    RejectIn,
    SendIn,
)
from tradewind.trade.choices import DocumentLanguage
from tradewind.trade.models import Quotation

BASE = "/workspaces/{slug}/quotations"
ONE = BASE + "/{quotation_id}"


def quotation_out(m, quotation: Quotation) -> dict:
    """The quotation as the member may see it (read again: what the service changed, with its relations)."""
    quotation = access_quotation(m, quotation.public_id)
    revisions = Quotation.objects.filter(
        workspace_id=quotation.workspace_id, base_number=quotation.base_number
    ).order_by("revision")
    return {
        **document_out(m, quotation),
        "revision": quotation.revision,
        "status": quotation.status,
        "valid_until": quotation.valid_until,
        "inquiry": quotation.inquiry.public_id if quotation.inquiry_id else None,
        "approval_reasons": [
            text
            for text in (
                services.approval_reason_text(r, show_margin=permissions.can_see_margins(m))
                for r in quotation.approval_reasons or []
            )
            if text
        ],
        "submitted_at": quotation.submitted_at,
        "decided_by": member_ref(quotation.decided_by),
        "decided_at": quotation.decided_at,
        "decision_comment": quotation.decision_comment,
        "sent_at": quotation.sent_at,
        "sent_to": quotation.sent_to,
        "answered_at": quotation.answered_at,
        "decline_reason": quotation.decline_reason,
        "revisions": [
            {"id": r.public_id, "number": r.number, "status": r.status, "revision": r.revision}
            for r in revisions
        ],
        "orders": [
            {"id": o.public_id, "number": o.number, "status": o.status}
            for o in quotation.orders.order_by("issued_on", "id")
        ],
    }


def _visible(m, filters: QuotationFiltersIn):
    return selectors.quotation_list(membership=m, filters=document_filters(m, filters))


@router.get(BASE, response=list[QuotationRowOut], summary="Quotations, newest first")
@paginate(PageWithCount)
def quotation_list(request, slug: str, filters: Query[QuotationFiltersIn]):
    """The quotations you may see, filtered; `count` is how many were found. Totals in `total` are in each
    quotation's currency: GET …/quotations/totals sums them per currency."""
    m = api_membership(request, slug)
    return _visible(m, filters).select_related("workspace")


@router.get(BASE + "/totals", response=TotalsOut, summary="Quotation totals per currency")
def quotation_totals(request, slug: str, filters: Query[QuotationFiltersIn]):
    """For the same filters as the list: a subtotal per currency, and their sum in the workspace's
    reporting currency — each quotation converted at the rate recorded on its date."""
    m = api_membership(request, slug)
    return totals_out(_visible(m, filters), m.workspace)


@router.post(BASE, response=answers(QuotationOut, 403, status=201), summary="Make a quotation")
def quotation_create(request, slug: str, payload: QuotationIn):
    """A draft for a customer whose details you may see. What is left out comes from the customer's profile
    (currency, Incoterm and place, language) and the workspace (validity); a line without a price takes
    the customer's list price. The exchange rate of its date is recorded (422 when there is none)."""
    m = api_membership(request, slug)
    customer = access_customer(m, payload.customer)
    fields = payload.dict(
        exclude_unset=True,
        exclude={"customer", "contact", "lines", "inquiry", "payment_terms", "payment_preset"},
    )
    inquiry = None
    if payload.inquiry:
        from tradewind.trade.inquiries.access import access_inquiry

        inquiry = access_inquiry(m, payload.inquiry)
    quotation = services.quotation_create(
        actor=m,
        customer=customer,
        contact=contact_of(m, customer, payload.contact),
        lines=line_inputs(m, payload.lines),
        inquiry=inquiry,
        **terms(payload),
        **fields,
    )
    return Status(201, quotation_out(m, quotation))


@router.get(ONE, response=QuotationOut, summary="One quotation")
def quotation_detail(request, slug: str, quotation_id: UUID):
    """With its lines, its FX warning if its currency moved, its revisions; costs and margins for those who
    may see them."""
    m = api_membership(request, slug)
    return quotation_out(m, access_quotation(m, quotation_id))


@router.patch(ONE, response=answers(QuotationOut, 403, 409), summary="Change a quotation")
def quotation_update(request, slug: str, quotation_id: UUID, payload: QuotationPatch):
    """Change the fields you send; `lines` replaces every line. Its rep or a manager changes a draft or an
    approved quotation (which goes back to draft); a sent one is revised instead (409)."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    changes = payload.dict(exclude_unset=True, exclude={"lines", "payment_terms", "payment_preset"})
    if "contact" in changes:
        changes["contact"] = contact_of(m, quotation.customer, changes["contact"])
    if changes.get("remarks", "") is None:
        changes["remarks"] = ""
    if "lines" in payload.model_fields_set:
        changes["lines"] = line_inputs(m, payload.lines)
    quotation = services.quotation_update(actor=m, quotation=quotation, **terms(payload), **changes)
    return quotation_out(m, quotation)


@router.post(ONE + "/submit", response=answers(QuotationOut, 403, 409), summary="Submit a quotation")
def quotation_submit(request, slug: str, quotation_id: UUID):
    """Ready to send: approved at once when it crosses none of the workspace's rules; otherwise awaiting a
    manager's approval (`approval_reasons` says why). 409: it is not a draft."""
    m = api_membership(request, slug)
    quotation = services.quotation_submit(actor=m, quotation=access_quotation(m, quotation_id))
    return quotation_out(m, quotation)


@router.post(ONE + "/approve", response=answers(QuotationOut, 403, 409), summary="Approve a quotation")
def quotation_approve(request, slug: str, quotation_id: UUID, payload: ApproveIn):
    """Managers and admins (403 for others). 409: it is not awaiting approval."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    return quotation_out(m, services.quotation_approve(actor=m, quotation=quotation, comment=payload.comment))


@router.post(ONE + "/reject", response=answers(QuotationOut, 403, 409), summary="Reject a quotation")
def quotation_reject(request, slug: str, quotation_id: UUID, payload: RejectIn):
    """Back to the rep as a draft, with the reason. Managers and admins; 409: not awaiting approval."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    return quotation_out(m, services.quotation_reject(actor=m, quotation=quotation, comment=payload.comment))


@router.post(ONE + "/send", response=answers(QuotationOut, 403, 409), summary="E-mail a quotation")
def quotation_send(request, slug: str, quotation_id: UUID, payload: SendIn):
    """E-mail its PDF to the buyer (once this is committed); the message is kept on the customer's
    timeline. 409: it awaits approval, needs one, or was sent already (make a revision). 422: no lines,
    its validity has passed, or no valid address."""
    m = api_membership(request, slug)
    quotation = services.quotation_send(
        actor=m,
        quotation=access_quotation(m, quotation_id),
        to=payload.to,
        subject=payload.subject,
        message=payload.message,
    )
    return quotation_out(m, quotation)


@router.post(ONE + "/mark-sent", response=answers(QuotationOut, 403, 409), summary="Mark a quotation sent")
def quotation_mark_sent(request, slug: str, quotation_id: UUID):
    """Sent outside Tradewind (the PDF mailed by hand, handed over at a fair). The same refusals as send."""
    m = api_membership(request, slug)
    quotation = services.quotation_mark_sent(actor=m, quotation=access_quotation(m, quotation_id))
    return quotation_out(m, quotation)


@router.post(ONE + "/accept", response=answers(QuotationOut, 403, 409), summary="The buyer accepted")
def quotation_accept(request, slug: str, quotation_id: UUID, payload: AcceptIn):
    """The buyer said yes. 409: it is not sent, or it expired (make a revision with today's terms)."""
    m = api_membership(request, slug)
    quotation = services.quotation_accept(actor=m, quotation=access_quotation(m, quotation_id), on=payload.on)
    return quotation_out(m, quotation)


@router.post(ONE + "/decline", response=answers(QuotationOut, 403, 409), summary="The buyer declined")
def quotation_decline(request, slug: str, quotation_id: UUID, payload: DeclineIn):
    """409: it is not sent."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    return quotation_out(m, services.quotation_decline(actor=m, quotation=quotation, reason=payload.reason))


@router.post(
    ONE + "/revise", response=answers(QuotationOut, 403, 409, status=201), summary="Revise a quotation"
)
def quotation_revise(request, slug: str, quotation_id: UUID):
    """A new revision (Q-2026-0001-R2) of a sent, declined or expired quotation: a draft with the same
    terms and lines; this one stays readable, marked as replaced. 409: a draft is changed directly."""
    m = api_membership(request, slug)
    revision = services.quotation_revise(actor=m, quotation=access_quotation(m, quotation_id))
    return Status(201, quotation_out(m, revision))


@router.post(ONE + "/copy", response=answers(QuotationOut, 403, status=201), summary="Copy a quotation")
def quotation_copy(request, slug: str, quotation_id: UUID, payload: CopyIn):
    """A new draft (its own number, today's date) with the same terms and lines, for the same customer or
    another one (422: one whose details you may not see)."""
    m = api_membership(request, slug)
    quotation = access_quotation(m, quotation_id)
    customer = access_customer(m, payload.customer) if payload.customer else None
    return Status(
        201, quotation_out(m, services.quotation_copy(actor=m, quotation=quotation, customer=customer))
    )


@router.get(ONE + "/pdf", response={200: None}, openapi_extra=PDF_ANSWER, summary="A quotation's PDF")
def quotation_pdf(request, slug: str, quotation_id: UUID, language: DocumentLanguage | None = None):
    """What the buyer gets, in the quotation's language or in `language` (this download only)."""
    from tradewind.trade.pdf import quotation_pdf as render

    quotation = access_quotation(api_membership(request, slug), quotation_id)
    if language is not None:
        quotation.language = language.value
    return pdf_response(render(quotation), quotation.number)
