"""A moved ETA: recorded with the old and new dates (on the shipment and its order), the order's sales rep
told, and a message to the buyer drafted in their language for the rep to send (drafts.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.notifications.services import notify
from tradewind.trade.shipping.drafts import buyer_language, draft_render
from tradewind.trade.shipping.models import EtaChange, Shipment, ShipmentStatus
from tradewind.trade.shipping.services.common import (
    SUBJECT,
    announce,
    history,
    lock_shipment,
    require_change_of,
    shipment_url,
)

REASON_MAX = 1000


def _company(workspace, language: str) -> str:
    from tradewind.trade.services.common import trade_settings

    settings = trade_settings(workspace)
    if language.startswith("zh") and settings.legal_name_zh:
        return settings.legal_name_zh
    return settings.legal_name or workspace.name


def _greeting(order, language: str) -> str:
    contact = order.contact or order.customer.contacts.order_by("-is_primary", "name").first()
    if contact is not None:
        return contact.name
    return "客户" if language.startswith("zh") else "Sir or Madam"


def eta_draft(shipment: Shipment, *, old_eta, new_eta, reason: str):
    order = shipment.order
    rep = order.owner
    language = buyer_language(order, "eta_change")
    context = {
        "order": order,
        "shipment": shipment,
        "old_eta": old_eta,
        "new_eta": new_eta,
        "reason": reason,
        "greeting": _greeting(order, language),
        "rep_name": rep.user.display_name if rep is not None else "",
        "company": _company(order.workspace, language),
    }
    return draft_render(order, "eta_change", context, language=language)


def _tell_rep(actor, shipment: Shipment, change: EtaChange) -> None:
    rep = shipment.order.owner

    def title():
        return _("ETA of %(number)s moved to %(date)s") % {
            "number": shipment.number,
            "date": formats.date_format(change.new_eta, "DATE_FORMAT"),
        }

    def message():
        text = _("Was %(date)s. A message to the buyer is drafted on the shipment's page.") % {
            "date": formats.date_format(change.old_eta, "DATE_FORMAT") if change.old_eta else "—"
        }
        return f"{text} {change.reason}".strip()

    notify(
        recipients=[rep],
        kind="shipping.eta_changed",
        title=title,
        message=message,
        url=shipment_url(shipment),
        actor=actor,
        subject=(SUBJECT, shipment.public_id),
    )


def eta_change_record(actor, shipment: Shipment, *, old_eta: dt.date | None, reason: str = "") -> EtaChange:
    """The shipment's ETA has just moved from `old_eta` (saved by the caller): the change, its history
    with the old and new dates, the rep told, the buyer's message drafted."""
    reason = (reason or "").strip()[:REASON_MAX]
    draft = eta_draft(shipment, old_eta=old_eta, new_eta=shipment.eta, reason=reason)
    change = EtaChange.objects.create(
        workspace_id=shipment.workspace_id,
        shipment=shipment,
        old_eta=old_eta,
        new_eta=shipment.eta,
        reason=reason,
        changed_by=actor,
        draft_language=draft.language,
        draft_subject=draft.subject,
        draft=draft.body,
    )
    history(
        actor,
        shipment,
        "shipping.eta_changed",
        {
            "old": old_eta.isoformat() if old_eta else "",
            "new": shipment.eta.isoformat(),
            "reason": reason[:300],
        },
        on_order=True,
    )
    _tell_rep(actor, shipment, change)
    return change


@transaction.atomic
def shipment_eta_change(*, actor, shipment: Shipment, eta: dt.date, reason: str = "") -> EtaChange:
    """Move the ETA of a shipment that has not arrived (not before its ETD, nor before it sailed). Answers
    the change with the buyer's drafted message."""
    from tradewind.trade.shipping.services.shipments import dates_check

    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    if shipment.status in (ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED):
        raise Conflict(
            _("Shipment %(number)s has arrived: its ETA is history.") % {"number": shipment.number}
        )
    if not isinstance(eta, dt.date) or isinstance(eta, dt.datetime):
        raise ValidationFailed(_("Enter the new ETA."), field="eta")
    if len((reason or "").strip()) > REASON_MAX:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": REASON_MAX}, field="reason")
    if eta == shipment.eta:
        raise ValidationFailed(_("The ETA is %(date)s already.") % {"date": eta.isoformat()}, field="eta")
    old_eta, shipment.eta = shipment.eta, eta
    dates_check(shipment)
    shipment.save(update_fields=["eta", "updated_at"])
    change = eta_change_record(actor, shipment, old_eta=old_eta, reason=reason)
    announce(shipment)
    return change
