"""After-sales (售后): the follow-up planned with the buyer once a shipment has arrived, the cases a buyer
opens about an order (quality, shortage, damage, delay, wrong goods), and the credit notes their
resolutions leave on the customer until a later order uses them.

A case keeps one currency (the order's by default): what the buyer claims and what was agreed are both in
it, so the two can be compared without a conversion (DESIGN §3.7).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import AMOUNT_MAX_DIGITS, AMOUNT_PLACES, Money
from tradewind.trade.aftersales.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    CaseStatus,
    CaseType,
    Resolution,
)

AMOUNT = {"max_digits": AMOUNT_MAX_DIGITS, "decimal_places": AMOUNT_PLACES}
DEFAULT_FOLLOW_UP_DAYS = 14


class AftersalesSettings(models.Model):
    """A workspace's after-sales rules."""

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="aftersales_settings"
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow up with the buyer (days after arrival)"), default=DEFAULT_FOLLOW_UP_DAYS
    )

    def __str__(self):
        return f"after-sales settings of {self.workspace_id}"


class FollowUp(WorkspaceOwnedModel):
    """The follow-up planned with the buyer for one shipment: one row per shipment is what makes the
    periodic job plan each exactly once."""

    shipment = models.OneToOneField(
        "shipping.Shipment", on_delete=models.CASCADE, related_name="aftersales_follow_up"
    )
    order = models.ForeignKey("trade.Order", on_delete=models.PROTECT, related_name="aftersales_follow_ups")
    customer = models.ForeignKey("crm.Customer", on_delete=models.PROTECT, related_name="+")
    arrived_on = models.DateField(_("arrived"))  # delivered, else arrived (ATA), else the ETA
    due_on = models.DateField(_("follow up on"))
    assignee = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="aftersales_follow_ups"
    )
    # The CRM's next follow-up date this plan set on the customer (None: it had an earlier one, or the
    # person could not plan it).
    customer_follow_up_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-due_on", "-id"]

    def __str__(self):
        return f"follow-up of shipment {self.shipment_id}"


class AftersalesCase(WorkspaceOwnedModel):
    """A buyer's complaint about an order (and one of its shipments), worked by customer service."""

    number = models.CharField(_("number"), max_length=40)  # AS-2026-0001
    order = models.ForeignKey("trade.Order", on_delete=models.PROTECT, related_name="aftersales_cases")
    shipment = models.ForeignKey(
        "shipping.Shipment", null=True, blank=True, on_delete=models.SET_NULL, related_name="aftersales_cases"
    )
    customer = models.ForeignKey("crm.Customer", on_delete=models.PROTECT, related_name="aftersales_cases")
    case_type = models.CharField(_("type"), max_length=20, choices=CaseType.choices)
    description = models.TextField(_("description"))
    currency = models.CharField(_("currency"), max_length=3)
    claimed_amount = models.DecimalField(_("claimed amount"), null=True, blank=True, **AMOUNT)
    owner = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices, blank=True)
    agreed_amount = models.DecimalField(_("agreed amount"), null=True, blank=True, **AMOUNT)
    resolution_note = models.TextField(_("resolution note"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="aftersales_case_unique_number"),
            models.CheckConstraint(
                condition=Q(claimed_amount__isnull=True) | Q(claimed_amount__gt=0),
                name="aftersales_case_claim_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "status", "-created_at"], name="aftersales_case_by_status"),
            models.Index(fields=["workspace", "owner", "status"], name="aftersales_case_by_owner"),
            models.Index(fields=["workspace", "customer", "status"], name="aftersales_case_by_customer"),
        ]

    def __str__(self):
        return self.number

    @property
    def claimed(self) -> Money | None:
        return None if self.claimed_amount is None else Money(self.claimed_amount, self.currency)

    @property
    def agreed(self) -> Money | None:
        return None if self.agreed_amount is None else Money(self.agreed_amount, self.currency)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class CasePhoto(WorkspaceOwnedModel):
    """A photo the buyer sent (broken cartons, a wrong colour), with its thumbnail. The files are named
    back (related_name) so that the files app's sweep sees them in use."""

    case = models.ForeignKey(AftersalesCase, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="aftersales_photos")
    thumbnail = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, related_name="aftersales_thumbnails"
    )
    uploaded_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.file.original_name


class CreditNote(WorkspaceOwnedModel):
    """What a case resolved with a credit note owes the buyer: open on the customer until a later order
    of theirs deducts it (`applied_to`)."""

    number = models.CharField(_("number"), max_length=40)  # CN-2026-0001
    case = models.OneToOneField(AftersalesCase, on_delete=models.PROTECT, related_name="credit_note")
    customer = models.ForeignKey("crm.Customer", on_delete=models.PROTECT, related_name="credit_notes")
    amount = models.DecimalField(_("amount"), **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3)
    applied_to = models.ForeignKey(
        "trade.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes_applied"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="credit_note_unique_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="credit_note_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["workspace", "customer", "applied_to"], name="credit_note_by_customer"),
        ]

    def __str__(self):
        return self.number

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def is_open(self) -> bool:
        return self.applied_to_id is None
