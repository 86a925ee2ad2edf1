"""An order's letter of credit (信用证): the bank pays against the documents it names, presented within its
days after the B/L date and before it expires. Recording or changing it re-computes the checklists of the
order's shipments (their documents and deadlines follow the L/C)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.trade.choices import OrderStatus
from tradewind.trade.shipdocs import permissions
from tradewind.trade.shipdocs.choices import DocumentKind
from tradewind.trade.shipdocs.models import LetterOfCredit
from tradewind.trade.shipdocs.services.common import history
from tradewind.trade.shipdocs.services.sync import order_documents_resync

LC_FIELDS = (
    "number",
    "issuing_bank",
    "advising_bank",
    "issued_on",
    "expiry_date",
    "latest_shipment_date",
    "presentation_days",
    "amount",
    "documents_required",
    "notes",
)
TEXT_LIMITS = {"number": 60, "issuing_bank": 200, "advising_bank": 200, "notes": 4000}
PRESENTATION_DAYS = (1, 90)
AMOUNT_MAX = Decimal("10000000000000")


def _clean(values: dict) -> dict:
    errors: list[ApplicationError] = []
    cleaned = {}
    for key, limit in TEXT_LIMITS.items():
        text = (values.get(key) or "").strip()
        if len(text) > limit:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=key))
        cleaned[key] = text
    if not cleaned["number"]:
        errors.append(ValidationFailed(_("Give the L/C number."), field="number"))
    if not cleaned["issuing_bank"]:
        errors.append(ValidationFailed(_("Give the issuing bank."), field="issuing_bank"))
    for key in ("issued_on", "expiry_date", "latest_shipment_date"):
        day = values.get(key)
        if day is not None and not isinstance(day, dt.date):
            errors.append(ValidationFailed(_("Enter a valid date."), field=key))
            day = None
        cleaned[key] = day
    expiry = cleaned["expiry_date"]
    if expiry is None and not any(e.field == "expiry_date" for e in errors):
        errors.append(ValidationFailed(_("Give the date the L/C expires."), field="expiry_date"))
    if expiry is not None:
        if cleaned["issued_on"] and cleaned["issued_on"] > expiry:
            errors.append(ValidationFailed(_("An L/C expires after it is issued."), field="expiry_date"))
        if cleaned["latest_shipment_date"] and cleaned["latest_shipment_date"] > expiry:
            errors.append(
                ValidationFailed(
                    _("The latest shipment date falls before the expiry date."), field="latest_shipment_date"
                )
            )
    days = values.get("presentation_days", 21)
    low, high = PRESENTATION_DAYS
    if not isinstance(days, int) or isinstance(days, bool) or not low <= days <= high:
        errors.append(
            ValidationFailed(
                _("From %(low)d to %(high)d days.") % {"low": low, "high": high}, field="presentation_days"
            )
        )
    cleaned["presentation_days"] = days
    amount = values.get("amount")
    if amount in (None, ""):
        cleaned["amount"] = None
    else:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or not 0 < amount < AMOUNT_MAX:
            errors.append(ValidationFailed(_("An amount above 0."), field="amount"))
        cleaned["amount"] = amount
    kinds = values.get("documents_required") or []
    if not isinstance(kinds, (list, tuple)) or any(k not in DocumentKind.values for k in kinds):
        errors.append(ValidationFailed(_("Choose the documents from the list."), field="documents_required"))
        kinds = []
    cleaned["documents_required"] = [k for k in DocumentKind.values if k in kinds]  # in the checklist's order
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


@transaction.atomic
def letter_of_credit_save(*, actor, order, **values) -> LetterOfCredit:
    """Record the order's L/C, or change it (one per order); every field is given."""
    if not permissions.can_keep_letters_of_credit(actor, order):
        raise PermissionDenied(_("Only the documents clerk and the managers record letters of credit."))
    unknown = set(values) - set(LC_FIELDS)
    if unknown:
        raise TypeError(f"unknown L/C fields: {sorted(unknown)}")
    if order.status == OrderStatus.CANCELLED:
        raise Conflict(_("The order is cancelled."))
    cleaned = _clean(values)
    letter = LetterOfCredit.objects.select_for_update(of=("self",)).filter(order=order).first()
    created = letter is None
    if created:
        letter = LetterOfCredit(workspace_id=order.workspace_id, order=order, created_by=actor)
    changed = [key for key, value in cleaned.items() if getattr(letter, key) != value]
    if not created and not changed:
        return letter
    for key, value in cleaned.items():
        setattr(letter, key, value)
    letter.save()
    history(
        actor,
        order,
        "lc_recorded" if created else "lc_changed",
        {
            "number": letter.number,
            "expiry": letter.expiry_date.isoformat(),
            "fields": [] if created else changed,
        },
    )
    order_documents_resync(actor=actor, order=order)
    return letter


@transaction.atomic
def letter_of_credit_delete(*, actor, letter: LetterOfCredit) -> None:
    """An L/C recorded by mistake (or replaced by T/T): its documents no longer follow it."""
    order = letter.order
    if not permissions.can_keep_letters_of_credit(actor, order):
        raise PermissionDenied(_("Only the documents clerk and the managers record letters of credit."))
    number = letter.number
    letter.delete()
    history(actor, order, "lc_removed", {"number": number})
    order_documents_resync(actor=actor, order=order)
