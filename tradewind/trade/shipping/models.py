"""Shipments (出货): an order ships in one or more, each with its booking, vessel or flight, containers,
dates, the bill of lading and its release, and the goods it carries counted against the order's lines.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.trade import ContainerType


class ShipmentMode(models.TextChoices):
    SEA_FCL = "sea_fcl", _("Sea, full container (FCL)")
    SEA_LCL = "sea_lcl", _("Sea, less than container (LCL)")
    AIR = "air", pgettext_lazy("transport", "Air")
    RAIL = "rail", pgettext_lazy("transport", "Rail")
    EXPRESS = "express", _("Express courier")


class ShipmentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("shipment", "Planned")
    BOOKED = "booked", pgettext_lazy("shipment", "Booked")
    SHIPPED = "shipped", pgettext_lazy("shipment", "Shipped")
    ARRIVED = "arrived", pgettext_lazy("shipment", "Arrived")
    DELIVERED = "delivered", pgettext_lazy("shipment", "Delivered")
    CANCELLED = "cancelled", pgettext_lazy("shipment", "Cancelled")


class ReleaseStatus(models.TextChoices):
    """How the buyer gets the goods from the carrier: nothing released yet, the original B/L couriered,
    a telex release (电放), or a sea waybill / air waybill that needs no release."""

    NOT_RELEASED = "not_released", _("Not released")
    ORIGINALS_SENT = "originals_sent", _("Original B/L sent")
    TELEX_RELEASED = "telex_released", _("Telex released")
    WAYBILL = "waybill", _("Waybill (no release needed)")


class Shipment(WorkspaceOwnedModel):
    order = models.ForeignKey("trade.Order", on_delete=models.PROTECT, related_name="shipments")
    number = models.CharField(_("number"), max_length=48)  # PI-2026-0001-S1
    sequence = models.PositiveSmallIntegerField(default=1)  # 1, 2 … per order
    mode = models.CharField(
        _("mode"), max_length=10, choices=ShipmentMode.choices, default=ShipmentMode.SEA_FCL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ShipmentStatus.choices, default=ShipmentStatus.PLANNED
    )
    forwarder = models.CharField(_("freight forwarder"), max_length=200, blank=True)
    booking_number = models.CharField(_("booking number"), max_length=60, blank=True)
    vessel = models.CharField(_("vessel or flight"), max_length=120, blank=True)
    voyage = models.CharField(_("voyage"), max_length=40, blank=True)
    port_of_loading = models.CharField(_("port of loading (UN/LOCODE)"), max_length=5, blank=True)
    port_of_discharge = models.CharField(_("port of discharge (UN/LOCODE)"), max_length=5, blank=True)
    etd = models.DateField(_("ETD"), null=True, blank=True)
    eta = models.DateField(_("ETA"), null=True, blank=True)
    atd = models.DateField(_("sailed (ATD)"), null=True, blank=True)
    ata = models.DateField(_("arrived (ATA)"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered to the buyer"), null=True, blank=True)
    bl_number = models.CharField(_("B/L or AWB number"), max_length=60, blank=True)
    bl_date = models.DateField(_("B/L date"), null=True, blank=True)
    release_status = models.CharField(
        _("release"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.NOT_RELEASED
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Released with the balance unpaid: the manager's reason (audited too).
    release_override_reason = models.TextField(blank=True)
    # The original B/L goes to the buyer (or their bank) by courier: which one, and its tracking number.
    release_courier = models.CharField(_("courier"), max_length=60, blank=True)
    release_tracking = models.CharField(_("tracking number"), max_length=60, blank=True)
    cancelled_reason = models.TextField(blank=True)
    # Totals kept by the services: the containers' sums once they give them, else the goods' by their packing.
    cartons = models.PositiveIntegerField(default=0)
    gross_kg = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    cbm = models.DecimalField(max_digits=12, decimal_places=4, default=0)
    remarks = models.TextField(_("remarks"), blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order_id", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="shipment_unique_number"),
            models.UniqueConstraint(fields=["order", "sequence"], name="shipment_unique_sequence"),
        ]
        indexes = [
            models.Index(fields=["workspace", "status", "etd"], name="shipment_by_etd"),
            models.Index(fields=["workspace", "eta"], name="shipment_by_eta"),
        ]

    def __str__(self):
        return self.number


class Container(WorkspaceOwnedModel):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="containers")
    position = models.PositiveSmallIntegerField(default=0)
    container_type = models.CharField(_("type"), max_length=5, choices=ContainerType.choices)
    # ISO 6346: four letters (owner code + category), six digits, a check digit: MSCU1234565.
    number = models.CharField(_("container number"), max_length=11, blank=True)
    seal_number = models.CharField(_("seal number"), max_length=40, blank=True)
    cartons = models.PositiveIntegerField(_("cartons"), default=0)
    gross_kg = models.DecimalField(_("gross weight (kg)"), max_digits=14, decimal_places=2, default=0)
    cbm = models.DecimalField(_("volume (CBM)"), max_digits=12, decimal_places=4, default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.number or self.container_type


class ShipmentLine(WorkspaceOwnedModel):
    """How much of an order line goes in this shipment."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("trade.OrderLine", on_delete=models.PROTECT, related_name="shipped")
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    cartons = models.PositiveIntegerField(_("cartons"), null=True, blank=True)

    class Meta:
        ordering = ["order_line__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "order_line"], name="shipment_line_unique"),
        ]

    def __str__(self):
        return f"{self.quantity} of line {self.order_line_id}"


class EtaChange(WorkspaceOwnedModel):
    """The ETA moved: from when to when and why, who recorded it, and the message drafted for the buyer
    (in their language where there is a template) that the rep copies into their own e-mail or chat."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="eta_changes")
    old_eta = models.DateField(null=True, blank=True)
    new_eta = models.DateField()
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_language = models.CharField(max_length=10)  # "en", "zh-hans"
    draft_subject = models.CharField(max_length=200)
    draft = models.TextField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.old_eta} -> {self.new_eta}"
