"""The workspace's sales settings: the letterhead its documents print and the rules its quotations follow."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from tradewind.core.numbers import decimal_number, whole_number
from tradewind.trade import permissions
from tradewind.trade.choices import TradeAuditAction
from tradewind.trade.models import TradeSettings
from tradewind.trade.services.common import trade_settings

FIELDS = (
    "legal_name", "legal_name_zh", "address", "phone", "email", "website", "bank_details",
    "approval_discount_percent", "approval_margin_percent", "approval_total_amount", "fx_risk_percent",
    "validity_days", "expiry_reminder_days",
)  # fmt: skip
LOGO_MAX_BYTES = 2 * 1024 * 1024
TEXT_LIMITS = {"legal_name": 200, "legal_name_zh": 200, "address": 1000, "phone": 60, "email": 254,
               "website": 200, "bank_details": 2000}  # fmt: skip
# (lowest, highest, decimal places); None where the field may be empty (no such rule).
NUMBERS = {
    "approval_discount_percent": (Decimal(0), Decimal(100), 2),
    "approval_margin_percent": (Decimal(-100), Decimal(100), 2),
    "approval_total_amount": (Decimal(0), Decimal("9999999999999"), 2),
    "fx_risk_percent": (Decimal(0), Decimal(100), 2),
}
WHOLE = {"validity_days": (1, 365), "expiry_reminder_days": (0, 60)}
OPTIONAL = {"approval_discount_percent", "approval_margin_percent", "approval_total_amount"}


def trade_settings_clean(values: dict) -> dict:
    """The settings given, checked; every problem at once."""
    errors: list[ApplicationError] = []
    cleaned = {}
    for field, value in values.items():
        if field in TEXT_LIMITS:
            text = (value or "").strip()
            if len(text) > TEXT_LIMITS[field]:
                errors.append(
                    ValidationFailed(_("At most %(n)d characters.") % {"n": TEXT_LIMITS[field]}, field=field)
                )
            if field == "email" and text:
                try:
                    validate_email(text)
                except DjangoValidationError:
                    errors.append(ValidationFailed(_("Enter a valid e-mail address."), field=field))
            cleaned[field] = text
        elif field in NUMBERS:
            low, high, places = NUMBERS[field]
            if value in (None, "") and field in OPTIONAL:
                cleaned[field] = None
                continue
            message = _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
            cleaned[field] = decimal_number(value, field, (low, high), places, message, errors)
            if value in (None, ""):
                errors.append(ValidationFailed(message, field=field))
        elif field in WHOLE:
            low, high = WHOLE[field]
            message = _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
            cleaned[field] = whole_number(value, field, low, high, message, errors)
            if value in (None, ""):
                errors.append(ValidationFailed(message, field=field))
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def _accept_logo(sniffed) -> None:
    if sniffed.kind not in ("png", "jpeg"):
        raise ValidationFailed(_("A logo is a PNG or JPEG image."), field="logo")


@transaction.atomic
def trade_settings_update(*, actor, logo=None, **values) -> TradeSettings:
    """Change the letterhead and the rules (managers and admins); every change is in the audit log."""
    from tradewind.files.services import stored_file_save
    from tradewind.workspaces.audit import audit_record

    if not permissions.can_change_settings(actor):
        raise PermissionDenied(_("Only a manager or an admin changes the sales settings."))
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown sales settings: {sorted(unknown)}")
    values = trade_settings_clean(values)
    settings = TradeSettings.objects.select_for_update().get(pk=trade_settings(actor.workspace).pk)
    changed = []
    for field, value in values.items():
        if getattr(settings, field) != value:
            setattr(settings, field, value)
            changed.append(field)
    if logo is not None:
        settings.logo = stored_file_save(
            workspace=actor.workspace,
            content=logo,
            name=getattr(logo, "name", "logo"),
            uploaded_by=actor,
            max_bytes=LOGO_MAX_BYTES,
            accept=_accept_logo,
        )
        changed.append("logo")
    if changed:
        settings.save()
        audit_record(
            workspace=actor.workspace,
            actor=actor.user,
            action=TradeAuditAction.SETTINGS_CHANGED,
            target=str(_("Sales settings")),
            data={"fields": changed},
        )
    return settings
