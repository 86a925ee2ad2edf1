"""Shipments: the fields' rules, planning one for a confirmed order (numbered PI-…-S1, -S2 … — an order may
ship in several), changing it, and its statuses.

planned → booked → shipped → arrived → delivered; planned or booked → cancelled. Sea freight is booked
(with its booking number) before it sails; an air, rail or courier shipment may go from planned straight to
shipped. Shipped needs the goods in it and, for a full container load, every container numbered; it records
when it sailed (ATD, today if not given). Arrived records the ATA, delivered the day the buyer got the goods.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import ApplicationError, Conflict, ValidationFailed
from tradewind.trade.models import Order
from tradewind.trade.shipping.choices import (
    NEXT,
    NO_CONTAINERS,
    NUMBERED_CONTAINERS,
    PACKING_OPEN,
    SAILED,
    SEA_MODES,
    WAYBILL_MODES,
)
from tradewind.trade.shipping.models import ReleaseStatus, Shipment, ShipmentMode, ShipmentStatus
from tradewind.trade.shipping.services.common import (
    announce,
    history,
    lock_order,
    lock_shipment,
    not_in_future,
    require_change,
    require_change_of,
    require_shipping_order,
)

# What a person or a client may set on a shipment (its status, goods, containers and release have their
# own services).
SHIPMENT_FIELDS = (
    "mode", "forwarder", "booking_number", "vessel", "voyage", "port_of_loading", "port_of_discharge", "etd",
    "eta", "atd", "ata", "bl_number", "bl_date", "remarks",
)  # fmt: skip
TEXT_LIMITS = {
    "forwarder": 200, "booking_number": 60, "vessel": 120, "voyage": 40, "bl_number": 60, "remarks": 5000,
}  # fmt: skip
DATE_FIELDS = ("etd", "eta", "atd", "ata", "bl_date")
PORT_FIELDS = ("port_of_loading", "port_of_discharge")
# UN/LOCODE: the country's two letters, then three letters or digits (2-9) for the place: CNNGB, DEHAM.
_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


def port_clean(value, field: str, errors: list) -> str:
    """A UN/LOCODE, upper-cased without spaces ("cn ngb" → "CNNGB"); "" for none."""
    code = re.sub(r"\s+", "", value or "").upper()
    if not code:
        return ""
    if not _LOCODE.match(code) or code[:2] not in geo.country_codes():
        errors.append(
            ValidationFailed(
                _(
                    "“%(code)s” is not a UN/LOCODE: the country's two letters and three letters or digits "
                    "for the place, e.g. CNNGB (Ningbo), DEHAM (Hamburg)."
                )
                % {"code": (value or "").strip()[:20]},
                field=field,
            )
        )
    return code


def shipment_clean(values: dict) -> dict:
    """The fields given, cleaned by the house rules (trimmed text within its length, a known mode,
    UN/LOCODE ports, dates); every refusal at once. The dates' order is checked by `dates_check`."""
    unknown = set(values) - set(SHIPMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown shipment fields: {sorted(unknown)}")
    errors: list[ApplicationError] = []
    clean = {}
    for field, limit in TEXT_LIMITS.items():
        if field in values:
            text = (values[field] or "").strip()
            if len(text) > limit:
                errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=field))
            clean[field] = text
    if "mode" in values:
        if values["mode"] not in ShipmentMode.values:
            errors.append(ValidationFailed(_("Choose a mode of transport from the list."), field="mode"))
        clean["mode"] = values["mode"]
    for field in PORT_FIELDS:
        if field in values:
            clean[field] = port_clean(values[field], field, errors)
    for field in DATE_FIELDS:
        if field in values:
            day = values[field]
            if day is not None and (not isinstance(day, dt.date) or isinstance(day, dt.datetime)):
                errors.append(ValidationFailed(_("Enter a valid date."), field=field))
                day = None
            clean[field] = day
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def dates_check(shipment: Shipment) -> None:
    """The dates as they will be saved: arrival not before departure (estimated and actual), actual dates
    and the B/L's not in the future."""
    errors: list[ApplicationError] = []
    if shipment.etd and shipment.eta and shipment.eta < shipment.etd:
        errors.append(
            ValidationFailed(
                _("The ETA cannot be before the ETD: a ship arrives after it sails."), field="eta"
            )
        )
    elif shipment.atd and shipment.eta and shipment.eta < shipment.atd:
        errors.append(
            ValidationFailed(_("The ETA cannot be before the day the ship sailed (ATD)."), field="eta")
        )
    if shipment.atd and shipment.ata and shipment.ata < shipment.atd:
        errors.append(
            ValidationFailed(_("The ATA cannot be before the ATD: it arrived after it sailed."), field="ata")
        )
    if shipment.delivered_on and shipment.ata and shipment.delivered_on < shipment.ata:
        errors.append(
            ValidationFailed(_("The goods cannot be delivered before they arrived."), field="delivered_on")
        )
    for field in ("atd", "ata", "bl_date", "delivered_on"):
        not_in_future(getattr(shipment, field), field, errors)
    if errors:
        raise ValidationFailed.all_of(errors)


