"""After-sales look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, and a case or
credit note of a customer the member may not see, are the same 404."""

from django.http import Http404

from tradewind.trade.aftersales.models import AftersalesCase, CasePhoto, CreditNote
from tradewind.trade.aftersales.permissions import can_view_case, can_view_credits
from tradewind.workspaces.access import get_in_workspace_or_404

CASE_RELATIONS = (
    "workspace", "order__customer", "order__owner__user", "shipment", "customer", "owner__user",
    "resolved_by__user", "opened_by__user",
)  # fmt: skip


def access_case(membership, public_id) -> AftersalesCase:
    case = get_in_workspace_or_404(
        AftersalesCase.objects.select_related(*CASE_RELATIONS), membership, public_id=public_id
    )
    if not can_view_case(membership, case):
        raise Http404
    return case


def access_case_photo(membership, case: AftersalesCase, public_id) -> CasePhoto:
    return get_in_workspace_or_404(
        CasePhoto.objects.select_related("file", "thumbnail"), membership, case=case, public_id=public_id
    )


def access_credit(membership, public_id) -> CreditNote:
    credit = get_in_workspace_or_404(
        CreditNote.objects.select_related("customer", "case__order", "applied_to", "applied_by__user"),
        membership,
        public_id=public_id,
    )
    if not can_view_credits(membership, credit.customer):
        raise Http404
    return credit
