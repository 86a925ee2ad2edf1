"""Shipments under /api/v1/workspaces/{slug}/shipments… and an order's …/orders/{order_id}/shipments: the
same services, rules and permissions as the pages. Whoever may see the order reads its shipments (others
are 404, as if missing); logistics and the leads change them (403 for the other roles)."""

from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.responses import answers
from tradewind.core.net import client_ip
from tradewind.trade.access import access_order
from tradewind.trade.shipping import selectors, services
from tradewind.trade.shipping.access import access_shipment
from tradewind.trade.shipping.api.router import router
from tradewind.trade.shipping.api.schemas import (
    ShipmentEtaChangeOut,
    ShipmentEtaIn,
    ShipmentFiltersIn,
    ShipmentIn,
    ShipmentOut,
    ShipmentPatch,
    ShipmentReleaseIn,
    ShipmentRemainingOut,
    ShipmentRowOut,
    ShipmentStatusIn,
)
from tradewind.trade.shipping.models import EtaChange

BASE = "/workspaces/{slug}/shipments"
ONE = BASE + "/{shipment_id}"
OF_ORDER = "/workspaces/{slug}/orders/{order_id}/shipments"


def goods_inputs(order, lines) -> list:
    """The API's goods as the service takes them: each order line found among the order's (a line id of
    another order is left for the service to refuse, naming the field)."""
    by_id = {line.public_id: line for line in order.lines.all()}
    return [services.GoodsInput(by_id.get(g.order_line), g.quantity, g.cartons) for g in lines]


def _fresh(m, shipment):
    return access_shipment(m, shipment.public_id)


@router.get(BASE, response=list[ShipmentRowOut], summary="Shipments, newest first")
@paginate(PageWithoutCount)
def shipment_list(request, slug: str, filters: Query[ShipmentFiltersIn]):
    """The shipments of orders you may see, filtered by status, mode, ETD and ETA windows; `q` searches the
    shipment, order, booking and B/L numbers, container numbers and the customer's name."""
    m = api_membership(request, slug)
    data = filters.dict(exclude={"order"})
    order = access_order(m, filters.order) if filters.order else None
    return selectors.shipment_list(membership=m, filters=selectors.ShipmentFilters(order=order, **data))


@router.get(OF_ORDER, response=list[ShipmentRowOut], summary="An order's shipments")
def shipment_order_list(request, slug: str, order_id: UUID):
    """In their sequence (-S1, -S2 …), cancelled ones included."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    return selectors.order_shipments(order)


@router.get(OF_ORDER + "/remaining", response=list[ShipmentRemainingOut], summary="What remains to ship")
def shipment_remaining(request, slug: str, order_id: UUID):
    """Per order line: ordered, in shipments that are not cancelled, and what remains."""
    m = api_membership(request, slug)
    return selectors.order_lines_remaining(access_order(m, order_id))


@router.post(BASE, response=answers(ShipmentOut, 403, 409, status=201), summary="Plan a shipment")
def shipment_create(request, slug: str, payload: ShipmentIn):
    """A shipment of the confirmed `order` (409 for a PI not confirmed or a cancelled order; 404 for an
    order you may not see), numbered after it: PI-2026-0001-S1, -S2 …. Without `lines` it takes everything
    of the order still to ship."""
    m = api_membership(request, slug)
    order = access_order(m, payload.order)
    fields = payload.dict(exclude={"lines", "order"})
    if fields["port_of_discharge"] is None:
        fields.pop("port_of_discharge")
    lines = None if payload.lines is None else goods_inputs(order, payload.lines)
    shipment = services.shipment_create(actor=m, order=order, lines=lines, **fields)
    return Status(201, _fresh(m, shipment))


@router.get(ONE, response=ShipmentOut, summary="One shipment")
def shipment_detail(request, slug: str, shipment_id: UUID):
    """With its containers and goods."""
    return access_shipment(api_membership(request, slug), shipment_id)


@router.patch(ONE, response=answers(ShipmentOut, 403, 409), summary="Change a shipment")
def shipment_update(request, slug: str, shipment_id: UUID, payload: ShipmentPatch):
    """Change the fields you send (null clears a date or a text). A moved ETA is recorded as an ETA change
    (the rep is told; see …/eta for the buyer's draft). 409 for a cancelled shipment or order."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set if k != "reason"}
    for key, value in list(changes.items()):
        if value is None and key == "mode":
            changes.pop(key)
        elif value is None and key not in ("etd", "eta", "atd", "ata", "bl_date"):
            changes[key] = ""
    services.shipment_update(actor=m, shipment=shipment, reason=payload.reason, **changes)
    return _fresh(m, shipment)


@router.post(ONE + "/status", response=answers(ShipmentOut, 403, 409), summary="Move a shipment on")
def shipment_status(request, slug: str, shipment_id: UUID, payload: ShipmentStatusIn):
    """planned → booked (sea: with its booking number) → shipped (with the goods and, for FCL, numbered
    containers; `on` is the ATD) → arrived (`on`: the ATA) → delivered; planned or booked → cancelled
    (with a `reason`). 409 for a move its status does not allow."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    services.shipment_status_set(
        actor=m, shipment=shipment, status=payload.status, on=payload.on, reason=payload.reason
    )
    return _fresh(m, shipment)


@router.post(
    ONE + "/eta", response=answers(ShipmentEtaChangeOut, 403, 409, status=201), summary="Move the ETA"
)
def shipment_eta_change(request, slug: str, shipment_id: UUID, payload: ShipmentEtaIn):
    """Recorded with the old and new dates on the shipment and its order; the order's rep is told. Answers
    the change with a message to the buyer drafted in their language (English or Chinese), for the rep to
    send. 422: before the ETD or the day it sailed; 409: the shipment has arrived, or is cancelled."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    change = services.shipment_eta_change(actor=m, shipment=shipment, eta=payload.eta, reason=payload.reason)
    return Status(201, change)


@router.get(ONE + "/eta-changes", response=list[ShipmentEtaChangeOut], summary="A shipment's ETA changes")
def shipment_eta_changes(request, slug: str, shipment_id: UUID):
    """The latest first, each with the message drafted for the buyer."""
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    return list(EtaChange.objects.filter(shipment=shipment).select_related("changed_by__user")[:100])


@router.post(ONE + "/release", response=answers(ShipmentOut, 403, 409), summary="Release the goods")
def shipment_release(request, slug: str, shipment_id: UUID, payload: ShipmentReleaseIn):
    """The original B/L sent (`courier` and `tracking` required) or a telex release, for a shipment that has
    sailed with its B/L number. 409 while the order's balance is unpaid — unless a manager sends an
    `override_reason` (audited; 403 for others) — or when released already."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    services.shipment_release(
        actor=m, shipment=shipment, how=payload.how, courier=payload.courier, tracking=payload.tracking,
        override_reason=payload.override_reason, ip=client_ip(request),
    )  # fmt: skip
    return _fresh(m, shipment)
