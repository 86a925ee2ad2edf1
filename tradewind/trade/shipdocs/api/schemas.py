"""What shipping-document clients send and what they are answered. Decimals travel as strings; input is
strict (a field that does not exist is refused). Names carry "Shipdocs": the document's schemas are one
namespace for every app."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from tradewind.api.decimals import decimal_text_in
from tradewind.api.schemas import CountryCodeOrBlank, Input, text
from tradewind.trade.api.answers import RefOut
from tradewind.trade.api.schemas import Day
from tradewind.trade.shipdocs.choices import (
    DocumentKind,
    DocumentSource,
    DocumentStatus,
    OriginType,
    RuleTrigger,
)

STRICT = ConfigDict(extra="forbid")
Word = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00]*\S[^\x00]*$")]
# More than 0, below 10,000,000,000,000, four decimals: an L/C's amount in the order's currency.
AMOUNT = r"0\.(0[0-9]{0,2}[1-9]|[1-9][0-9]{0,3})|[1-9][0-9]{0,12}(\.[0-9]{1,4})?"
Amount = decimal_text_in(AMOUNT, "125000.00", "more than 0, at most four decimals, in the order's currency")


class ShipdocsRuleIn(Input):
    model_config = STRICT
    trigger: RuleTrigger = Field(description="What the rule looks at.")
    values: list[Word] = Field(
        [],
        max_length=30,
        description="Incoterms (CIF), payment methods (lc), country codes (VN) or words in the goods (wood), "
        "by `trigger`; empty for `always` and `product_category`.",
    )
    category: UUID | None = Field(None, description="The product category, for `product_category`.")
    kind: DocumentKind = Field(description="The document the shipment then needs.")
    name: text(200) = Field("", description="Its name on the checklist; empty: the kind's name.")
    notes: text(2000) = ""
    is_active: bool = True


class ShipdocsRulePatch(Input):
    model_config = STRICT
    trigger: RuleTrigger | None = None
    values: list[Word] | None = Field(None, max_length=30)
    category: UUID | None = None
    kind: DocumentKind | None = None
    name: text(200) | None = None
    notes: text(2000) | None = None
    is_active: bool | None = None


class ShipdocsRuleOut(Schema):
    id: UUID
    trigger: RuleTrigger
    values: list[str]
    category: RefOut | None
    kind: DocumentKind
    name: str
    notes: str
    is_active: bool
    position: int


class ShipdocsOriginIn(Input):
    model_config = STRICT
    country: CountryCodeOrBlank = Field(description="The destination; empty: every other country.")
    origin_type: OriginType
    notes: text(2000) = ""


class ShipdocsOriginPatch(Input):
    model_config = STRICT
    country: CountryCodeOrBlank | None = None
    origin_type: OriginType | None = None
    notes: text(2000) | None = None


class ShipdocsOriginOut(Schema):
    id: UUID
    country: str = Field(description="ISO 3166-1 alpha-2; empty for every other country.")
    origin_type: OriginType
    notes: str


class ShipdocsLetterIn(Input):
    model_config = STRICT
    number: text(60, required=True)
    issuing_bank: text(200, required=True)
    advising_bank: text(200) = ""
    issued_on: Day | None = None
    expiry_date: Day
    latest_shipment_date: Day | None = Field(None, description="Not after the expiry date.")
    presentation_days: int = Field(
        21, ge=1, le=90, description="Days after the B/L date to present the documents."
    )
    amount: Amount | None = Field(None, description="Empty: the order's total.")
    documents_required: list[DocumentKind] = Field([], max_length=20)
    notes: text(4000) = ""


class ShipdocsLetterOut(Schema):
    id: UUID
    order: RefOut = Field(description="The order; `name` is its number.")
    number: str
    issuing_bank: str
    advising_bank: str
    issued_on: dt.date | None
    expiry_date: dt.date
    latest_shipment_date: dt.date | None
    presentation_days: int
    amount: str | None = Field(
        description="In `currency`, four decimals, as a string; null: the order's total."
    )
    currency: str
    documents_required: list[DocumentKind]
    notes: str
    warnings: list[str] = Field(description="What a bank would refuse, in the caller's language.")


class ShipdocsVersionOut(Schema):
    id: UUID
    number: int
    name: str
    size: int
    content_type: str
    note: str
    uploaded_by: RefOut | None
    created_at: dt.datetime
    url: str


class ShipdocsDocumentOut(Schema):
    id: UUID
    shipment: RefOut = Field(description="`name` is the shipment's number.")
    kind: DocumentKind
    name: str = Field(description="As named on the checklist, in the caller's language.")
    origin_type: OriginType | None = Field(description="The form of a certificate of origin.")
    required: bool = Field(description="False: the rules no longer ask for it (kept: work was done on it).")
    source: DocumentSource
    reasons: list[str] = Field(description="Why the rules ask for it, in the caller's language.")
    owner: RefOut | None
    status: DocumentStatus
    status_changed_at: dt.datetime | None
    due_on: dt.date | None
    due_from_lc: bool = Field(description="The due date is the L/C's presentation deadline.")
    courier: str
    tracking_number: str
    originals_sent_on: dt.date | None
    notes: str
    versions: list[ShipdocsVersionOut]


class ShipdocsProgressOut(Schema):
    done: int = Field(description="Documents with the buyer (sent, or originals sent).")
    total: int


class ShipdocsChecklistOut(Schema):
    shipment: RefOut
    progress: ShipdocsProgressOut
    stale: list[str] = Field(
        description="What recomputing would change; empty when the checklist is current."
    )
    documents: list[ShipdocsDocumentOut]


class ShipdocsSyncOut(ShipdocsChecklistOut):
    changed: bool
    added: int
    removed: int
    kept: int = Field(description="No longer asked for, kept because work was done on them.")


class ShipdocsDocumentIn(Input):
    model_config = STRICT
    kind: DocumentKind
    name: text(200) = Field("", description="Required for `other`.")
    origin_type: OriginType | None = Field(None, description="Only for a certificate of origin.")
    owner: UUID | None = Field(None, description="A member: the documents clerk, logistics or a manager.")
    due_on: Day | None = None
    notes: text(4000) = ""


class ShipdocsDocumentPatch(Input):
    model_config = STRICT
    name: text(200) | None = None
    owner: UUID | None = None
    due_on: Day | None = None
    courier: text(60) | None = None
    tracking_number: text(60) | None = None
    notes: text(4000) | None = None


class ShipdocsStatusIn(Input):
    model_config = STRICT
    status: DocumentStatus
    courier: text(60) | None = Field(None, description="For `original_sent`: the courier (DHL, SF Express…).")
    tracking_number: text(60) | None = Field(None, description="For `original_sent`.")
    sent_on: Day | None = Field(None, description="For `original_sent`; empty: today.")
    override_reason: text(2000) = Field(
        "", description="A manager sending the original B/L while the buyer still owes the balance: why."
    )


class ShipdocsGoodsOut(Schema):
    position: int
    sku: str
    name: str
    hs_code: str
    unit: str
    quantity: str
    unit_price: str
    discount_percent: str
    amount: str
    cartons: int | None
    net_kg: str | None
    gross_kg: str | None
    cbm: str | None


class ShipdocsContainerOut(Schema):
    container_type: str
    number: str
    seal_number: str
    cartons: int
    gross_kg: str
    cbm: str


class ShipdocsFiguresOut(Schema):
    currency: str
    total: str = Field(description="The invoice's total, with the currency's minor units.")
    cartons: int
    net_kg: str | None = Field(description="Null when a line's net weight is unknown.")
    gross_kg: str
    cbm: str
    lines: list[ShipdocsGoodsOut]
    containers: list[ShipdocsContainerOut]
    warnings: list[str]
