"""Proforma invoices and the orders they become.

A PI is made from an accepted quotation (the same lines and terms) or entered directly for a repeat buyer;
it carries what the buyer's bank and the forwarder need (legal name and address, ports, shipping marks,
delivery date, bank details). The buyer's confirmation — a signed PI uploaded, or the rep's word with a
date — makes it an order in state "confirmed", its payment milestones becoming amounts due.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money
from tradewind.crm import permissions as crm_permissions
from tradewind.trade import permissions
from tradewind.trade.choices import OrderStatus, QuotationStatus
from tradewind.trade.figures import document_totals
from tradewind.trade.hooks import order_hooks_run
from tradewind.trade.lines import LineInput, lines_clean
from tradewind.trade.models import Order, OrderLine, OrderPayment, Quotation
from tradewind.trade.services.common import document_number, history, record_rate, trade_settings
from tradewind.trade.services.quotations import LINE_COPY, header_clean

PI_FIELDS = (
    "buyer_name", "buyer_address", "port_of_loading", "port_of_discharge", "shipping_marks", "delivery_date",
    "bank_details",
)  # fmt: skip
TEXT_LIMITS = {
    "buyer_name": 200, "buyer_address": 1000, "port_of_loading": 120, "port_of_discharge": 120,
    "shipping_marks": 1000, "bank_details": 2000,
}  # fmt: skip


def _require_keeper(actor) -> None:
    if not permissions.can_keep_orders(actor):
        raise PermissionDenied(_("Your role cannot make proforma invoices or orders."))


def pi_clean(values: dict) -> dict:
    """The PI's own fields (all or some) cleaned; every problem at once."""
    errors: list[ApplicationError] = []
    cleaned = {}
    for field, limit in TEXT_LIMITS.items():
        if field in values:
            text = (values[field] or "").strip()
            if len(text) > limit:
                errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=field))
            cleaned[field] = text
    if "buyer_name" in cleaned and not cleaned["buyer_name"]:
        errors.append(
            ValidationFailed(_("Give the buyer's legal name, as their bank knows it."), field="buyer_name")
        )
    if "delivery_date" in values:
        day = values["delivery_date"]
        if day is not None and not isinstance(day, dt.date):
            errors.append(ValidationFailed(_("Enter a valid date."), field="delivery_date"))
        cleaned["delivery_date"] = day
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def _defaults(actor, customer, values: dict) -> dict:
    settings = trade_settings(actor.workspace)
    return {
        "buyer_name": (values.get("buyer_name") or "").strip() or customer.name_latin or customer.name,
        "buyer_address": values.get("buyer_address")
        if values.get("buyer_address") is not None
        else customer.address,
        "bank_details": (values.get("bank_details") or "").strip() or settings.bank_details,
        **{k: v for k, v in values.items() if k not in ("buyer_name", "buyer_address", "bank_details")},
    }


@transaction.atomic
def order_create_from_quotation(*, actor, quotation: Quotation, **fields) -> Order:
    """The PI of an accepted quotation: its lines and terms, today's date and today's rate."""
    _require_keeper(actor)
    quotation = (
        Quotation.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer")
        .get(pk=quotation.pk)
    )
    if not permissions.can_see(actor, quotation):
        raise PermissionDenied(_("You cannot see this quotation."))
    if quotation.status != QuotationStatus.ACCEPTED:
        raise Conflict(
            _("A proforma invoice is made from an accepted quotation; %(number)s is %(status)s.")
            % {"number": quotation.number, "status": quotation.get_status_display().lower()}
        )
    if quotation.orders.exclude(status=OrderStatus.CANCELLED).exists():
        raise Conflict(
            _("Quotation %(number)s has a proforma invoice already.") % {"number": quotation.number}
        )
    unknown = set(fields) - set(PI_FIELDS)
    if unknown:
        raise TypeError(f"unknown PI fields: {sorted(unknown)}")
    values = pi_clean(_defaults(actor, quotation.customer, fields))
    order = Order(
        workspace=quotation.workspace,
        customer=quotation.customer,
        contact=quotation.contact,
        owner=quotation.owner or actor,
        created_by=actor,
        quotation=quotation,
        currency=quotation.currency,
        issued_on=timezone.localdate(),
        incoterm=quotation.incoterm,
        incoterm_place=quotation.incoterm_place,
        payment_terms=quotation.payment_terms,
        lead_time_days=quotation.lead_time_days,
        language=quotation.language,
        remarks=quotation.remarks,
        **values,
    )
    record_rate(order)
    order.number = document_number(order.workspace, "PI", order.issued_on)
    order.save()
    lines = [
        OrderLine(workspace_id=order.workspace_id, order=order, **{f: getattr(line, f) for f in LINE_COPY})
        for line in quotation.lines.all()
    ]
    OrderLine.objects.bulk_create(lines)
    document_totals(order, lines)
    order.save(update_fields=["total", "total_reporting", "cartons", "cbm", "gross_kg"])
    history(actor, order, "order.created", {"quotation": quotation.number}, on_timeline=True)
    return order


