"""Shipping's words that are not columns: the statuses grouped by what they allow, how goods are released,
and the audited actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.trade.shipping.models import ReleaseStatus, ShipmentMode, ShipmentStatus

# A shipment's goods and containers are what leaves the factory: fixed once it has sailed.
PACKING_OPEN = (ShipmentStatus.PLANNED, ShipmentStatus.BOOKED)
# Counted against the order's quantities: everything but a cancelled shipment.
COUNTED = (
    ShipmentStatus.PLANNED, ShipmentStatus.BOOKED, ShipmentStatus.SHIPPED, ShipmentStatus.ARRIVED,
    ShipmentStatus.DELIVERED,
)  # fmt: skip
# Not sailed yet: the board's next ETD is the earliest of these.
NOT_SAILED = (ShipmentStatus.PLANNED, ShipmentStatus.BOOKED)
# Sailed: a B/L exists, the goods may be released to the buyer.
SAILED = (ShipmentStatus.SHIPPED, ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED)

# Where a status may go. Sea freight is booked before it sails; an air, rail or courier shipment may be
# handed over without a separate booking step. Only what has not sailed can be cancelled.
NEXT = {
    ShipmentStatus.PLANNED: (ShipmentStatus.BOOKED, ShipmentStatus.SHIPPED, ShipmentStatus.CANCELLED),
    ShipmentStatus.BOOKED: (ShipmentStatus.SHIPPED, ShipmentStatus.PLANNED, ShipmentStatus.CANCELLED),
    ShipmentStatus.SHIPPED: (ShipmentStatus.ARRIVED,),
    ShipmentStatus.ARRIVED: (ShipmentStatus.DELIVERED,),
    ShipmentStatus.DELIVERED: (),
    ShipmentStatus.CANCELLED: (),
}
SEA_MODES = (ShipmentMode.SEA_FCL, ShipmentMode.SEA_LCL)
# Carried without containers of our own: the goods' cartons are the shipment's.
NO_CONTAINERS = (ShipmentMode.AIR, ShipmentMode.EXPRESS)
# Full containers whose numbers go on the B/L: required before the shipment sails.
NUMBERED_CONTAINERS = (ShipmentMode.SEA_FCL,)
# A waybill (air, courier) releases the goods to the consignee by itself.
WAYBILL_MODES = (ShipmentMode.AIR, ShipmentMode.EXPRESS)


class ReleaseHow(models.TextChoices):
    """What the shipper does to let the buyer take the goods."""

    ORIGINALS_SENT = ReleaseStatus.ORIGINALS_SENT.value, _("Original B/L sent by courier")
    TELEX_RELEASED = ReleaseStatus.TELEX_RELEASED.value, _("Telex release (电放)")


class ShippingAuditAction(models.TextChoices):
    RELEASE_OVERRIDE = "shipment_release_override", _("Released goods with the balance unpaid")
