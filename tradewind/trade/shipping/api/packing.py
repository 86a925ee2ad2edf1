"""A shipment's containers and goods under /api/v1/workspaces/{slug}/shipments/{shipment_id}/…: changed
by logistics and the leads while the shipment has not sailed (409 after)."""

from uuid import UUID

from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.trade.shipping import services
from tradewind.trade.shipping.access import access_container, access_shipment
from tradewind.trade.shipping.api.router import router
from tradewind.trade.shipping.api.schemas import (
    ShipmentContainerIn,
    ShipmentContainerOut,
    ShipmentContainerPatch,
    ShipmentLineOut,
    ShipmentLinesIn,
)
from tradewind.trade.shipping.api.shipments import ONE, goods_inputs
from tradewind.trade.shipping.models import Container

CONTAINERS = ONE + "/containers"
CONTAINER = CONTAINERS + "/{container_id}"


@router.get(CONTAINERS, response=list[ShipmentContainerOut], summary="A shipment's containers")
def shipment_container_list(request, slug: str, shipment_id: UUID):
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    return list(shipment.containers.all())


@router.post(
    CONTAINERS, response=answers(ShipmentContainerOut, 403, 409, status=201), summary="Add a container"
)
def shipment_container_add(request, slug: str, shipment_id: UUID, payload: ShipmentContainerIn):
    """Its type fits the mode (LCL for an LCL shipment; none for air or courier: 422); its number, if
    given, passes the ISO 6346 check digit (422 naming the digit it should be). The shipment's cartons,
    weight and volume become its containers' sums once they give them."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    container = services.container_add(actor=m, shipment=shipment, **payload.dict())
    return Status(201, container)


@router.patch(CONTAINER, response=answers(ShipmentContainerOut, 403, 409), summary="Change a container")
def shipment_container_update(
    request, slug: str, shipment_id: UUID, container_id: UUID, payload: ShipmentContainerPatch
):
    """The fields you send; null clears the number or the seal, or zeroes a figure."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    container = access_container(m, shipment, container_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    if changes.get("container_type", "") is None:
        changes.pop("container_type")
    for key in ("number", "seal_number"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    services.container_update(actor=m, container=container, **changes)
    return Container.objects.get(pk=container.pk)


@router.delete(CONTAINER, response=answers(None, 403, 409, status=204), summary="Remove a container")
def shipment_container_delete(request, slug: str, shipment_id: UUID, container_id: UUID):
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    services.container_remove(actor=m, container=access_container(m, shipment, container_id))
    return Status(204, None)


@router.get(ONE + "/lines", response=list[ShipmentLineOut], summary="The goods in a shipment")
def shipment_line_list(request, slug: str, shipment_id: UUID):
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    return list(shipment.lines.select_related("order_line"))


@router.put(ONE + "/lines", response=answers(list[ShipmentLineOut], 403, 409), summary="Set the goods")
def shipment_lines_replace(request, slug: str, shipment_id: UUID, payload: ShipmentLinesIn):
    """How much of each order line the shipment carries (lines left out, or at 0, leave it). 422 naming
    the line when it would ship more than was ordered over all the order's shipments not cancelled."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    goods = goods_inputs(shipment.order, payload.lines)
    services.shipment_lines_set(actor=m, shipment=shipment, goods=goods)
    return list(shipment.lines.select_related("order_line"))
