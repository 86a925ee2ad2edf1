"""Shipping documents (单证): the workspace's rules that say which documents a shipment needs, its table of
certificates of origin by destination, an order's letter of credit, and each shipment's documents with
their owner, status, file versions and the courier that carried the originals."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.trade.shipdocs.choices import (
    DocumentKind,
    DocumentSource,
    DocumentStatus,
    OriginType,
    RuleTrigger,
)


class DocumentRule(WorkspaceOwnedModel):
    """ "When <trigger> is one of <values>, the shipment needs <kind>": e.g. Incoterm CIF or CIP → the
    insurance policy; a word such as "wood" in the goods → the ISPM 15 fumigation certificate."""

    trigger = models.CharField(_("when"), max_length=20, choices=RuleTrigger.choices)
    values = models.JSONField(_("values"), default=list, blank=True)  # ["CIF", "CIP"], ["lc"], ["wood"]
    category = models.ForeignKey(
        "catalog.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product category"),
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    name = models.CharField(_("name on the checklist"), max_length=200, blank=True)  # else the kind's
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.trigger} {self.values} -> {self.kind}"


class OriginRule(WorkspaceOwnedModel):
    """The certificate of origin a destination country takes; the row without a country is for every
    other country."""

    country = models.CharField(_("destination country"), max_length=2, blank=True)
    origin_type = models.CharField(_("certificate of origin"), max_length=20, choices=OriginType.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "country"], name="origin_rule_unique_country"),
        ]

    def __str__(self):
        return f"{self.country or '*'} -> {self.origin_type}"


class LetterOfCredit(WorkspaceOwnedModel):
    """The buyer's L/C for an order: the bank pays against the documents it names, presented within the
    days it gives after the B/L date and before it expires."""

    order = models.OneToOneField("trade.Order", on_delete=models.CASCADE, related_name="letter_of_credit")
    number = models.CharField(_("L/C number"), max_length=60)
    issuing_bank = models.CharField(_("issuing bank"), max_length=200)
    advising_bank = models.CharField(_("advising bank"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"))
    latest_shipment_date = models.DateField(_("latest shipment date"), null=True, blank=True)
    presentation_days = models.PositiveSmallIntegerField(
        _("presentation days after the B/L date"), default=21
    )
    # In the order's currency; empty when the L/C is for the order's total.
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=4, null=True, blank=True)
    documents_required = models.JSONField(_("documents required"), default=list, blank=True)  # kinds
    notes = models.TextField(_("special conditions"), blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["workspace", "expiry_date"], name="lc_by_expiry")]

    def __str__(self):
        return self.number

    def presentation_deadline(self, bl_date: dt.date | None) -> dt.date:
        """The last day to present: B/L date + the presentation days, never after the expiry (UCP 600
        art. 14c); the expiry itself while there is no B/L date."""
        if bl_date is None:
            return self.expiry_date
        return min(bl_date + dt.timedelta(days=self.presentation_days), self.expiry_date)


class ShipmentDocument(WorkspaceOwnedModel):
    shipment = models.ForeignKey("shipping.Shipment", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    # The rules' documents are one per kind (the sync finds them by it); "" for one added by hand.
    rule_key = models.CharField(max_length=30, blank=True)
    source = models.CharField(max_length=10, choices=DocumentSource.choices, default=DocumentSource.RULES)
    name = models.CharField(_("name"), max_length=200, blank=True)  # empty: the kind's name
    origin_type = models.CharField(
        _("certificate of origin"), max_length=20, choices=OriginType.choices, blank=True
    )
    # Still asked for by the rules; False for one the rules dropped after work was done on it.
    required = models.BooleanField(default=True)
    # Why the rules ask for it: [{"trigger": "incoterm", "value": "CIF"}, {"trigger": "lc", "value": "…"}].
    reasons = models.JSONField(default=list, blank=True)
    owner = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.TO_PREPARE
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    due_from_lc = models.BooleanField(default=False)  # the L/C's presentation deadline, kept by the sync
    courier = models.CharField(_("courier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    originals_sent_on = models.DateField(_("originals sent on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "rule_key"], condition=~Q(rule_key=""), name="shipment_document_rule_key"
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "owner", "status"], name="shipment_document_by_owner"),
            models.Index(fields=["workspace", "status", "due_on"], name="shipment_document_due"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_done(self) -> bool:
        """With the buyer (or the bank): what the checklist's progress counts."""
        return self.status in (DocumentStatus.SENT_TO_BUYER, DocumentStatus.ORIGINAL_SENT)

    @property
    def display_name(self) -> str:
        """The name on the checklist, in the reader's language: the given one, else the kind's (with the
        certificate of origin's form)."""
        if self.name:
            return self.name
        label = str(self.get_kind_display())
        if self.kind == DocumentKind.CERTIFICATE_OF_ORIGIN and self.origin_type:
            label = f"{label} — {self.get_origin_type_display()}"
        return label


class DocumentVersion(WorkspaceOwnedModel):
    """One upload of a document (a draft, the checked copy, the scan of the original): each is kept."""

    document = models.ForeignKey(ShipmentDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    # Named: the files sweep keeps what a relation points at (hidden "+" relations it cannot see).
    file = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, related_name="shipment_document_versions"
    )
    uploaded_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique_number"),
        ]

    def __str__(self):
        return f"v{self.number}"
