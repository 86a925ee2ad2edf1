"""Payment terms as milestones, and their printed form.

A milestone is {"percent": "30", "method": "tt", "event": "deposit", "days": None}; the percents of a
document's milestones add up to exactly 100. Printed: "30% T/T in advance (deposit), 70% T/T against copy
of B/L"; "100% L/C at sight"; "100% O/A 60 days after B/L date".
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.numbers import decimal_number, whole_number
from tradewind.core.trade import PaymentMethod
from tradewind.trade.choices import PaymentEvent

MAX_MILESTONES = 6
WITH_DAYS = (PaymentEvent.DAYS_AFTER_BL, PaymentEvent.DAYS_AFTER_INVOICE)

# The terms a rep picks most, ready to choose from a list.
PRESETS = {
    "tt_30_70_bl": (
        gettext_lazy("30% T/T deposit, 70% T/T against B/L copy"),
        [("30", "tt", "deposit", None), ("70", "tt", "against_bl_copy", None)],
    ),
    "tt_30_70_shipment": (
        gettext_lazy("30% T/T deposit, 70% before shipment"),
        [("30", "tt", "deposit", None), ("70", "tt", "before_shipment", None)],
    ),
    "tt_100": (gettext_lazy("100% T/T in advance"), [("100", "tt", "deposit", None)]),
    "lc_sight": (gettext_lazy("100% L/C at sight"), [("100", "lc", "at_sight", None)]),
    "oa_60": (gettext_lazy("100% O/A 60 days after B/L"), [("100", "oa", "days_after_bl", 60)]),
    "dp_sight": (gettext_lazy("100% D/P at sight"), [("100", "dp", "at_sight", None)]),
}


def preset_terms(key: str) -> list[dict]:
    return [
        {"percent": percent, "method": method, "event": event, "days": days}
        for percent, method, event, days in PRESETS[key][1]
    ]


def payment_terms_clean(milestones) -> list[dict]:
    """The milestones checked and normalised; every problem raised at once (field "payment_terms")."""
    if not isinstance(milestones, (list, tuple)) or not milestones:
        raise ValidationFailed(_("Give the payment terms."), field="payment_terms")
    if len(milestones) > MAX_MILESTONES:
        raise ValidationFailed(
            _("At most %(n)d payment milestones.") % {"n": MAX_MILESTONES}, field="payment_terms"
        )
    errors: list[ApplicationError] = []
    cleaned = []
    for number, milestone in enumerate(milestones, start=1):
        if not isinstance(milestone, dict):
            errors.append(ValidationFailed(_("Milestone %(n)d is not readable.") % {"n": number}))
            continue
        where = _("Milestone %(n)d: ") % {"n": number}
        percent = decimal_number(
            milestone.get("percent"), "payment_terms", (Decimal("0.01"), Decimal(100)), 2,
            where + _("a share from 0.01 to 100 %."), errors,
        )  # fmt: skip
        method = milestone.get("method")
        if method not in PaymentMethod.values:
            errors.append(ValidationFailed(where + _("choose how it is paid."), field="payment_terms"))
        event = milestone.get("event")
        if event not in PaymentEvent.values:
            errors.append(ValidationFailed(where + _("choose when it is due."), field="payment_terms"))
        days = None
        if event in WITH_DAYS:
            days = whole_number(
                milestone.get("days"), "payment_terms", 1, 365, where + _("give 1 to 365 days."), errors
            )
            if days is None and not any(e.message.startswith(where) for e in errors):
                errors.append(ValidationFailed(where + _("give 1 to 365 days."), field="payment_terms"))
        cleaned.append({"percent": str(percent) if percent is not None else None, "method": method,
                        "event": event, "days": days})  # fmt: skip
    if not errors:
        total = sum(Decimal(m["percent"]) for m in cleaned)
        if total != 100:
            errors.append(
                ValidationFailed(
                    _("The milestones add up to %(total)s %%; they must make 100 %%.") % {"total": total},
                    field="payment_terms",
                )
            )
    if errors:
        for error in errors:
            error.field = "payment_terms"
        raise ValidationFailed.all_of(errors)
    return cleaned


def _percent(value) -> str:
    number = Decimal(value).normalize()
    return f"{number:f}%"


def _method(code: str) -> str:
    label = str(PaymentMethod(code).label) if code in PaymentMethod.values else code
    return label.split(" (")[0]  # "T/T (telegraphic transfer)" -> "T/T"


def milestone_text(milestone: dict) -> str:
    event = milestone.get("event")
    when = str(PaymentEvent(event).label) if event in PaymentEvent.values else ""
    if event in WITH_DAYS and milestone.get("days"):
        when = f"{milestone['days']} {when}"
    return f"{_percent(milestone['percent'])} {_method(milestone.get('method', ''))} {when}".strip()


def payment_terms_text(milestones) -> str:
    """The terms as a document prints them, in the active language."""
    return pgettext("list separator", ", ").join(milestone_text(m) for m in milestones or [])
