"""What production clients send and what they are answered. Dates are ISO days ("2026-03-31"); a date
sent as null in a PATCH clears it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from tradewind.api.schemas import CountryCodeOrBlank, Input, text
from tradewind.trade.production.choices import (
    InspectionAgency,
    InspectionKind,
    InspectionResult,
    ProductionStatus,
)

STRICT = ConfigDict(extra="forbid")
Percent = Annotated[int, Field(ge=0, le=100, description="Whole percent, 0 to 100.")]


# --- suppliers ----------------------------------------------------------------------------------------


class SupplierFiltersIn(Input):
    q: text(100) = Field("", description="Part of the name, city, contact person or notes.")
    archived: Literal["", "archived", "all"] = Field("", description="Empty: the current suppliers only.")


class SupplierIn(Input):
    model_config = STRICT
    name: text(200, required=True)
    contact_person: text(120) = ""
    phone: text(40) = ""
    email: text(254) = Field("", description="A complete address (name@domain), or empty.")
    city: text(100) = ""
    country: CountryCodeOrBlank = ""
    notes: text(10_000) = ""


class SupplierPatch(Input):
    """The fields you send change."""

    model_config = STRICT
    name: text(200, required=True) = None
    contact_person: text(120) = None
    phone: text(40) = None
    email: text(254) = None
    city: text(100) = None
    country: CountryCodeOrBlank = None
    notes: text(10_000) = None


class SupplierOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    contact_person: str
    phone: str
    email: str
    city: str
    country: str
    notes: str
    archived: bool
    created_at: dt.datetime


class SupplierRefOut(Schema):
    id: UUID
    name: str


# --- production -------------------------------------------------------------------------------------


class ProductionIn(Input):
    model_config = STRICT
    supplier: UUID = Field(description="A current (not archived) supplier of the workspace.")
    goods: text(300) = Field("", description="What this factory makes of the order.")
    planned_start: dt.date | None = None
    planned_ready: dt.date | None = Field(None, description="Not before the planned start.")
    actual_start: dt.date | None = Field(None, description="Not in the future.")
    actual_ready: dt.date | None = Field(None, description="Not before the actual start, not in the future.")
    expected_ready: dt.date | None = Field(None, description="Empty: the planned ready date.")
    progress: Percent = 0
    status: ProductionStatus = ProductionStatus.PLANNED
    notes: text(10_000) = ""


class ProductionPatch(Input):
    """The fields you send change; a date sent as null is cleared."""

    model_config = STRICT
    supplier: UUID = None
    goods: text(300) = None
    planned_start: dt.date | None = None
    planned_ready: dt.date | None = None
    actual_start: dt.date | None = None
    actual_ready: dt.date | None = None
    expected_ready: dt.date | None = None
    progress: Percent = None
    status: ProductionStatus = None
    notes: text(10_000) = None


class ProductionOut(Schema):
    id: UUID
    order: UUID
    supplier: SupplierRefOut
    goods: str
    planned_start: dt.date | None
    planned_ready: dt.date | None
    actual_start: dt.date | None
    actual_ready: dt.date | None
    expected_ready: dt.date | None
    ready_date: dt.date | None = Field(
        description="The actual ready date, else the expected, else the planned."
    )
    progress: int
    status: str = Field(description="planned, in_progress, ready or cancelled")
    late: bool = Field(description="Ready after the order's delivery date: the order is at risk.")
    notes: str
    created_at: dt.datetime


class ProgressIn(Input):
    model_config = STRICT
    progress: Percent
    note: text(10_000) = ""
    expected_ready: dt.date | None = Field(
        None, description="The factory's new ready date; empty: unchanged."
    )


class ProgressPhotoOut(Schema):
    id: UUID
    name: str
    size: int
    content_type: str
    url: str = Field(description="Where to download the photo (the same authentication).")
    thumbnail_url: str = Field(description="A JPEG of at most 320 pixels a side.")
    created_at: dt.datetime


class ProgressOut(Schema):
    id: UUID
    progress: int
    note: str
    expected_ready: dt.date | None
    author: str | None = Field(description="Who recorded it.")
    photos: list[ProgressPhotoOut]
    created_at: dt.datetime


# --- inspections ------------------------------------------------------------------------------------


class InspectionFiltersIn(Input):
    q: text(100) = Field("", description="Part of the order number, customer, factory or inspector.")
    result: Literal["", "pending", "pass", "pass_remarks", "fail"] = ""
    order: UUID | None = Field(None, description="One order's inspections.")


class InspectionIn(Input):
    model_config = STRICT
    order: UUID = Field(description="A confirmed order.")
    production: UUID | None = Field(
        None, description="The factory's production; empty: the order as a whole."
    )
    agency: InspectionAgency = InspectionAgency.OWN
    agency_name: text(120) = Field("", description="Required when agency is other.")
    kind: InspectionKind = InspectionKind.PRE_SHIPMENT
    inspector: text(120) = ""
    inspected_on: dt.date
    notes: text(10_000) = ""


class InspectionPatch(Input):
    """The fields you send change; production null: the order as a whole."""

    model_config = STRICT
    production: UUID | None = None
    agency: InspectionAgency = None
    agency_name: text(120) = None
    kind: InspectionKind = None
    inspector: text(120) = None
    inspected_on: dt.date = None
    notes: text(10_000) = None


class InspectionResultIn(Input):
    model_config = STRICT
    result: Literal["pass", "pass_remarks", "fail"]
    defects: text(10_000) = Field("", description="Required for fail and pass_remarks.")


class RiskAcceptanceIn(Input):
    model_config = STRICT
    reason: text(2_000, required=True) = Field(
        description="Why the goods may go on despite the failed inspection."
    )


class InspectionPhotoOut(Schema):
    id: UUID
    name: str
    size: int
    content_type: str
    url: str = Field(description="Where to download the photo (the same authentication).")
    thumbnail_url: str = Field(description="A JPEG of at most 320 pixels a side.")
    created_at: dt.datetime


class InspectionReportOut(Schema):
    name: str
    size: int
    content_type: str
    url: str


class InspectionOut(Schema):
    id: UUID
    order: UUID
    order_number: str
    production: UUID | None
    supplier: SupplierRefOut | None
    agency: str = Field(description=", ".join(InspectionAgency.values))
    agency_name: str
    agency_label: str = Field(description="The agency as shown: its name for another company.")
    kind: str = Field(description=", ".join(InspectionKind.values))
    inspector: str
    inspected_on: dt.date
    result: str = Field(description=", ".join(InspectionResult.values))
    defects: str
    decided_at: dt.datetime | None
    report: InspectionReportOut | None
    photos: list[InspectionPhotoOut]
    blocks_booking: bool = Field(description="This failed inspection blocks the order's booking now.")
    risk_accepted_at: dt.datetime | None
    risk_accepted_by: str | None
    risk_reason: str
    notes: str
    created_at: dt.datetime
