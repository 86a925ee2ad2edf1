"""Inquiries (询盘): what a buyer asked, and the workspace's rules for answering them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tradewind.catalog.choices import Unit
from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import MoneyAttribute, money_fields
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import Source
from tradewind.trade.inquiries.choices import OPEN_STATUSES, AssignmentMode, CreatedVia, InquiryStatus


class InquirySettings(models.Model):
    """A workspace's inquiry rules: the first-response clock, assignment, the public intake."""

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="inquiry_settings"
    )
    response_target_hours = models.PositiveSmallIntegerField(
        _("first response within (business hours)"), default=24
    )
    reminder_lead_hours = models.PositiveSmallIntegerField(
        _("remind the assignee (business hours before the target)"), default=4
    )
    business_start = models.TimeField(_("business hours from"), default=dt.time(9))
    business_end = models.TimeField(_("business hours until"), default=dt.time(18))
    business_days = models.CharField(_("business days"), max_length=20, default="0,1,2,3,4")  # Mon–Fri
    assignment_mode = models.CharField(
        _("assignment"), max_length=20, choices=AssignmentMode.choices, default=AssignmentMode.ROUND_ROBIN
    )
    # Index into the ordered round-robin members of the next one to get an inquiry.
    round_robin_next = models.PositiveIntegerField(default=0)
    # The public intake: only the token's hash is kept (the token is shown once, when it is made).
    intake_token_hash = models.CharField(max_length=64, blank=True, default="")
    intake_token_hint = models.CharField(max_length=12, blank=True, default="")  # its first characters
    intake_token_created_at = models.DateTimeField(null=True, blank=True)
    intake_origins = models.TextField(
        _("websites the intake form may send visitors back to"),
        blank=True,
        help_text=_("One origin a line, e.g. https://www.example.com"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["intake_token_hash"],
                condition=~Q(intake_token_hash=""),
                name="inquiry_intake_token_unique",
            )
        ]

    def __str__(self):
        return f"Inquiry settings of {self.workspace_id}"

    @property
    def business_weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.business_days.split(",") if d.strip().isdigit())

    @property
    def origins(self) -> list[str]:
        return [line.strip() for line in self.intake_origins.splitlines() if line.strip()]


class RoundRobinMember(WorkspaceOwnedModel):
    """A rep who takes turns receiving inquiries that no owner or route claims."""

    member = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "member"], name="inquiry_round_robin_unique"),
        ]


class InquiryRoute(WorkspaceOwnedModel):
    """Inquiries for a destination country, or asking for a product of a category, go to one member."""

    country = models.CharField(_("country"), max_length=2, blank=True)
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["country", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(country="") & Q(category__isnull=False))
                | (~Q(country="") & Q(category__isnull=True)),
                name="inquiry_route_country_or_category",
            ),
            models.UniqueConstraint(
                fields=["workspace", "country"], condition=~Q(country=""), name="inquiry_route_country"
            ),
            models.UniqueConstraint(
                fields=["workspace", "category"],
                condition=Q(category__isnull=False),
                name="inquiry_route_category",
            ),
        ]


class Competitor(WorkspaceOwnedModel):
    """Another supplier a buyer compares us with (竞争对手)."""

    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=2, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="competitor_unique_name"),
        ]

    def __str__(self):
        return self.name


class LostReason(WorkspaceOwnedModel):
    """Why a deal was lost: the workspace's list, in its order."""

    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="lost_reason_unique_name"),
        ]

    def __str__(self):
        return self.name


class Inquiry(WorkspaceOwnedModel):
    number = models.CharField(_("number"), max_length=20)  # INQ-2026-0001
    # Who asked: a customer of the CRM, or (from the intake, until a rep links one) what the buyer typed.
    customer = models.ForeignKey(
        "crm.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    contact = models.ForeignKey(
        "crm.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buyer_company = models.CharField(_("company"), max_length=200, blank=True)
    buyer_name = models.CharField(_("name"), max_length=120, blank=True)
    buyer_email = models.CharField(_("e-mail"), max_length=254, blank=True)
    buyer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    buyer_country = models.CharField(_("country"), max_length=2, blank=True)
    # Where it came from
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    platform_ref = models.CharField(
        _("platform inquiry id"),
        max_length=100,
        blank=True,
        help_text=_("e.g. the Alibaba.com inquiry number"),
    )
    created_via = models.CharField(max_length=10, choices=CreatedVia.choices, default=CreatedVia.APP)
    received_at = models.DateTimeField(_("received"))
    message = models.TextField(_("message"), blank=True)
    destination_country = models.CharField(_("destination country"), max_length=2, blank=True)
    destination_port = models.CharField(_("destination port (UN/LOCODE)"), max_length=5, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    # Who answers, and how fast
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    assignee = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    # Each set once, in the transaction that sends its notification: each is sent exactly once.
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # How it ended
    closed_at = models.DateTimeField(null=True, blank=True)
    lost_reason = models.ForeignKey(
        LostReason, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lost_competitor = models.ForeignKey(
        Competitor, null=True, blank=True, on_delete=models.SET_NULL, related_name="lost_inquiries"
    )
    lost_note = models.TextField(_("note"), blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="inquiry_unique_number"),
        ]
        indexes = [
            models.Index(fields=["workspace", "-received_at", "id"], name="inquiry_recent"),
            models.Index(fields=["workspace", "status", "assignee"], name="inquiry_by_status"),
            models.Index(fields=["workspace", "assignee", "status"], name="inquiry_by_assignee"),
        ]

    def __str__(self):
        return f"{self.number} {self.buyer_label}".strip()

    @property
    def buyer_label(self) -> str:
        if self.customer_id:
            return self.customer.name
        return self.buyer_company or self.buyer_name or self.buyer_email

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def in_pool(self) -> bool:
        return self.assignee_id is None and self.is_open


class InquiryItem(WorkspaceOwnedModel):
    """A product asked for: one of the catalog's, or described in the buyer's words."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECES)
    target_price_amount, target_price_currency = money_fields(_("target price"), null=True)
    target_price = MoneyAttribute("target_price")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.description or str(self.product or "")


class InquiryAttachment(WorkspaceOwnedModel):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
