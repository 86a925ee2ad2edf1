"""Shipment look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, or a shipment of
an order the member may not see, is the same 404."""

from django.http import Http404

from tradewind.trade.shipping.models import Container, EtaChange, Shipment
from tradewind.trade.shipping.permissions import can_see_shipments
from tradewind.workspaces.access import get_in_workspace_or_404


def access_shipment(membership, public_id) -> Shipment:
    shipment = get_in_workspace_or_404(
        Shipment.objects.select_related(
            "order__workspace", "order__customer", "order__owner__user", "order__contact",
            "created_by__user", "released_by__user",
        ),
        membership,
        public_id=public_id,
    )  # fmt: skip
    if not can_see_shipments(membership, shipment.order):
        raise Http404
    return shipment


def access_container(membership, shipment: Shipment, public_id) -> Container:
    return get_in_workspace_or_404(
        Container.objects.all(), membership, shipment=shipment, public_id=public_id
    )


def access_eta_change(membership, shipment: Shipment, public_id) -> EtaChange:
    return get_in_workspace_or_404(
        EtaChange.objects.all(), membership, shipment=shipment, public_id=public_id
    )
