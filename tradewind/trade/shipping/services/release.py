"""Release of the goods: the original B/L couriered to the buyer (or their bank), or a telex release (电放).
Whoever holds the originals, or is told by telex, takes the goods — so the seller's last hold on an unpaid
balance goes with it: refused while the order's balance is open (receivables.order_balance_open), unless a
manager overrides with a reason, which is audited and in the history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import money_format
from tradewind.trade.shipping import permissions
from tradewind.trade.shipping.choices import SAILED, ReleaseHow, ShippingAuditAction
from tradewind.trade.shipping.models import ReleaseStatus, Shipment
from tradewind.trade.shipping.services.common import announce, history, lock_shipment, require_change_of
from tradewind.workspaces.audit import audit_record

REASON_MAX = 2000


def _balance_open(order):
    from tradewind.trade.receivables.selectors import order_balance_open

    return order_balance_open(order)


@transaction.atomic
def shipment_release(
    *, actor, shipment: Shipment, how: str, courier: str = "", tracking: str = "", override_reason: str = "",
    ip: str | None = None,
) -> Shipment:  # fmt: skip
    """Release the goods of a shipment that has sailed and has its B/L number: `how` is originals_sent
    (with the courier and its tracking number) or telex_released. With the balance open, only a manager
    may, giving `override_reason`."""
    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    if how not in ReleaseHow.values:
        raise ValidationFailed(_("Choose how the goods are released."), field="how")
    if shipment.release_status != ReleaseStatus.NOT_RELEASED:
        raise Conflict(
            _("The goods of %(number)s are released already: %(how)s.")
            % {"number": shipment.number, "how": shipment.get_release_status_display().lower()}
        )
    if shipment.status not in SAILED:
        raise Conflict(_("The goods are released once the shipment has sailed and its B/L is issued."))
    errors = []
    if not shipment.bl_number:
        errors.append(ValidationFailed(_("Enter the B/L number first."), field="bl_number"))
    courier, tracking = (courier or "").strip(), (tracking or "").strip()
    if how == ReleaseHow.ORIGINALS_SENT:
        if not courier:
            errors.append(ValidationFailed(_("Which courier carries the originals?"), field="courier"))
        if not tracking:
            errors.append(ValidationFailed(_("Enter the courier's tracking number."), field="tracking"))
    else:
        courier = tracking = ""
    for field, value in (("courier", courier), ("tracking", tracking)):
        if len(value) > 60:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 60}, field=field))
    reason = (override_reason or "").strip()
    if len(reason) > REASON_MAX:
        errors.append(
            ValidationFailed(_("At most %(n)d characters.") % {"n": REASON_MAX}, field="override_reason")
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    balance = _balance_open(shipment.order)
    if balance is not None:
        if not reason:
            raise Conflict(
                _(
                    "The buyer still owes %(balance)s on %(order)s: the goods are released once the balance "
                    "is paid, or by a manager giving a reason."
                )
                % {"balance": money_format(balance), "order": shipment.order.number},
                field="override_reason",
            )
        if not permissions.can_override_release(actor):
            raise PermissionDenied(
                _("Only a manager may release the goods while the balance is unpaid."),
                field="override_reason",
            )
    shipment.release_status = how
    shipment.release_courier, shipment.release_tracking = courier, tracking
    shipment.released_at, shipment.released_by = timezone.now(), actor
    shipment.release_override_reason = reason if balance is not None else ""
    shipment.save()
    data = {"how": how, "courier": courier, "tracking": tracking}
    if balance is not None:
        data |= {"balance": str(balance.amount), "currency": balance.currency, "reason": reason[:300]}
        audit_record(
            workspace=shipment.workspace,
            actor=actor.user,
            action=ShippingAuditAction.RELEASE_OVERRIDE,
            target=shipment.number,
            ip=ip,
            data={"order": shipment.order.number, "how": how, "balance": str(balance.amount),
                  "currency": balance.currency, "reason": reason},
        )  # fmt: skip
    history(actor, shipment, "shipping.released", data, on_order=True)
    announce(shipment)
    return shipment
