"""The goods in a shipment, counted against the order's lines: no line ships more than was ordered, over
all its shipments that are not cancelled. And the shipment's totals (cartons, gross weight, volume): of its
containers when it has some, else of its goods by the products' packing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, ValidationFailed
from tradewind.core.numbers import decimal_number, whole_number
from tradewind.trade.lines import WHOLE_UNITS
from tradewind.trade.shipping.choices import PACKING_OPEN
from tradewind.trade.shipping.models import Shipment, ShipmentLine
from tradewind.trade.shipping.services.common import (
    announce,
    history,
    lock_order,
    lock_shipment,
    require_change_of,
)
from tradewind.trade.templatetags.trade import quantity as quantity_text

QUANTITY_BOUNDS = (Decimal(0), Decimal("1000000000"))
CARTONS_MAX = 10_000_000


@dataclass
class GoodsInput:
    """How much of an order line goes in the shipment; `cartons` None: worked out from the line's packing."""

    order_line: object  # an OrderLine of the shipment's order
    quantity: object
    cartons: object = None


def require_packing_open(shipment: Shipment) -> None:
    if shipment.status not in PACKING_OPEN:
        raise Conflict(
            _("Shipment %(number)s is %(status)s: its goods and containers are fixed.")
            % {"number": shipment.number, "status": shipment.get_status_display().lower()}
        )


def _line_name(line) -> str:
    return f"{line.position} ({line.sku + ' ' if line.sku else ''}{line.name})"


def _cartons_for(line, quantity: Decimal) -> int | None:
    if not line.units_per_carton:
        return None
    return int((quantity / line.units_per_carton).to_integral_value(rounding=ROUND_CEILING))


def goods_clean(shipment: Shipment, goods: list[GoodsInput]) -> list[dict]:
    """Each line's quantity (0 leaves it out) and cartons checked, and no line shipping more than remains
    of it after the order's other shipments; every refusal at once, naming the line."""
    from tradewind.trade.shipping.selectors import shipped_quantities

    order = shipment.order
    elsewhere = shipped_quantities(order, exclude_shipment=shipment)
    errors: list[ApplicationError] = []
    seen, clean = set(), []
    for index, item in enumerate(goods):
        line, prefix = item.order_line, f"lines.{index}."
        if line is None or line.order_id != order.pk:
            errors.append(ValidationFailed(_("Choose a line of this order."), field=f"{prefix}order_line"))
            continue
        if line.pk in seen:
            errors.append(
                ValidationFailed(
                    _("Line %(line)s is given twice.") % {"line": _line_name(line)},
                    field=f"{prefix}order_line",
                )
            )
            continue
        seen.add(line.pk)
        row_errors: list[ApplicationError] = []
        quantity = decimal_number(
            item.quantity, f"{prefix}quantity", QUANTITY_BOUNDS, 3,
            _("Line %(line)s: the quantity is a number from 0 to 1,000,000,000 with at most three decimals.")
            % {"line": _line_name(line)},
            row_errors,
        )  # fmt: skip
        cartons = whole_number(
            item.cartons, f"{prefix}cartons", 0, CARTONS_MAX,
            _("Line %(line)s: the cartons are a whole number.") % {"line": _line_name(line)}, row_errors,
        )  # fmt: skip
        errors += row_errors
        if row_errors or not quantity:
            continue
        if line.unit in WHOLE_UNITS and quantity != quantity.to_integral_value():
            errors.append(
                ValidationFailed(
                    _("Line %(line)s: %(unit)s are counted whole.")
                    % {"line": _line_name(line), "unit": line.get_unit_display()},
                    field=f"{prefix}quantity",
                )
            )
            continue
        shipped = elsewhere.get(line.pk, Decimal(0))
        left = max(line.quantity - shipped, Decimal(0))
        if quantity > left:
            errors.append(
                ValidationFailed(
                    _(
                        "Line %(line)s: %(quantity)s is more than the %(left)s left to ship "
                        "(%(ordered)s ordered, %(shipped)s in other shipments)."
                    )
                    % {
                        "line": _line_name(line),
                        "quantity": quantity_text(quantity),
                        "left": quantity_text(left),
                        "ordered": quantity_text(line.quantity),
                        "shipped": quantity_text(shipped),
                    },
                    field=f"{prefix}quantity",
                )
            )
            continue
        clean.append({"order_line": line, "quantity": quantity, "cartons": cartons})
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def lines_write(shipment: Shipment, goods: list[GoodsInput]) -> list[str]:
    """Replace the shipment's goods (checked) and its totals; the names of the lines that changed."""
    clean = goods_clean(shipment, goods)
    before = {row.order_line_id: (row.quantity, row.cartons) for row in shipment.lines.all()}
    wanted = {}
    for item in clean:
        line = item["order_line"]
        cartons = item["cartons"] if item["cartons"] is not None else _cartons_for(line, item["quantity"])
        wanted[line.pk] = (item["quantity"], cartons)
    ShipmentLine.objects.filter(shipment=shipment).exclude(order_line_id__in=list(wanted)).delete()
    for line_id, (quantity, cartons) in wanted.items():
        if before.get(line_id) != (quantity, cartons):
            ShipmentLine.objects.update_or_create(
                shipment=shipment,
                order_line_id=line_id,
                defaults={"workspace_id": shipment.workspace_id, "quantity": quantity, "cartons": cartons},
            )
    totals_update(shipment)
    changed = [line_id for line_id in set(before) | set(wanted) if before.get(line_id) != wanted.get(line_id)]
    if not changed:
        return []
    return [
        _line_name(line) for line in shipment.order.lines.filter(pk__in=changed).order_by("position", "id")
    ]


@transaction.atomic
def shipment_lines_set(*, actor, shipment: Shipment, goods: list[GoodsInput]) -> Shipment:
    """Which goods, and how much of each order line, go in this shipment (the lines not given leave it).
    Refused once it has sailed, and for any line that would ship more than was ordered."""
    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    require_packing_open(shipment)
    lock_order(shipment.order)  # one writer counts the order's quantities at a time
    changed = lines_write(shipment, goods)
    if changed:
        history(actor, shipment, "shipping.goods_changed", {"lines": changed[:20]})
        announce(shipment)
    return shipment


def totals_update(shipment: Shipment) -> None:
    """The shipment's cartons, gross weight and volume. Each is its containers' sum once the containers
    say it (the forwarder's figures after stuffing), else its goods' by the order lines' packing (cartons
    as given, weight and volume per carton)."""
    boxes = shipment.containers.aggregate(cartons=Sum("cartons"), gross_kg=Sum("gross_kg"), cbm=Sum("cbm"))
    cartons, gross_kg, cbm = 0, Decimal(0), Decimal(0)
    for row in shipment.lines.select_related("order_line"):
        line, count = row.order_line, row.cartons or 0
        cartons += count
        if line.gross_kg_per_carton is not None:
            gross_kg += line.gross_kg_per_carton * count
        if line.cbm_per_carton is not None:
            cbm += line.cbm_per_carton * count
    shipment.cartons = boxes["cartons"] or cartons
    shipment.gross_kg = (boxes["gross_kg"] or gross_kg).quantize(Decimal("0.01"))
    shipment.cbm = (boxes["cbm"] or cbm).quantize(Decimal("0.0001"))
    Shipment.objects.filter(pk=shipment.pk).update(
        cartons=shipment.cartons, gross_kg=shipment.gross_kg, cbm=shipment.cbm
    )
