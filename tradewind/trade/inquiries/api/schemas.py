"""What inquiry clients send and what they are answered. Decimals travel as strings (api/decimals.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema, field_validator

from tradewind.api.decimals import decimal_text_in, decimal_text_out
from tradewind.api.schemas import NOT_BLANK, CountryCodeOrBlank, CurrencyCode, Input, text
from tradewind.catalog.choices import Unit
from tradewind.core.money import Money, currency_codes
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import Source
from tradewind.trade.inquiries.choices import Closing, CreatedVia, InquiryStatus

STRICT = ConfigDict(extra="forbid")

# 0.001 to 999,999,999.999 with at most three decimals (services.inquiries.QUANTITY_BOUNDS).
QUANTITY = r"[1-9][0-9]{0,8}(\.[0-9]{1,3})?|0\.(0[1-9][0-9]?|00[1-9]|[1-9][0-9]{0,2})"
# 0 to 100,000,000 with at most four decimals (services.inquiries.PRICE_BOUNDS).
AMOUNT = r"(0|[1-9][0-9]{0,7})(\.[0-9]{1,4})?|100000000(\.0{1,4})?"
Quantity = decimal_text_in(QUANTITY, "2000", "more than 0, at most 999999999.999, three decimals")
Amount = decimal_text_in(
    AMOUNT, "12.50", "0 to 100000000, at most four decimals; a string, never a JSON number"
)
PORT = r"^([A-Za-z0-9]{5})?$"
Port = Annotated[str, Field(pattern=PORT, max_length=5, description="UN/LOCODE, e.g. DEHAM; empty for none.")]
IncotermOrBlank = Annotated[
    str, WithJsonSchema({"type": "string", "enum": ["", *Incoterm.values], "description": "Incoterms® 2020"})
]


def _enum_check(values):
    def check(value):
        if value not in values:
            raise ValueError(f"one of: {', '.join(v for v in values if v) or 'empty'}")
        return value

    return check


class MoneyIn(Input):
    model_config = STRICT
    amount: Amount
    currency: CurrencyCode

    @field_validator("currency")
    @classmethod
    def _a_currency(cls, value: str) -> str:
        if value not in currency_codes():
            raise ValueError("give an ISO 4217 currency code, e.g. USD")
        return value

    def money(self) -> Money:
        return Money(self.amount, self.currency)


def _named(field: str, schema: dict | None = None) -> dict:
    return {"required": [field], "properties": {field: schema or {"type": "string", "pattern": NOT_BLANK}}}


UUID_SCHEMA = {"type": "string", "format": "uuid"}


class ItemIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"anyOf": [_named("product", UUID_SCHEMA), _named("description")]},
    )
    product: UUID | None = Field(None, description="A catalog product of the workspace.")
    description: text(300) = Field("", description="What the buyer asks for, in their words.")
    quantity: Quantity | None = None
    unit: Unit | None = Field(None, description="Empty: the product's unit, else pieces.")
    target_price: MoneyIn | None = Field(None, description="The unit price the buyer hopes for.")


class InquiryIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                _named("customer", UUID_SCHEMA),
                _named("buyer_company"),
                _named("buyer_name"),
                _named("buyer_email"),
            ]
        },
    )
    customer: UUID | None = Field(None, description="An existing customer; else give the buyer's details.")
    contact: UUID | None = Field(None, description="One of the customer's contacts.")
    buyer_company: text(200) = ""
    buyer_name: text(120) = ""
    buyer_email: text(254) = Field("", description="A complete address (name@domain), or empty.")
    buyer_phone: text(40) = ""
    buyer_country: CountryCodeOrBlank = ""
    source: Source = Source.OTHER
    platform_ref: text(100) = Field("", description="The platform's own inquiry id (Alibaba.com …).")
    received_at: dt.datetime | None = Field(None, description="Not in the future; default: now.")
    message: text(20_000) = Field("", description="The buyer's message as received.")
    destination_country: CountryCodeOrBlank = ""
    destination_port: Port = ""
    incoterm: IncotermOrBlank = ""
    items: list[ItemIn] = Field([], max_length=50)

    _incoterm = field_validator("incoterm")(_enum_check(["", *Incoterm.values]))


class InquiryPatch(Input):
    """The fields you send change (the customer is linked with POST …/customer, products with PUT …/items)."""

    model_config = STRICT
    buyer_company: text(200) = None
    buyer_name: text(120) = None
    buyer_email: text(254) = None
    buyer_phone: text(40) = None
    buyer_country: CountryCodeOrBlank = None
    source: Source = None
    platform_ref: text(100) = None
    received_at: dt.datetime = Field(None, description="Not in the future; moves an unanswered target.")
    message: text(20_000) = None
    destination_country: CountryCodeOrBlank = None
    destination_port: Port = None
    incoterm: IncotermOrBlank = None

    _incoterm = field_validator("incoterm")(_enum_check(["", *Incoterm.values]))


class ItemsIn(Input):
    model_config = STRICT
    items: list[ItemIn] = Field(max_length=50, description="The products asked for; replaces the list.")


Scope = Literal["", "mine", "pool", "overdue"]


class InquiryFiltersIn(Input):
    q: text(200) = Field("", description="Number, buyer, customer, platform id, product or SKU.")
    status: Literal["", "open", *InquiryStatus.values] = Field(
        "", description="open: new, assigned or quoted."
    )
    scope: Scope = Field(
        "", description="mine: assigned to me; pool: open, unassigned; overdue: unanswered, late."
    )
    source: Literal["", *Source.values] = ""
    country: CountryCodeOrBlank = Field(
        "", description="The customer's, the buyer's or the destination country."
    )
    customer: UUID | None = None


class InquiryAssignIn(Input):
    model_config = STRICT
    assignee: UUID | None = Field(description="A member (sales rep or lead); null puts it back in the pool.")


class RespondIn(Input):
    model_config = STRICT
    at: dt.datetime | None = Field(None, description="When the buyer was answered; default now.")


class LostIn(Input):
    model_config = STRICT
    reason: UUID = Field(description="One of the workspace's lost reasons.")
    competitor: UUID | None = Field(None, description="The competitor who won, if known.")
    note: text(2000) = ""


class CloseIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"properties": {"closing": {"const": "spam"}}},
                {
                    "required": ["duplicate_of"],
                    "properties": {"closing": {"const": "duplicate"}, "duplicate_of": UUID_SCHEMA},
                },
            ]
        },
    )
    closing: Closing
    duplicate_of: UUID | None = Field(None, description="With closing=duplicate: the inquiry it repeats.")
    note: text(2000) = ""


class LinkCustomerIn(Input):
    model_config = STRICT
    customer: UUID
    contact: UUID | None = Field(
        None, description="One of its contacts; default: the one with the buyer's e-mail."
    )


class CreateCustomerIn(Input):
    model_config = STRICT
    name: text(200) = Field("", description="Default: the buyer's company (or name).")
    country: CountryCodeOrBlank = Field("", description="Default: the buyer's country.")
    confirm_duplicates: bool = Field(
        False, description="Create it although it may be a duplicate (409 said)."
    )


# --- answers ------------------------------------------------------------------------------------------------


class UnitPriceOut(Schema):
    amount: str = Field(description='Four decimals, as a string: "12.5000".')
    currency: str


class ItemOut(Schema):
    product: UUID | None = Field(None, alias="product.public_id")
    sku: str | None = Field(None, alias="product.sku")
    description: str
    quantity: decimal_text_out(3, "The quantity, as a string.") | None
    unit: Unit
    target_price: UnitPriceOut | None = None

    @staticmethod
    def resolve_target_price(item) -> dict | None:
        price = item.target_price
        if price is None:
            return None
        return {"amount": str(price.quantized(4).amount), "currency": price.currency}


class ClockOut(Schema):
    state: Literal["answered", "due", "overdue", "closed", "none"]
    business_hours: float = Field(description="Answered in / due in / overdue by, in business hours.")


class InquiryOut(Schema):
    id: UUID = Field(alias="public_id")
    number: str
    status: InquiryStatus
    customer: UUID | None = Field(None, alias="customer.public_id")
    customer_name: str | None = Field(None, alias="customer.name")
    contact: UUID | None = Field(None, alias="contact.public_id")
    buyer_company: str
    buyer_name: str
    buyer_email: str
    buyer_phone: str
    buyer_country: str
    source: Source
    platform_ref: str
    created_via: CreatedVia
    received_at: dt.datetime
    message: str
    destination_country: str
    destination_port: str
    incoterm: str
    assignee: UUID | None = Field(None, alias="assignee.public_id")
    assignee_name: str | None = Field(None, alias="assignee.user.display_name")
    assigned_at: dt.datetime | None
    response_due_at: dt.datetime | None
    first_response_at: dt.datetime | None
    clock: ClockOut
    lost_reason: str | None = Field(None, alias="lost_reason.name")
    lost_competitor: UUID | None = Field(None, alias="lost_competitor.public_id")
    lost_note: str
    duplicate_of: str | None = Field(None, alias="duplicate_of.number")
    closed_at: dt.datetime | None
    items: list[ItemOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_clock(inquiry) -> dict:
        from tradewind.trade.inquiries.services import inquiry_clock

        clock = inquiry_clock(inquiry)
        return {"state": clock.state, "business_hours": round(clock.hours, 2)}

    @staticmethod
    def resolve_items(inquiry) -> list:
        return list(inquiry.items.select_related("product"))


class InquiryAttachmentOut(Schema):
    id: UUID
    name: str
    size: int
    content_type: str
    url: str = Field(description="Where to download it (the same authentication).")
    created_at: dt.datetime


class CompetitorIn(Input):
    model_config = STRICT
    name: text(120, required=True) = Field(description="Unique in the workspace (any case).")
    country: CountryCodeOrBlank = ""
    website: text(200) = Field("", description="e.g. www.example.com; empty for none.")
    notes: text(10_000) = ""


class CompetitorPatch(Input):
    model_config = STRICT
    name: text(120, required=True) = None
    country: CountryCodeOrBlank = None
    website: text(200) = None
    notes: text(10_000) = None


class CompetitorOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    country: str
    website: str
    notes: str


class LostReasonOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    position: int
