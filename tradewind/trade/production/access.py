"""Production look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, or the
production or inspection of an order the member may not see, is the same 404."""

from django.http import Http404

from tradewind.trade.production.models import (
    Inspection,
    InspectionPhoto,
    Production,
    ProgressPhoto,
    ProgressUpdate,
    Supplier,
)
from tradewind.trade.production.permissions import can_see_production
from tradewind.workspaces.access import get_in_workspace_or_404


def access_supplier(membership, public_id) -> Supplier:
    if not membership.is_active:
        raise Http404
    return get_in_workspace_or_404(Supplier.objects.all(), membership, public_id=public_id)


def access_production(membership, order, public_id) -> Production:
    """A production of `order` (an order the caller reached through trade.access.access_order)."""
    return get_in_workspace_or_404(
        Production.objects.select_related("supplier", "order"), membership, order=order, public_id=public_id
    )


def access_progress_update(membership, production: Production, public_id) -> ProgressUpdate:
    return get_in_workspace_or_404(
        ProgressUpdate.objects.all(), membership, production=production, public_id=public_id
    )


def access_progress_photo(membership, production: Production, public_id) -> ProgressPhoto:
    return get_in_workspace_or_404(
        ProgressPhoto.objects.select_related("file", "thumbnail"),
        membership,
        update__production=production,
        public_id=public_id,
    )


def access_inspection(membership, public_id) -> Inspection:
    inspection = get_in_workspace_or_404(
        Inspection.objects.select_related(
            "order__customer", "order__owner__user", "order__workspace", "production__supplier", "report",
            "decided_by__user", "risk_accepted_by__user",
        ),
        membership,
        public_id=public_id,
    )  # fmt: skip
    if not can_see_production(membership, inspection.order):
        raise Http404
    return inspection


def access_inspection_photo(membership, inspection: Inspection, public_id) -> InspectionPhoto:
    return get_in_workspace_or_404(
        InspectionPhoto.objects.select_related("file", "thumbnail"),
        membership,
        inspection=inspection,
        public_id=public_id,
    )