def _mode_check(shipment: Shipment) -> None:
    if shipment.mode in NO_CONTAINERS and shipment.containers.exists():
        raise ValidationFailed(
            _("An air or courier shipment carries no containers: remove them before changing the mode."),
            field="mode",
        )


@transaction.atomic
def shipment_create(*, actor, order: Order, lines=None, **fields) -> Shipment:
    """A shipment of the confirmed `order`, numbered after it (PI-2026-0001-S1, -S2 …). `lines`: the goods
    as for shipment_lines_set; None takes everything still to ship, [] nothing yet. The port of discharge
    is the customer's destination port unless given."""
    from tradewind.trade.shipping.services.goods import GoodsInput, lines_write

    order = lock_order(order)
    require_change(actor, order)
    require_shipping_order(order)
    values = shipment_clean(fields)
    if "port_of_discharge" not in values:  # the customer's, if it is a valid UN/LOCODE
        unusable: list = []
        port = port_clean(order.customer.destination_port, "port_of_discharge", unusable)
        values["port_of_discharge"] = "" if unusable else port
    sequence = (Shipment.objects.filter(order=order).aggregate(n=Max("sequence"))["n"] or 0) + 1
    shipment = Shipment(
        workspace_id=order.workspace_id,
        order=order,
        sequence=sequence,
        number=f"{order.number}-S{sequence}",
        created_by=actor,
        **values,
    )
    _refuse_actual_dates_before_sailing(shipment, values)
    dates_check(shipment)
    shipment.save()
    shipment.order = order
    if lines is None:
        from tradewind.trade.shipping.selectors import order_lines_remaining

        lines = [GoodsInput(row.line, row.remaining) for row in order_lines_remaining(order) if row.remaining]
    lines_write(shipment, lines)
    history(actor, shipment, "shipping.created", on_order=True)
    announce(shipment)
    return shipment


def _refuse_actual_dates_before_sailing(shipment: Shipment, values: dict) -> None:
    """ATD and ATA are what happened: recorded by marking the shipment shipped and arrived, corrected
    after — never taken away from a shipment that has sailed or arrived."""
    errors = []
    arrived = shipment.status in (ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED)
    for field, done, message in (
        ("atd", shipment.status in SAILED, _("Mark the shipment shipped to record when it sailed.")),
        ("ata", arrived, _("Mark the shipment arrived to record when it arrived.")),
    ):
        if field not in values:
            continue
        if values[field] and not done:
            errors.append(ValidationFailed(message, field=field))
        elif values[field] is None and done:
            errors.append(ValidationFailed(_("Correct the date; it cannot be taken away."), field=field))
    if errors:
        raise ValidationFailed.all_of(errors)


def _refuse_late_changes(shipment: Shipment, changed: list[str]) -> None:
    """What sailed keeps its mode; what arrived keeps its ETA."""
    if "mode" in changed and shipment.status not in PACKING_OPEN:
        raise ValidationFailed(
            _("The shipment has sailed: its mode of transport is what carried it."), field="mode"
        )
    if "eta" in changed and shipment.status in (ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED):
        raise ValidationFailed(_("The shipment has arrived: its ETA is history."), field="eta")


