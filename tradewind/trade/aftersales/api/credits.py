"""Credit notes under /api/v1/workspaces/{slug}/after-sales/credits…: what resolved cases owe buyers, and
their deduction from a later order."""

from uuid import UUID

from django.http import Http404
from ninja import Query
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.trade.access import access_order
from tradewind.trade.aftersales import selectors, services
from tradewind.trade.aftersales.access import access_credit
from tradewind.trade.aftersales.api.answers import credit_out
from tradewind.trade.aftersales.api.router import router
from tradewind.trade.aftersales.api.schemas import CreditNoteApplyIn, CreditNoteFiltersIn, CreditNoteOut

BASE = "/workspaces/{slug}/after-sales/credits"


@router.get(BASE, response=list[CreditNoteOut], summary="Credit notes, newest first")
@paginate(PageWithCount)
def aftersales_credit_list(request, slug: str, filters: Query[CreditNoteFiltersIn]):
    """The credit notes of customers you may see; open=true: those still to deduct."""
    m = api_membership(request, slug)
    customer = None
    if filters.customer:
        customer = access_customer(m, filters.customer)
        if not can_see_details(m, customer):
            raise Http404
    rows = selectors.credit_list(membership=m, customer=customer, open_only=filters.open)
    return MappedRows(rows, credit_out)


@router.post(
    BASE + "/{credit_id}/apply",
    response=answers(CreditNoteOut, 403, 409),
    summary="Deduct a credit note from a later order",
)
def aftersales_credit_apply(request, slug: str, credit_id: UUID, payload: CreditNoteApplyIn):
    """A later order of the same customer, in the credit's currency, not cancelled, whose total covers the
    credit (422 naming `order` otherwise); 409 when the credit was deducted already. Customer service and
    managers."""
    m = api_membership(request, slug)
    credit = access_credit(m, credit_id)
    services.credit_apply(actor=m, credit=credit, order=access_order(m, payload.order))
    return credit_out(access_credit(m, credit_id))
