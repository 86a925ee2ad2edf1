"""Production and QC (生产 / 验货): the factories the team buys from, each confirmed order's production at
one or more of them with its progress updates, and the quality inspections of the goods.

An order may be made at several factories: each `Production` is the part one supplier makes, with its
planned, actual and expected dates. `late` says its expected ready date is past the order's delivery
date — what makes production flag the order at risk on the board (workflow's Fulfilment).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.trade.production.choices import (
    InspectionAgency,
    InspectionKind,
    InspectionResult,
    ProductionStatus,
)


def _member(related_name="+", label=None):
    return models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name,
        verbose_name=label,
    )  # fmt: skip


class Supplier(WorkspaceOwnedModel):
    """A factory or trading supplier the team places production with (工厂 / 供应商)."""

    name = models.CharField(_("name"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Archived: no new production is placed there; its past orders keep pointing at it.
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint("workspace", Lower("name"), name="supplier_unique_name")]
        indexes = [models.Index(fields=["workspace", "archived", "name"], name="supplier_by_name")]

    def __str__(self):
        return self.name


class Production(WorkspaceOwnedModel):
    """The part of a confirmed order one supplier makes."""

    order = models.ForeignKey("trade.Order", on_delete=models.CASCADE, related_name="productions")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="productions")
    goods = models.CharField(_("what it makes"), max_length=300, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_ready = models.DateField(_("planned ready date"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_ready = models.DateField(_("actual ready date"), null=True, blank=True)
    # What the factory says now; the planned ready date until a progress update moves it.
    expected_ready = models.DateField(_("expected ready date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=ProductionStatus.choices, default=ProductionStatus.PLANNED
    )
    late = models.BooleanField(default=False)  # expected ready after the order's delivery date
    notes = models.TextField(_("notes"), blank=True)
    created_by = _member()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="production_progress_percent"),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_ready__isnull=True)
                | Q(planned_ready__gte=F("planned_start")),
                name="production_planned_in_order",
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_ready__isnull=True)
                | Q(actual_ready__gte=F("actual_start")),
                name="production_actual_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["order", "id"], name="production_of_order"),
            models.Index(fields=["workspace", "supplier", "status"], name="production_by_supplier"),
        ]

    def __str__(self):
        return f"{self.supplier} · {self.goods}" if self.goods else str(self.supplier)

    @property
    def ready_date(self):
        """When the goods are (or are now expected to be) ready."""
        return self.actual_ready or self.expected_ready or self.planned_ready


class ProgressUpdate(WorkspaceOwnedModel):
    """What the factory or the merchandiser's visit said: how far, and when it will be ready."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="updates")
    note = models.TextField(_("note"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    # The new expected ready date given with this update; empty: unchanged.
    expected_ready = models.DateField(_("expected ready date"), null=True, blank=True)
    author = _member()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_update_percent"),
        ]
        indexes = [models.Index(fields=["production", "-created_at"], name="progress_update_recent")]


class ProgressPhoto(WorkspaceOwnedModel):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    thumbnail = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]


class Inspection(WorkspaceOwnedModel):
    """A QC inspection of an order's goods, by the team's own QC or a third party (验货)."""

    order = models.ForeignKey("trade.Order", on_delete=models.CASCADE, related_name="inspections")
    # At which factory (an order made at several is inspected at each); empty: the order as a whole.
    production = models.ForeignKey(
        Production, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections"
    )
    agency = models.CharField(
        _("inspected by"), max_length=10, choices=InspectionAgency.choices, default=InspectionAgency.OWN
    )
    agency_name = models.CharField(_("company name"), max_length=120, blank=True)  # for "another company"
    kind = models.CharField(
        _("inspection"), max_length=15, choices=InspectionKind.choices, default=InspectionKind.PRE_SHIPMENT
    )
    inspector = models.CharField(_("inspector"), max_length=120, blank=True)
    inspected_on = models.DateField(_("inspection date"))
    result = models.CharField(
        _("result"), max_length=12, choices=InspectionResult.choices, default=InspectionResult.PENDING
    )
    defects = models.TextField(_("defects found"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = _member()
    report = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A manager let a failed inspection go on to booking, and why (audited).
    risk_accepted_at = models.DateTimeField(null=True, blank=True)
    risk_accepted_by = _member()
    risk_reason = models.TextField(_("why the risk is accepted"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = _member()

    class Meta:
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(agency=InspectionAgency.OTHER) | ~Q(agency_name=""),
                name="inspection_other_agency_named",
            ),
        ]
        indexes = [
            models.Index(fields=["order", "-inspected_on"], name="inspection_of_order"),
            models.Index(fields=["workspace", "-inspected_on", "-id"], name="inspection_recent"),
            models.Index(fields=["workspace", "result", "-inspected_on"], name="inspection_by_result"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.agency_label}"

    @property
    def agency_label(self) -> str:
        return self.agency_name if self.agency == InspectionAgency.OTHER else self.get_agency_display()

    @property
    def decided(self) -> bool:
        return self.result != InspectionResult.PENDING


class InspectionPhoto(WorkspaceOwnedModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    thumbnail = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