@transaction.atomic
def order_create(
    *, actor, customer, lines: list[LineInput], currency=None, incoterm=None, incoterm_place=None,
    payment_terms=None, contact=None, lead_time_days=None, language=None, remarks="", **fields,
) -> Order:  # fmt: skip
    """A PI entered directly, without a quotation (a repeat buyer's order): lines as on a quotation."""
    _require_keeper(actor)
    if customer.workspace_id != actor.workspace_id or not crm_permissions.can_see_details(actor, customer):
        raise ValidationFailed(_("Choose a customer you may see."), field="customer")
    unknown = set(fields) - set(PI_FIELDS)
    if unknown:
        raise TypeError(f"unknown PI fields: {sorted(unknown)}")
    errors: list[ApplicationError] = []
    header = {}
    try:
        header = header_clean(
            actor,
            customer,
            {
                "currency": currency or customer.currency or actor.workspace.currency,
                "incoterm": incoterm or customer.incoterm or "FOB",
                "incoterm_place": incoterm_place if incoterm_place is not None else customer.named_place,
                "payment_terms": payment_terms or [],
                "contact": contact,
                "lead_time_days": lead_time_days,
                "language": language or "en",
                "remarks": remarks,
            },
        )
    except ValidationFailed as error:
        errors += list(error.each())
    try:
        values = pi_clean(_defaults(actor, customer, fields))
    except ValidationFailed as error:
        errors += list(error.each())
        values = {}
    order = Order(
        workspace=actor.workspace,
        customer=customer,
        owner=actor,
        created_by=actor,
        issued_on=timezone.localdate(),
    )
    for field, value in {**header, **values}.items():
        setattr(order, field, value)
    cleaned_lines = []
    if not any(e.field == "currency" for e in errors):
        try:
            record_rate(order)
            cleaned_lines = lines_clean(
                workspace=actor.workspace, lines=lines, currency=order.currency, customer=customer,
                on=order.issued_on, language=order.language,
            )  # fmt: skip
        except ValidationFailed as error:
            errors += list(error.each())
    if errors:
        raise ValidationFailed.all_of(errors)
    order.number = document_number(order.workspace, "PI", order.issued_on)
    order.save()
    saved = [OrderLine(workspace_id=order.workspace_id, order=order, **values) for values in cleaned_lines]
    OrderLine.objects.bulk_create(saved)
    document_totals(order, saved)
    order.save(update_fields=["total", "total_reporting", "cartons", "cbm", "gross_kg"])
    history(actor, order, "order.created", on_timeline=True)
    return order


def _locked(order) -> Order:
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "quotation")
        .get(pk=order.pk)
    )


def _require_work(actor, order) -> None:
    _require_keeper(actor)
    if not permissions.can_see(actor, order):
        raise PermissionDenied(_("You cannot see this order."))


@transaction.atomic
def order_update(*, actor, order: Order, **changes) -> Order:
    """Change what a PI prints (buyer, ports, marks, delivery, bank) while the buyer has not confirmed."""
    order = _locked(order)
    _require_work(actor, order)
    if order.status != OrderStatus.PROFORMA:
        raise Conflict(_("A confirmed order's PI is not changed; record changes on the order."))
    unknown = set(changes) - set(PI_FIELDS)
    if unknown:
        raise TypeError(f"unknown PI fields: {sorted(unknown)}")
    values = pi_clean(changes)
    changed = [f for f, v in values.items() if getattr(order, f) != v]
    for field in changed:
        setattr(order, field, values[field])
    if changed:
        order.save()
        history(actor, order, "order.changed", {"fields": changed})
    return order


