"""What shipping clients send and what they are answered. Decimals travel as strings (api/decimals.py);
dates as YYYY-MM-DD. What the document cannot say (a container's check digit, an ETA after the ETD, a
quantity within what remains of the order) the services check, answering 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from tradewind.api.decimals import decimal_text_in
from tradewind.api.schemas import Input, text
from tradewind.core.trade import ContainerType
from tradewind.trade.api.answers import RefOut, member_ref, places_out, places_text
from tradewind.trade.api.schemas import Day
from tradewind.trade.shipping.choices import ReleaseHow
from tradewind.trade.shipping.models import ReleaseStatus, ShipmentMode, ShipmentStatus

STRICT = ConfigDict(extra="forbid")

# UN/LOCODE: the country's two letters and three letters or digits 2-9 (CNNGB, DEHAM); empty for none.
PORT = r"^([A-Za-z]{2}[A-Za-z2-9]{3})?$"
Port = Annotated[
    str,
    Field(
        pattern=PORT,
        max_length=5,
        description="UN/LOCODE, e.g. CNNGB, DEHAM (the country must exist); empty for none.",
    ),
]
# 0 to 1,000,000,000 with at most three decimals: 0 leaves the line out of the shipment.
QUANTITY = r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,3})?|1000000000(\.0{1,3})?"
Quantity = decimal_text_in(
    QUANTITY, "500", "0 to 1000000000, three decimals; counted units (pcs, sets…) whole"
)
GrossKg = decimal_text_in(
    r"(0|[1-9][0-9]{0,5})(\.[0-9]{1,2})?|1000000(\.0{1,2})?", "21500.50", "kg, 0 to 1000000, two decimals"
)
Cbm = decimal_text_in(
    r"(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?|10000(\.0{1,4})?", "67.5", "cubic metres, 0 to 10000, four decimals"
)
Cartons = Annotated[int, Field(ge=0, le=10_000_000)]

ShipmentState = Literal["", "open", *ShipmentStatus.values]
ModeOrBlank = Literal["", *ShipmentMode.values]
CONTAINER_NUMBER = (
    "ISO 6346: owner code, category (U, J or Z), six digits and the check digit, e.g. CSQU3054383 (spaces "
    "and dashes are dropped); empty until known. A wrong check digit is refused."
)


class ShipmentFiltersIn(Input):
    q: text(100) = Field(
        "", description="Shipment, order, booking or B/L number, container number or customer."
    )
    status: ShipmentState = Field("", description="open: not delivered or cancelled.")
    mode: ModeOrBlank = ""
    etd_from: Day | None = None
    etd_to: Day | None = None
    eta_from: Day | None = None
    eta_to: Day | None = None
    order: UUID | None = Field(None, description="Only this order's shipments.")


class ShipmentGoodsIn(Input):
    model_config = STRICT
    order_line: UUID = Field(description="A line of the shipment's order (its id in the order's answer).")
    quantity: Quantity
    cartons: Cartons | None = Field(
        None, description="Default: the quantity over the line's units per carton."
    )


class ShipmentLinesIn(Input):
    model_config = STRICT
    lines: list[ShipmentGoodsIn] = Field(
        max_length=200, description="Every line in the shipment; those left out leave it."
    )


class ShipmentFieldsIn(Input):
    model_config = STRICT
    forwarder: text(200) = ""
    booking_number: text(60) = ""
    vessel: text(120) = Field("", description="The vessel's name, or the flight number.")
    voyage: text(40) = ""
    port_of_loading: Port = ""
    port_of_discharge: Port | None = Field(None, description="Default: the customer's destination port.")
    etd: Day | None = None
    eta: Day | None = Field(None, description="Not before the ETD.")
    bl_number: text(60) = Field("", description="B/L or AWB number.")
    bl_date: Day | None = None
    remarks: text(5000) = ""


class ShipmentIn(ShipmentFieldsIn):
    order: UUID = Field(description="The confirmed order the shipment is of.")
    mode: ShipmentMode = ShipmentMode.SEA_FCL
    lines: list[ShipmentGoodsIn] | None = Field(
        None,
        max_length=200,
        description="The goods; null or left out: everything of the order still to ship.",
    )


class ShipmentPatch(Input):
    model_config = STRICT
    mode: ShipmentMode | None = None
    forwarder: text(200) | None = None
    booking_number: text(60) | None = None
    vessel: text(120) | None = None
    voyage: text(40) | None = None
    port_of_loading: Port | None = None
    port_of_discharge: Port | None = None
    etd: Day | None = None
    eta: Day | None = Field(None, description="A moved ETA is recorded as an ETA change (see …/eta).")
    atd: Day | None = Field(None, description="Once shipped: a correction of when it sailed.")
    ata: Day | None = Field(None, description="Once arrived: a correction of when it arrived.")
    bl_number: text(60) | None = None
    bl_date: Day | None = None
    remarks: text(5000) | None = None
    reason: text(1000) = Field("", description="Why the ETA moved, if it did.")


class ShipmentStatusIn(Input):
    model_config = STRICT
    status: ShipmentStatus
    on: Day | None = Field(None, description="Shipped, arrived, delivered: on which day (default: today).")
    reason: text(2000) = Field("", description="Cancelled: why (required then).")


class ShipmentContainerIn(Input):
    model_config = STRICT
    container_type: ContainerType
    number: text(20) = Field("", description=CONTAINER_NUMBER)
    seal_number: text(40) = ""
    cartons: Cartons = 0
    gross_kg: GrossKg | None = Field(None, description="Default 0.")
    cbm: Cbm | None = Field(None, description="Default 0.")


class ShipmentContainerPatch(Input):
    model_config = STRICT
    container_type: ContainerType | None = None
    number: text(20) | None = Field(None, description=CONTAINER_NUMBER)
    seal_number: text(40) | None = None
    cartons: Cartons | None = None
    gross_kg: GrossKg | None = None
    cbm: Cbm | None = None


class ShipmentEtaIn(Input):
    model_config = STRICT
    eta: Day = Field(description="The new ETA: not before the ETD, nor before the ship sailed.")
    reason: text(1000) = Field(
        "", description="Why it moved (port congestion, a skipped call …); shown to the buyer."
    )


class ShipmentReleaseIn(Input):
    model_config = STRICT
    how: ReleaseHow
    courier: text(60) = Field("", description="originals_sent: the courier (DHL, SF Express …).")
    tracking: text(60) = Field("", description="originals_sent: its tracking number.")
    override_reason: text(2000) = Field(
        "", description="With the balance unpaid: a manager's reason to release anyway (audited)."
    )


# --- answers --------------------------------------------------------------------------------------------

QuantityOut = places_out(3, "Three decimals, as a string.")
KgOut = places_out(2, "Kilograms, two decimals, as a string.")
CbmOut = places_out(4, "Cubic metres, four decimals, as a string.")


class ShipmentOrderRefOut(Schema):
    id: UUID
    number: str


class ShipmentContainerOut(Schema):
    id: UUID = Field(alias="public_id")
    position: int
    container_type: ContainerType
    number: str
    seal_number: str
    cartons: int
    gross_kg: KgOut
    cbm: CbmOut

    @staticmethod
    def resolve_gross_kg(container) -> str:
        return places_text(container.gross_kg, 2)

    @staticmethod
    def resolve_cbm(container) -> str:
        return places_text(container.cbm, 4)


class _ShipmentGoodsOut(Schema):
    order_line: UUID
    position: int = Field(description="The line's place on the order, from 1.")
    sku: str
    name: str
    unit: str

    @staticmethod
    def resolve_order_line(row) -> UUID:
        return _order_line(row).public_id

    @staticmethod
    def resolve_position(row) -> int:
        return _order_line(row).position

    @staticmethod
    def resolve_sku(row) -> str:
        return _order_line(row).sku

    @staticmethod
    def resolve_name(row) -> str:
        return _order_line(row).name

    @staticmethod
    def resolve_unit(row) -> str:
        return _order_line(row).unit


def _order_line(row):
    """A ShipmentLine's order line, or a LineRemaining's line."""
    return row.order_line if hasattr(row, "order_line") else row.line


class ShipmentLineOut(_ShipmentGoodsOut):
    quantity: QuantityOut
    cartons: int | None

    @staticmethod
    def resolve_quantity(row) -> str:
        return places_text(row.quantity, 3)


class ShipmentRemainingOut(_ShipmentGoodsOut):
    ordered: QuantityOut
    shipped: QuantityOut = Field(description="In the order's shipments that are not cancelled.")
    remaining: QuantityOut

    @staticmethod
    def resolve_ordered(row) -> str:
        return places_text(row.ordered, 3)

    @staticmethod
    def resolve_shipped(row) -> str:
        return places_text(row.shipped, 3)

    @staticmethod
    def resolve_remaining(row) -> str:
        return places_text(row.remaining, 3)


class ShipmentRowOut(Schema):
    id: UUID = Field(alias="public_id")
    number: str
    order: ShipmentOrderRefOut
    customer: RefOut
    mode: ShipmentMode
    status: ShipmentStatus
    forwarder: str
    booking_number: str
    vessel: str
    voyage: str
    port_of_loading: str
    port_of_discharge: str
    etd: dt.date | None
    eta: dt.date | None
    atd: dt.date | None = Field(description="When it sailed.")
    ata: dt.date | None = Field(description="When it arrived.")
    delivered_on: dt.date | None
    bl_number: str = Field(description="B/L or AWB number.")
    bl_date: dt.date | None
    release_status: ReleaseStatus
    cartons: int
    gross_kg: KgOut
    cbm: CbmOut

    @staticmethod
    def resolve_order(shipment) -> dict:
        return {"id": shipment.order.public_id, "number": shipment.order.number}

    @staticmethod
    def resolve_customer(shipment) -> dict:
        customer = shipment.order.customer
        return {"id": customer.public_id, "name": customer.name}

    @staticmethod
    def resolve_gross_kg(shipment) -> str:
        return places_text(shipment.gross_kg, 2)

    @staticmethod
    def resolve_cbm(shipment) -> str:
        return places_text(shipment.cbm, 4)


class ShipmentOut(ShipmentRowOut):
    remarks: str
    cancelled_reason: str
    released_at: dt.datetime | None
    released_by: RefOut | None
    release_courier: str
    release_tracking: str
    release_override_reason: str = Field(
        description="Released with the balance unpaid: the manager's reason."
    )
    created_at: dt.datetime
    created_by: RefOut | None
    containers: list[ShipmentContainerOut]
    lines: list[ShipmentLineOut] = Field(description="The goods: how much of each order line.")

    @staticmethod
    def resolve_released_by(shipment) -> dict | None:
        return member_ref(shipment.released_by)

    @staticmethod
    def resolve_created_by(shipment) -> dict | None:
        return member_ref(shipment.created_by)

    @staticmethod
    def resolve_containers(shipment) -> list:
        return list(shipment.containers.all())

    @staticmethod
    def resolve_lines(shipment) -> list:
        return list(shipment.lines.select_related("order_line"))


class BuyerDraftOut(Schema):
    language: str = Field(description="en or zh-hans: the buyer's, where there is a template.")
    subject: str
    body: str


class ShipmentEtaChangeOut(Schema):
    id: UUID = Field(alias="public_id")
    old_eta: dt.date | None
    new_eta: dt.date
    reason: str
    changed_by: RefOut | None
    created_at: dt.datetime
    draft: BuyerDraftOut = Field(description="A message to the buyer, for the rep to copy.")

    @staticmethod
    def resolve_changed_by(change) -> dict | None:
        return member_ref(change.changed_by)

    @staticmethod
    def resolve_draft(change) -> dict:
        return {"language": change.draft_language, "subject": change.draft_subject, "body": change.draft}
