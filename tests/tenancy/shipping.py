"""Shipping's URLs in the tenancy matrix: a shipment of the victim's confirmed order, with a container, its
goods and an ETA change, each carrying the marker."""

import datetime as dt

from tests.factories import workspace_today

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "shipping:list": "404",
    "shipping:create": "404",
    "shipping:detail": "404",
    "shipping:edit": "404",
    "shipping:status": "404",
    "shipping:eta": "404",
    "shipping:release": "404",
    "shipping:goods": "404",
    "shipping:container_add": "404",
    "shipping:container_edit": "404",
    "shipping:container_delete": "404",
    "api:shipment_list": "404",
    "api:shipment_order_list": "404",
    "api:shipment_remaining": "404",
    "api:shipment_create": "404",
    "api:shipment_detail": "404",
    "api:shipment_update": "404",
    "api:shipment_status": "404",
    "api:shipment_eta_change": "404",
    "api:shipment_eta_changes": "404",
    "api:shipment_release": "404",
    "api:shipment_container_list": "404",
    "api:shipment_container_add": "404",
    "api:shipment_container_update": "404",
    "api:shipment_container_delete": "404",
    "api:shipment_line_list": "404",
    "api:shipment_lines_replace": "404",
}

PARAMS = {"shipment_id": "shipment_id", "container_id": "container_id"}


def build(*, owner, member, customer, order, product) -> dict:
    from tradewind.trade.shipping import services

    today = workspace_today()
    shipment = services.shipment_create(
        actor=owner, order=order, forwarder=f"Forwarder {MARKER}", remarks=MARKER, booking_number="BK-7731",
        vessel=f"Vessel {MARKER}", port_of_loading="CNNGB", port_of_discharge="DEHAM",
        etd=today + dt.timedelta(days=10), eta=today + dt.timedelta(days=40),
    )  # fmt: skip
    container = services.container_add(
        actor=owner, shipment=shipment, container_type="40HQ", number="CSQU3054383", seal_number="ZZ7731"
    )
    services.shipment_eta_change(
        actor=owner, shipment=shipment, eta=today + dt.timedelta(days=45), reason=f"Congestion {MARKER}"
    )
    return {"shipment_id": shipment.public_id, "container_id": container.public_id}
