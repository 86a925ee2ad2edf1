"""Sales documents: quotations (报价单), proforma invoices and the orders they become.

Amounts are Decimals in the document's currency (DESIGN §3.7). Each document records the rate to the
workspace's reporting currency on its date, so sums across currencies are converted with the rate the
document was made at, and say so. Lines keep a copy of what they were made from (the product's name,
packing and cost on that day): a buyer's paper does not change when the catalog does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.catalog.choices import Unit
from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import Money
from tradewind.core.trade import Incoterm
from tradewind.trade.choices import DocumentLanguage, OrderStatus, PaymentEvent, QuotationStatus

AMOUNT = {"max_digits": 18, "decimal_places": 4}
RATE = {"max_digits": 20, "decimal_places": 10}


class TradeSettings(models.Model):
    """What a workspace prints on its documents and the rules its quotations follow."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    # The letterhead
    legal_name = models.CharField(_("company name on documents"), max_length=200, blank=True)
    legal_name_zh = models.CharField(_("company name in Chinese"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bank_details = models.TextField(
        _("bank details"), blank=True, help_text=_("Beneficiary, bank, account, SWIFT: printed on PIs.")
    )
    # Approval: a quotation crossing any of these goes to a manager before it is sent.
    approval_discount_percent = models.DecimalField(
        _("approve discounts above (%)"), max_digits=5, decimal_places=2, null=True, blank=True, default=10
    )
    approval_margin_percent = models.DecimalField(
        _("approve margins below (%)"), max_digits=5, decimal_places=2, null=True, blank=True, default=15
    )
    approval_total_amount = models.DecimalField(
        _("approve totals above (reporting currency)"), null=True, blank=True, **AMOUNT
    )
    fx_risk_percent = models.DecimalField(
        _("warn when a currency moved more than (%)"), max_digits=5, decimal_places=2, default=3
    )
    validity_days = models.PositiveSmallIntegerField(_("quotations valid for (days)"), default=30)
    expiry_reminder_days = models.PositiveSmallIntegerField(
        _("remind before a quotation expires (days)"), default=3
    )

    def __str__(self):
        return f"trade settings of {self.workspace_id}"


class PaymentTermsMixin(models.Model):
    """Payment terms as milestones: [{"percent": "30", "method": "tt", "event": "deposit", "days": null},
    {"percent": "70", "method": "tt", "event": "against_bl_copy", "days": null}] — 100 % in all."""

    payment_terms = models.JSONField(_("payment terms"), default=list, blank=True)

    class Meta:
        abstract = True


class TradeDocument(PaymentTermsMixin, WorkspaceOwnedModel):
    """What quotations and orders share: the buyer, the money, the delivery terms, the totals."""

    customer = models.ForeignKey("crm.Customer", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(
        "crm.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )  # the rep who answers for it
    currency = models.CharField(_("currency"), max_length=3)
    issued_on = models.DateField(_("date"))
    # The rate to the reporting currency on `issued_on` (1 in that currency) and the day it was published.
    rate = models.DecimalField(**RATE)
    rate_on = models.DateField()
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    incoterm_place = models.CharField(_("named place"), max_length=120)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)
    language = models.CharField(
        _("document language"), max_length=8, choices=DocumentLanguage.choices, default="en"
    )
    remarks = models.TextField(_("remarks"), blank=True)  # printed
    # Totals, kept by the services when lines change: lists and sums read these.
    total = models.DecimalField(_("total"), default=0, **AMOUNT)
    total_reporting = models.DecimalField(default=0, **AMOUNT)  # total × rate, rounded
    cartons = models.PositiveIntegerField(default=0)
    cbm = models.DecimalField(max_digits=12, decimal_places=4, default=0)
    gross_kg = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def total_money(self) -> Money:
        return Money(self.total, self.currency)

    @property
    def incoterm_text(self) -> str:
        """ "FOB Ningbo": what a buyer reads."""
        return f"{self.incoterm} {self.incoterm_place}".strip()


class Quotation(TradeDocument):
    # Q-2026-0001, and Q-2026-0001-R2 for its second revision: `base_number` is shared by revisions.
    number = models.CharField(_("number"), max_length=40)
    base_number = models.CharField(max_length=32)
    revision = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_revision"
    )
    inquiry = models.ForeignKey(
        "inquiries.Inquiry", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotations"
    )  # the inquiry it answers
    status = models.CharField(
        _("status"), max_length=20, choices=QuotationStatus.choices, default=QuotationStatus.DRAFT
    )
    valid_until = models.DateField(_("valid until"))
    # Why it needs a manager: [{"rule": "discount", "limit": "10", "found": "15"}]; set on submit.
    approval_reasons = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.CharField(max_length=254, blank=True)  # the e-mail address, or "" if marked sent
    answered_at = models.DateTimeField(null=True, blank=True)  # accepted or declined
    decline_reason = models.TextField(blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="quotation_unique_number"),
            models.UniqueConstraint(
                fields=["workspace", "base_number", "revision"], name="quotation_unique_revision"
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "status", "-issued_on"], name="quotation_by_status"),
            models.Index(fields=["workspace", "owner", "status"], name="quotation_by_owner"),
            models.Index(fields=["workspace", "customer", "-issued_on"], name="quotation_by_customer"),
            models.Index(fields=["workspace", "status", "valid_until"], name="quotation_expiry"),
        ]

    def __str__(self):
        return self.number


