"""Quotation and order look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, and
a document whose customer the member may not see, are the same 404."""

from django.http import Http404

from tradewind.trade import permissions
from tradewind.trade.models import Order, Quotation
from tradewind.workspaces.access import get_in_workspace_or_404


def access_quotation(membership, public_id) -> Quotation:
    quotation = get_in_workspace_or_404(
        Quotation.objects.select_related("customer", "contact", "owner__user"),
        membership,
        public_id=public_id,
    )
    if not permissions.can_see(membership, quotation):
        raise Http404
    return quotation


def access_order(membership, public_id) -> Order:
    order = get_in_workspace_or_404(
        Order.objects.select_related("customer", "contact", "owner__user", "quotation", "confirmed_by__user"),
        membership,
        public_id=public_id,
    )
    if not permissions.can_see(membership, order):
        raise Http404
    return order
