"""Receipt look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, a receipt of
another order than the URL's, and one of an order the member may not see are the same 404."""

from django.http import Http404

from tradewind.trade.receivables import permissions
from tradewind.trade.receivables.models import Receipt
from tradewind.workspaces.access import get_in_workspace_or_404


def access_receipt(membership, public_id, *, order=None) -> Receipt:
    lookup = {"public_id": public_id}
    if order is not None:
        lookup["order"] = order
    receipt = get_in_workspace_or_404(
        Receipt.objects.select_related(
            "order__customer", "order__workspace", "order__owner__user", "recorded_by__user",
            "reversed_by__user",
        ),
        membership,
        **lookup,
    )  # fmt: skip
    if not permissions.can_read_order_receivables(membership, receipt.order):
        raise Http404
    return receipt