class DocumentLine(WorkspaceOwnedModel):
    """A line of a quotation or an order, with the copy of its product's facts on the day it was made."""

    position = models.PositiveSmallIntegerField(default=0)
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    name = models.CharField(_("description"), max_length=300)
    specification = models.TextField(_("specification"), blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECES)
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=4)
    discount_percent = models.DecimalField(_("discount (%)"), max_digits=5, decimal_places=2, default=0)
    total = models.DecimalField(_("amount"), **AMOUNT)  # rounded to the currency's minor units
    # Where the price came from (empty: typed by the rep) and what the list said.
    price_list = models.ForeignKey(
        "catalog.PriceList", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    list_price = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    # The product's cost and packing on the day (margins; the packing summary).
    cost_amount = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    cost_currency = models.CharField(max_length=3, blank=True)
    units_per_carton = models.PositiveIntegerField(null=True, blank=True)
    cbm_per_carton = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    gross_kg_per_carton = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    @property
    def cost(self) -> Money | None:
        if self.cost_amount is None or not self.cost_currency:
            return None
        return Money(self.cost_amount, self.cost_currency)

    @property
    def cartons(self) -> int | None:
        """Whole export cartons for the quantity (a part carton is a carton)."""
        if not self.units_per_carton:
            return None
        return int((self.quantity / self.units_per_carton).to_integral_value(rounding="ROUND_CEILING"))

    @property
    def cbm(self) -> Decimal | None:
        cartons = self.cartons
        if cartons is None or self.cbm_per_carton is None:
            return None
        return (self.cbm_per_carton * cartons).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def gross_kg(self) -> Decimal | None:
        cartons = self.cartons
        if cartons is None or self.gross_kg_per_carton is None:
            return None
        return self.gross_kg_per_carton * cartons


class QuotationLine(DocumentLine):
    quotation = models.ForeignKey(Quotation, on_delete=models.CASCADE, related_name="lines")

    class Meta(DocumentLine.Meta):
        indexes = [models.Index(fields=["quotation", "position"], name="quotation_line_order")]


class Order(TradeDocument):
    """A proforma invoice (PI) until the buyer confirms it; then the order that fulfilment carries on."""

    number = models.CharField(_("number"), max_length=40)  # PI-2026-0001
    quotation = models.ForeignKey(
        Quotation, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PROFORMA
    )
    buyer_name = models.CharField(_("buyer's legal name"), max_length=200)
    buyer_address = models.TextField(_("buyer's address"), blank=True)
    port_of_loading = models.CharField(_("port of loading"), max_length=120, blank=True)
    port_of_discharge = models.CharField(_("port of discharge"), max_length=120, blank=True)
    shipping_marks = models.TextField(_("shipping marks"), blank=True)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    bank_details = models.TextField(_("bank details"), blank=True)  # as printed on the PI
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_on = models.DateField(_("confirmed by the buyer on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_pi = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="order_unique_number"),
        ]
        indexes = [
            models.Index(fields=["workspace", "status", "-issued_on"], name="order_by_status"),
            models.Index(fields=["workspace", "owner", "status"], name="order_by_owner"),
            models.Index(fields=["workspace", "customer", "-issued_on"], name="order_by_customer"),
        ]

    def __str__(self):
        return self.number


class OrderLine(DocumentLine):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")

    class Meta(DocumentLine.Meta):
        indexes = [models.Index(fields=["order", "position"], name="order_line_order")]


class OrderPayment(WorkspaceOwnedModel):
    """A payment milestone of an order as an amount due: what finance expects to receive."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    position = models.PositiveSmallIntegerField(default=0)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    method = models.CharField(max_length=20)
    event = models.CharField(max_length=20, choices=PaymentEvent.choices)
    days = models.PositiveSmallIntegerField(null=True, blank=True)
    amount = models.DecimalField(**AMOUNT)
    due_on = models.DateField(null=True, blank=True)  # known for a deposit; others follow events
    received = models.DecimalField(default=0, **AMOUNT)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            # Finance's receivables list starts from the milestones with money open: few of all.
            models.Index(
                fields=["workspace", "order"],
                name="order_payment_open",
                condition=models.Q(received__lt=models.F("amount")),
            )
        ]

    @property
    def amount_money(self) -> Money:
        return Money(self.amount, self.order.currency)