@transaction.atomic
def shipment_update(*, actor, shipment: Shipment, reason: str = "", **changes) -> Shipment:
    """Change the fields given (booking, vessel, ports, dates, B/L …) of a shipment that is not cancelled.
    A moved ETA is recorded as an ETA change (the rep told, a message to the buyer drafted; `reason`
    says why)."""
    from tradewind.trade.shipping.services.eta import eta_change_record

    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    values = shipment_clean(changes)
    changed = [field for field, value in values.items() if getattr(shipment, field) != value]
    if not changed:
        return shipment
    old_eta = shipment.eta
    _refuse_actual_dates_before_sailing(shipment, {f: values[f] for f in changed})
    _refuse_late_changes(shipment, changed)
    for field in changed:
        setattr(shipment, field, values[field])
    dates_check(shipment)
    if "mode" in changed:
        _mode_check(shipment)
    shipment.save()
    if "eta" in changed and old_eta is not None and shipment.eta is not None:
        eta_change_record(actor, shipment, old_eta=old_eta, reason=reason)
        changed.remove("eta")
    if changed:
        history(actor, shipment, "shipping.changed", {"fields": changed})
    announce(shipment)
    return shipment


def _require_move(shipment: Shipment, status: str) -> None:
    if status not in ShipmentStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    if status == shipment.status:
        raise Conflict(
            _("Shipment %(number)s is %(status)s already.")
            % {"number": shipment.number, "status": shipment.get_status_display().lower()}
        )
    if status not in NEXT[shipment.status]:
        raise Conflict(
            _("A %(from)s shipment cannot become %(to)s.")
            % {"from": shipment.get_status_display().lower(), "to": ShipmentStatus(status).label.lower()}
        )
    if (
        status == ShipmentStatus.SHIPPED
        and shipment.status == ShipmentStatus.PLANNED
        and shipment.mode in SEA_MODES
    ):
        raise Conflict(_("Sea freight is booked before it sails: record the booking first."))


def _day(on, default: dt.date | None, field: str) -> dt.date:
    day = on or default or timezone.localdate()
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationFailed(_("Enter a valid date."), field=field)
    return day


def _ready_to_sail(shipment: Shipment) -> None:
    errors = []
    if not shipment.lines.exists():
        errors.append(ValidationFailed(_("Put the goods in the shipment before it sails."), field="lines"))
    if shipment.mode in NUMBERED_CONTAINERS:
        containers = list(shipment.containers.all())
        if not containers:
            errors.append(
                ValidationFailed(
                    _("A full container load sails in containers: add them first."), field="containers"
                )
            )
        elif any(not c.number for c in containers):
            errors.append(
                ValidationFailed(
                    _("Every container needs its number before the shipment sails (it goes on the B/L)."),
                    field="containers",
                )
            )
    if errors:
        raise ValidationFailed.all_of(errors)


@transaction.atomic
def shipment_status_set(
    *, actor, shipment: Shipment, status: str, on: dt.date | None = None, reason: str = ""
):
    """Move the shipment on (see the module's rules). `on`: when it sailed, arrived or was delivered
    (today if not given); `reason`: why it is cancelled (required then)."""
    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    _require_move(shipment, status)
    data = {"status": status}
    on_timeline = False
    if status == ShipmentStatus.BOOKED and shipment.mode in SEA_MODES and not shipment.booking_number:
        raise ValidationFailed(_("Enter the booking number first."), field="booking_number")
    if status == ShipmentStatus.SHIPPED:
        _ready_to_sail(shipment)
        shipment.atd = _day(on, shipment.atd, "on")
        if shipment.mode in WAYBILL_MODES and shipment.release_status == ReleaseStatus.NOT_RELEASED:
            shipment.release_status = ReleaseStatus.WAYBILL
        data["on"], on_timeline = shipment.atd.isoformat(), True
    elif status == ShipmentStatus.ARRIVED:
        shipment.ata = _day(on, shipment.ata, "on")
        data["on"] = shipment.ata.isoformat()
    elif status == ShipmentStatus.DELIVERED:
        shipment.delivered_on = _day(on, None, "on")
        data["on"], on_timeline = shipment.delivered_on.isoformat(), True
    elif status == ShipmentStatus.CANCELLED:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed(_("Say why the shipment is cancelled."), field="reason")
        shipment.cancelled_reason = reason[:2000]
        data["reason"] = shipment.cancelled_reason[:300]
    try:
        dates_check(shipment)
    except ValidationFailed as error:  # the date given with the move is the one at fault
        raise ValidationFailed(error.message, field="on") from None
    shipment.status = status
    shipment.save()
    history(actor, shipment, "shipping.status", data, on_order=True, on_timeline=on_timeline)
    announce(shipment)
    return shipment
