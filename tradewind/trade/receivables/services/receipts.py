"""Receipts (收款) against the order's payment milestones, and their reversal.

A receipt is what the buyer paid: its amount and currency, the rate to the order's currency when the buyer
paid in another (required then; in the order's currency it counts amount × rate, to the cent), the bank
charges taken on the way (finance's cost: they do not reduce what the buyer paid). It settles milestones —
oldest due first unless finance chooses — partly or fully. More than is open, or more than finance
allocated, is refused unless the over-payment is confirmed; the rest then stays on the receipt as credit
(audited). A reversal (a bounced or mis-booked payment) needs a reason and is audited; the milestones owe
again what it had settled.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money, money_format
from tradewind.notifications.services import notify
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order, OrderPayment
from tradewind.trade.receivables import permissions
from tradewind.trade.receivables.choices import ReceiptStatus, ReceivablesAuditAction
from tradewind.trade.receivables.models import Allocation, Receipt
from tradewind.trade.receivables.selectors import oldest_due_first
from tradewind.trade.receivables.services.common import ORDER, history, order_overdue_flag_sync, order_url
from tradewind.trade.receivables.services.receipt_input import ReceiptInput, plain, receipt_input_clean
from tradewind.trade.services.common import document_number
from tradewind.trade.services.payments import order_payments_received_set
from tradewind.workspaces.audit import audit_record

REASON_MAX = 2000


def _locked(order) -> Order:
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "owner__user")
        .get(pk=order.pk)
    )


def _allocation_plan(payments, total: Decimal, chosen, currency: str) -> list[tuple[OrderPayment, Decimal]]:
    """Which milestones the receipt settles, and by how much (in the order's currency). `chosen`: finance's
    [(milestone public id, amount)], else the open milestones oldest due first until the money runs out."""
    open_of = {p.pk: p.amount - p.received for p in payments}
    if chosen is None:
        plan, left = [], total
        for payment in oldest_due_first([p for p in payments if open_of[p.pk] > 0]):
            if left <= 0:
                break
            part = min(left, open_of[payment.pk])
            plan.append((payment, part))
            left -= part
        return plan
    by_id = {str(p.public_id): p for p in payments}
    errors: list[ApplicationError] = []
    plan, seen = [], set()
    places = Money.zero(currency).minor_units
    for milestone_id, amount in chosen:
        amount = plain(amount)
        payment = by_id.get(str(milestone_id))
        if payment is None or payment.pk in seen:
            errors.append(ValidationFailed(_("Choose each milestone of this order at most once.")))
            continue
        seen.add(payment.pk)
        if amount is None or amount == 0:
            continue  # a milestone left empty on the form
        label = _("Milestone %(n)d") % {"n": payment.position + 1}
        if not isinstance(amount, Decimal) or amount < 0 or -amount.as_tuple().exponent > places:
            errors.append(
                ValidationFailed(
                    _("%(milestone)s: give an amount above 0 with at most %(places)d decimals.")
                    % {"milestone": label, "places": places}
                )
            )
        elif amount > open_of[payment.pk]:
            errors.append(
                ValidationFailed(
                    _("%(milestone)s: %(open)s is open on it; it cannot take %(amount)s.")
                    % {
                        "milestone": label,
                        "open": money_format(Money(open_of[payment.pk], currency)),
                        "amount": money_format(Money(amount, currency)),
                    }
                )
            )
        else:
            plan.append((payment, amount))
    if not errors:
        allocated = sum((part for _p, part in plan), Decimal(0))
        if allocated > total:
            errors.append(
                ValidationFailed(
                    _("The allocations add up to %(allocated)s, more than the receipt's %(total)s.")
                    % {
                        "allocated": money_format(Money(allocated, currency)),
                        "total": money_format(Money(total, currency)),
                    }
                )
            )
    if errors:
        for error in errors:
            error.field = "allocations"
        raise ValidationFailed.all_of(errors)
    return plan


def _overpayment_refused(left: Decimal, total: Decimal, open_total: Decimal, currency: str, chosen) -> None:
    values = {
        "left": money_format(Money(left, currency)),
        "total": money_format(Money(total, currency)),
        "open": money_format(Money(open_total, currency)),
    }
    if chosen is None or total > open_total:
        message = _(
            "The receipt counts %(total)s but only %(open)s is open on the order. Confirm the over-payment "
            "to keep %(left)s as credit on the receipt."
        )
    else:
        message = _(
            "%(left)s of the receipt is allocated to no milestone. Allocate it, or confirm the over-payment "
            "to keep it as credit on the receipt."
        )
    raise ValidationFailed(message % values, field="confirm_overpayment", code="overpayment")


def received_sync(payments) -> None:
    """Each milestone's `received`: the sum of the allocations of receipts that stand (not reversed)."""
    payments = list(payments)
    totals = dict(
        Allocation.objects.filter(payment__in=payments, receipt__status=ReceiptStatus.RECORDED)
        .values("payment_id")
        .annotate(total=Sum("amount"))
        .values_list("payment_id", "total")
        .order_by()
    )
    order_payments_received_set(received=[(p, totals.get(p.pk) or Decimal(0)) for p in payments])


@transaction.atomic
def receipt_record(*, actor, order, allocations=None, confirm_overpayment: bool = False, **fields) -> Receipt:
    """Record what the buyer paid (`fields`: received_on, amount, currency, rate, bank_charges, reference,
    payer, note) and settle the order's milestones with it. `allocations`: [(milestone public id, amount in
    the order's currency)] chosen by finance, or None for oldest due first."""
    if not permissions.can_record_receipt_on(actor, order):
        raise PermissionDenied(_("Your role cannot record receipts; finance or a manager can."))
    order = _locked(order)
    if order.status != OrderStatus.CONFIRMED:
        raise Conflict(
            _("Receipts are recorded on confirmed orders; %(number)s is %(status)s.")
            % {"number": order.number, "status": order.get_status_display().lower()}
        )
    values: ReceiptInput = receipt_input_clean(order, fields)
    payments = list(
        OrderPayment.objects.select_for_update(of=("self",)).filter(order=order).order_by("position", "id")
    )
    plan = _allocation_plan(payments, values.amount_in_order, allocations, order.currency)
    left = values.amount_in_order - sum((part for _p, part in plan), Decimal(0))
    if left > 0 and not confirm_overpayment:
        open_total = sum((p.amount - p.received for p in payments), Decimal(0))
        _overpayment_refused(left, values.amount_in_order, open_total, order.currency, allocations)
    receipt = Receipt.objects.create(
        workspace_id=order.workspace_id,
        order=order,
        number=document_number(order.workspace, "RC", values.received_on),
        received_on=values.received_on,
        amount=values.amount,
        currency=values.currency,
        rate=values.rate,
        amount_in_order=values.amount_in_order,
        bank_charges=values.bank_charges,
        reference=values.reference,
        payer=values.payer,
        note=values.note,
        credit=left,
        recorded_by=actor,
    )
    Allocation.objects.bulk_create(
        Allocation(workspace_id=order.workspace_id, receipt=receipt, payment=payment, amount=part)
        for payment, part in plan
    )
    received_sync(payments)
    paid = receipt.money
    data = {"receipt": receipt.number, "amount": str(receipt.amount), "currency": receipt.currency}
    if left:
        data.update(credit=str(left), order_currency=order.currency)
    history(actor, order, "receivables.receipt_recorded", data, on_timeline=True)
    if left > 0:
        audit_record(
            workspace=order.workspace,
            actor=actor.user,
            action=ReceivablesAuditAction.OVERPAYMENT_KEPT,
            target=f"{order.number} {receipt.number}",
            data={"credit": str(left), "currency": order.currency},
        )
    order_overdue_flag_sync(order)
    notify(
        recipients=[order.owner],
        actor=actor,
        kind="receivables.receipt_recorded",
        title=lambda: (
            _("%(customer)s paid %(amount)s on %(order)s")
            % {"customer": order.customer.name, "amount": money_format(paid), "order": order.number}
        ),
        url=order_url(order),
        subject=(ORDER, order.public_id),
    )
    return receipt


@transaction.atomic
def receipt_reverse(*, actor, receipt: Receipt, reason: str) -> Receipt:
    """Undo a receipt (bounced, booked on the wrong order): the milestones it settled owe again; it stays
    in the history as reversed, with who did it and why (audited)."""
    if not permissions.can_record_receipt_on(actor, receipt.order):
        raise PermissionDenied(_("Your role cannot reverse receipts; finance or a manager can."))
    order = _locked(receipt.order)
    receipt = Receipt.objects.select_for_update(of=("self",)).get(pk=receipt.pk)
    if receipt.status == ReceiptStatus.REVERSED:
        raise Conflict(_("Receipt %(number)s is reversed already.") % {"number": receipt.number})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Say why the receipt is reversed."), field="reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": REASON_MAX}, field="reason")
    receipt.status = ReceiptStatus.REVERSED
    receipt.reversed_at, receipt.reversed_by, receipt.reversal_reason = timezone.now(), actor, reason
    receipt.save(update_fields=["status", "reversed_at", "reversed_by", "reversal_reason", "updated_at"])
    received_sync(OrderPayment.objects.select_for_update(of=("self",)).filter(order=order))
    data = {"receipt": receipt.number, "amount": str(receipt.amount), "currency": receipt.currency}
    history(actor, order, "receivables.receipt_reversed", {**data, "reason": reason})
    audit_record(
        workspace=order.workspace,
        actor=actor.user,
        action=ReceivablesAuditAction.RECEIPT_REVERSED,
        target=f"{order.number} {receipt.number}",
        data={"amount": str(receipt.amount), "currency": receipt.currency, "reason": reason},
    )
    order_overdue_flag_sync(order)
    return receipt
