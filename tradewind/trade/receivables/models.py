"""Receivables (收款): what the buyer paid against the order's payment milestones, and finance's rules.

A `Receipt` is one payment as the bank reported it: its date, the amount and currency the buyer paid, the
rate to the order's currency when that differs, the bank charges taken on the way. Its `Allocation`s say
which milestones (trade.OrderPayment) it settles, in the order's currency; what is left over — an
over-payment finance confirmed — stays on the receipt as credit. A reversed receipt keeps its rows (the
history) but no longer counts. The milestones' `received` is written by trade.services.payments from the
live allocations, never here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import Money
from tradewind.trade.models import AMOUNT, RATE
from tradewind.trade.receivables.choices import ReceiptStatus

ESCALATION_DAYS = 7


class ReceivablesSettings(models.Model):
    """A workspace's finance rules for money due."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    escalation_days = models.PositiveSmallIntegerField(
        _("tell the managers when a payment is overdue by (days)"),
        default=ESCALATION_DAYS,
        help_text=_("The sales rep and finance hear the day after the due date; the managers after this."),
    )

    def __str__(self):
        return f"receivables settings of {self.workspace_id}"


class Receipt(WorkspaceOwnedModel):
    order = models.ForeignKey("trade.Order", on_delete=models.PROTECT, related_name="receipts")
    number = models.CharField(_("number"), max_length=40)  # RC-2026-0001
    received_on = models.DateField(_("received on"))
    # What the buyer paid, in the currency they paid in; it settles the milestones.
    amount = models.DecimalField(_("amount"), **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3)
    # Units of the order's currency for one unit of `currency`; null when they are the same.
    rate = models.DecimalField(_("rate to the order's currency"), null=True, blank=True, **RATE)
    amount_in_order = models.DecimalField(**AMOUNT)  # amount × rate, rounded to the order currency's cents
    # Taken by the banks on the way (in `currency`): finance's cost, not the buyer's debt.
    bank_charges = models.DecimalField(_("bank charges"), default=0, **AMOUNT)
    reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    payer = models.CharField(_("paid by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The part allocated to no milestone (a confirmed over-payment), in the order's currency.
    credit = models.DecimalField(_("credit"), default=0, **AMOUNT)
    status = models.CharField(
        _("status"), max_length=10, choices=ReceiptStatus.choices, default=ReceiptStatus.RECORDED
    )
    recorded_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reversal_reason = models.TextField(_("why it was reversed"), blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="receipt_unique_number"),
        ]
        indexes = [
            models.Index(fields=["workspace", "-received_on", "-id"], name="receipt_recent"),
            models.Index(fields=["order", "received_on"], name="receipt_by_order"),
        ]

    def __str__(self):
        return self.number

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def is_reversed(self) -> bool:
        return self.status == ReceiptStatus.REVERSED


class Allocation(WorkspaceOwnedModel):
    """The part of a receipt that settles one milestone, in the order's currency."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="allocations")
    payment = models.ForeignKey("trade.OrderPayment", on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(_("amount"), **AMOUNT)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["receipt", "payment"], name="allocation_unique_milestone"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_positive"),
        ]


class OverdueNotice(WorkspaceOwnedModel):
    """Who was told that a milestone passed its due date unpaid, and when: each once. The times are set by
    a conditional update in the transaction that sends the notification (as inquiries' clock does)."""

    payment = models.OneToOneField(
        "trade.OrderPayment", on_delete=models.CASCADE, related_name="overdue_notice"
    )
    order = models.ForeignKey("trade.Order", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()  # the deadline that passed
    told_at = models.DateTimeField(null=True, blank=True)  # the rep and finance
    escalated_at = models.DateTimeField(null=True, blank=True)  # the managers

    class Meta:
        indexes = [models.Index(fields=["escalated_at"], name="overdue_notice_open")]