def _payments(order: Order, confirmed_on: dt.date) -> list[OrderPayment]:
    """The payment milestones as amounts due: the total split by the percents, the cents of the split
    going to the first milestones (Money.allocate) so the amounts add up to the total exactly."""
    milestones = order.payment_terms or [{"percent": "100", "method": "tt", "event": "deposit", "days": None}]
    shares = Money(order.total, order.currency).rounded().allocate([_share(m["percent"]) for m in milestones])
    return [
        OrderPayment(
            workspace_id=order.workspace_id,
            order=order,
            position=position,
            percent=milestone["percent"],
            method=milestone["method"],
            event=milestone["event"],
            days=milestone.get("days"),
            amount=share.amount,
            due_on=confirmed_on if milestone["event"] == "deposit" else None,
        )
        for position, (milestone, share) in enumerate(zip(milestones, shares, strict=True))
    ]


def _share(percent) -> int:
    return int(Decimal(str(percent)) * 100)  # 30.5 % -> 3050 parts of 10,000


@transaction.atomic
def order_confirm(*, actor, order: Order, confirmed_on: dt.date | None = None, signed_pi=None) -> Order:
    """The buyer confirmed the PI (its signed copy uploaded, or the rep's word with the date): an order in
    state "confirmed", its payments due recorded, its inquiry won."""
    from tradewind.files.services import stored_file_save

    order = _locked(order)
    _require_work(actor, order)
    if order.status != OrderStatus.PROFORMA:
        raise Conflict(
            _("Order %(number)s is %(status)s already.")
            % {"number": order.number, "status": order.get_status_display().lower()}
        )
    confirmed_on = confirmed_on or timezone.localdate()
    if confirmed_on > timezone.localdate():
        raise ValidationFailed(_("A confirmation cannot be in the future."), field="confirmed_on")
    if confirmed_on < order.issued_on:
        raise ValidationFailed(_("The buyer cannot confirm a PI before its date."), field="confirmed_on")
    if signed_pi is not None:
        order.signed_pi = stored_file_save(
            workspace=order.workspace,
            content=signed_pi,
            name=getattr(signed_pi, "name", "signed-pi.pdf"),
            uploaded_by=actor,
            max_bytes=_signed_pi_limit(),
        )
    order.status = OrderStatus.CONFIRMED
    order.confirmed_at, order.confirmed_on, order.confirmed_by = timezone.now(), confirmed_on, actor
    order.save()
    OrderPayment.objects.bulk_create(_payments(order, confirmed_on))
    history(actor, order, "order.confirmed", on_timeline=True)
    _tell_inquiry(actor, order)
    order_hooks_run("confirmed", actor=actor, order=order)  # fulfilment starts
    return order


def _signed_pi_limit() -> int:
    from django.conf import settings

    return settings.ATTACHMENT_MAX_BYTES


def _tell_inquiry(actor, order) -> None:
    quotation = order.quotation
    inquiry_id = getattr(quotation, "inquiry_id", None) if quotation else None
    if inquiry_id is None:
        return
    from tradewind.trade.inquiries import services as inquiries

    # Closed as spam or a duplicate meanwhile: the order stands.
    with contextlib.suppress(Conflict), transaction.atomic():
        inquiries.inquiry_mark_won(actor=actor, inquiry=quotation.inquiry)


@transaction.atomic
def order_cancel(*, actor, order: Order, reason: str) -> Order:
    order = _locked(order)
    _require_work(actor, order)
    if order.status == OrderStatus.CANCELLED:
        raise Conflict(_("Order %(number)s is cancelled already.") % {"number": order.number})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Say why the order is cancelled."), field="reason")
    order.status = OrderStatus.CANCELLED
    order.cancelled_reason = reason[:2000]
    order.save()
    history(actor, order, "order.cancelled", {"comment": order.cancelled_reason}, on_timeline=True)
    order_hooks_run("cancelled", actor=actor, order=order)
    return order
