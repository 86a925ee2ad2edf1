"""The figures of a shipment's commercial invoice and packing list, computed once for both.

Each shipped line is priced as the order prices it: quantity × the order line's unit price × (1 − its
discount), rounded to the currency's minor units once per line (trade/lines.py) — so a shipment carrying the
whole order invoices the order's total to the cent. Its cartons are what shipping recorded for the line, else
the whole cartons the quantity fills (a part carton is a carton), and weights and volume follow from the
packing copied onto the order line (gross kg and CBM per carton) and the product's net kg per carton.
The invoice and the packing list both read these rows: they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tradewind.trade.lines import line_amount

CBM = Decimal("0.0001")
KG = Decimal("0.01")


@dataclass(frozen=True)
class GoodsRow:
    position: int
    sku: str
    name: str
    specification: str
    hs_code: str
    unit: str  # the code ("pcs"); `unit_label` is what a reader sees
    unit_label: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    amount: Decimal  # rounded to the currency's minor units
    units_per_carton: int | None
    cartons: int | None
    net_kg: Decimal | None
    gross_kg: Decimal | None
    cbm: Decimal | None


@dataclass(frozen=True)
class ContainerRow:
    container_type: str
    number: str
    seal_number: str
    cartons: int
    gross_kg: Decimal
    cbm: Decimal


@dataclass
class ShipmentFigures:
    currency: str
    rows: list[GoodsRow] = field(default_factory=list)
    containers: list[ContainerRow] = field(default_factory=list)
    total: Decimal = Decimal(0)
    cartons: int = 0
    net_kg: Decimal = Decimal(0)
    gross_kg: Decimal = Decimal(0)
    cbm: Decimal = Decimal(0)
    quantities: dict[str, Decimal] = field(default_factory=dict)  # unit label -> quantity
    lines_without_packing: list[int] = field(default_factory=list)  # positions
    net_complete: bool = True  # every line's net weight is known

    @property
    def container_cartons(self) -> int:
        return sum(c.cartons for c in self.containers)

    def warnings(self) -> list[str]:
        """What a documents clerk must fix before these papers go out, in the reader's language."""
        found = []
        if not self.rows:
            found.append(
                _("No goods are recorded on this shipment yet: the invoice and packing list are empty.")
            )
        if self.lines_without_packing:
            found.append(
                _("Lines %(lines)s have no packing data (units and gross weight per carton).")
                % {"lines": ", ".join(str(p) for p in self.lines_without_packing)}
            )
        if self.containers and self.container_cartons != self.cartons:
            found.append(
                _("The containers hold %(containers)d cartons but the goods make %(goods)d.")
                % {"containers": self.container_cartons, "goods": self.cartons}
            )
        return found


def _cartons(shipment_line, order_line) -> int | None:
    if shipment_line.cartons is not None:
        return shipment_line.cartons
    if not order_line.units_per_carton:
        return None
    return int(
        (shipment_line.quantity / order_line.units_per_carton).to_integral_value(rounding=ROUND_CEILING)
    )


def shipment_figures(shipment) -> ShipmentFigures:
    """The goods, packing and amounts of `shipment` (three queries: the lines with their order lines and
    products, the containers)."""
    order = shipment.order
    currency = order.currency
    figures = ShipmentFigures(currency=currency)
    shipped = shipment.lines.select_related("order_line__product").order_by("order_line__position", "id")
    for position, line in enumerate(shipped, start=1):
        order_line = line.order_line
        product = order_line.product
        cartons = _cartons(line, order_line)
        gross = net = cbm = None
        if cartons is not None:
            if order_line.gross_kg_per_carton is not None:
                gross = (order_line.gross_kg_per_carton * cartons).quantize(KG, ROUND_HALF_UP)
            if order_line.cbm_per_carton is not None:
                cbm = (order_line.cbm_per_carton * cartons).quantize(CBM, ROUND_HALF_UP)
            if product is not None and product.carton_net_kg is not None:
                net = (product.carton_net_kg * cartons).quantize(KG, ROUND_HALF_UP)
        row = GoodsRow(
            position=position,
            sku=order_line.sku,
            name=order_line.name,
            specification=order_line.specification,
            hs_code=product.hs_code if product is not None else "",
            unit=order_line.unit,
            unit_label=str(order_line.get_unit_display()),
            quantity=line.quantity,
            unit_price=order_line.unit_price,
            discount_percent=order_line.discount_percent,
            amount=line_amount(line.quantity, order_line.unit_price, order_line.discount_percent, currency),
            units_per_carton=order_line.units_per_carton,
            cartons=cartons,
            net_kg=net,
            gross_kg=gross,
            cbm=cbm,
        )
        figures.rows.append(row)
        figures.total += row.amount
        figures.cartons += cartons or 0
        figures.gross_kg += gross or Decimal(0)
        figures.cbm += cbm or Decimal(0)
        figures.net_kg += net or Decimal(0)
        figures.net_complete = figures.net_complete and net is not None
        figures.quantities[row.unit_label] = figures.quantities.get(row.unit_label, Decimal(0)) + row.quantity
        if cartons is None or gross is None:
            figures.lines_without_packing.append(position)
    figures.containers = [
        ContainerRow(c.container_type, c.number, c.seal_number, c.cartons, c.gross_kg, c.cbm)
        for c in shipment.containers.all()
    ]
    return figures
