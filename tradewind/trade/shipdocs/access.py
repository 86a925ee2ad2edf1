"""Look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, or a shipment, document or
L/C of an order the member may not see, is the same 404."""

from django.http import Http404

from tradewind.trade.access import access_order
from tradewind.trade.shipdocs.models import (
    DocumentRule,
    DocumentVersion,
    LetterOfCredit,
    OriginRule,
    ShipmentDocument,
)
from tradewind.trade.shipdocs.permissions import can_see_documents
from tradewind.trade.shipping.models import Shipment
from tradewind.workspaces.access import get_in_workspace_or_404

SHIPMENT_RELATED = ("workspace", "order__workspace", "order__customer", "order__owner__user")


def access_shipment(membership, public_id) -> Shipment:
    shipment = get_in_workspace_or_404(
        Shipment.objects.select_related(*SHIPMENT_RELATED), membership, public_id=public_id
    )
    if not can_see_documents(membership, shipment.order):
        raise Http404
    return shipment


def access_document(membership, public_id) -> ShipmentDocument:
    document = get_in_workspace_or_404(
        ShipmentDocument.objects.select_related(
            *(f"shipment__{name}" for name in SHIPMENT_RELATED), "owner__user", "status_changed_by__user"
        ),
        membership,
        public_id=public_id,
    )
    if not can_see_documents(membership, document.shipment.order):
        raise Http404
    return document


def access_version(membership, document: ShipmentDocument, public_id) -> DocumentVersion:
    return get_in_workspace_or_404(
        DocumentVersion.objects.select_related("file"), membership, document=document, public_id=public_id
    )


def access_rule(membership, public_id) -> DocumentRule:
    return get_in_workspace_or_404(
        DocumentRule.objects.select_related("category"), membership, public_id=public_id
    )


def access_origin_rule(membership, public_id) -> OriginRule:
    return get_in_workspace_or_404(OriginRule.objects.all(), membership, public_id=public_id)


def access_order_for_documents(membership, public_id):
    """The order (a 404 if the member may not see it)."""
    return access_order(membership, public_id)


def letter_of_credit_of(order) -> LetterOfCredit | None:
    return LetterOfCredit.objects.filter(order=order).first()
