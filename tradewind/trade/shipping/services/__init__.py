"""The shipping rules (DESIGN §3.1); the pages, the API and the demo all call these.

shipments.py   the fields' rules (UN/LOCODE ports, dates in order), planning a shipment for a confirmed
               order (PI-…-S1, -S2 …), changing it, its statuses
goods.py       the goods of a shipment against the order's lines (never more than ordered), the totals
containers.py  containers with ISO 6346 numbers
eta.py         a moved ETA: recorded, the rep told, the buyer's message drafted
release.py     original B/L sent or telex release, refused with the balance open unless a manager says why
"""

from tradewind.trade.shipping.services.common import SUBJECT, shipment_url
from tradewind.trade.shipping.services.containers import (
    CONTAINER_FIELDS,
    container_add,
    container_remove,
    container_update,
)
from tradewind.trade.shipping.services.eta import shipment_eta_change
from tradewind.trade.shipping.services.goods import GoodsInput, shipment_lines_set
from tradewind.trade.shipping.services.release import shipment_release
from tradewind.trade.shipping.services.shipments import (
    SHIPMENT_FIELDS,
    shipment_create,
    shipment_status_set,
    shipment_update,
)

__all__ = [
    "CONTAINER_FIELDS",
    "SHIPMENT_FIELDS",
    "SUBJECT",
    "GoodsInput",
    "container_add",
    "container_remove",
    "container_update",
    "shipment_create",
    "shipment_eta_change",
    "shipment_lines_set",
    "shipment_release",
    "shipment_status_set",
    "shipment_update",
    "shipment_url",
]
