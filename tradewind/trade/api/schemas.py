"""What sales clients send: quotations, proforma invoices and orders, their steps, the sales settings
(what they are answered is in answers.py).

Decimals travel as strings (api/decimals.py), bounded as the services bound them: quantities with up to
three decimals, unit prices four, percents two. Input is strict: a field that does not exist is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.utils import translation
from ninja import Field
from pydantic import AfterValidator, ConfigDict, WithJsonSchema, field_validator, model_validator

from tradewind.api.decimals import decimal_text_in
from tradewind.api.schemas import NOT_BLANK, CurrencyCode, CurrencyCodeOrBlank, Input, text
from tradewind.catalog.choices import Unit
from tradewind.core.money import currency_codes
from tradewind.core.trade import Incoterm, PaymentMethod
from tradewind.trade import lines as line_rules
from tradewind.trade.choices import DocumentLanguage, OrderStatus, PaymentEvent, QuotationStatus
from tradewind.trade.payment_terms import MAX_MILESTONES, PRESETS
from tradewind.trade.services.quotations import LEAD_TIME_MAX

STRICT = ConfigDict(extra="forbid")

# --- numbers, as the services bound them --------------------------------------------------------------

# More than 0, at most 1,000,000,000, three decimals (lines.QUANTITY_MAX).
QUANTITY = r"[1-9][0-9]{0,8}(\.[0-9]{1,3})?|1000000000(\.0{1,3})?|0\.(0[1-9][0-9]?|00[1-9]|[1-9][0-9]{0,2})"
# 0 to 1,000,000,000, four decimals (lines.PRICE_MAX).
PRICE = r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,4})?|1000000000(\.0{1,4})?"
# 0 to 99.99, two decimals.
DISCOUNT = r"(0|[1-9][0-9]?)(\.[0-9]{1,2})?"
# 0.01 to 100, two decimals: a payment milestone's share.
SHARE = r"100(\.0{1,2})?|[1-9][0-9]?(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?)"
# 0 to 100, and -100 to 100, two decimals: the sales settings' thresholds.
PERCENT = r"100(\.0{1,2})?|(0|[1-9][0-9]?)(\.[0-9]{1,2})?"
SIGNED_PERCENT = rf"-?({PERCENT})"
# 0 to 99,999,999,999,999.99: a total in the reporting currency (the column holds 14 digits before the point).
TOTAL = r"(0|[1-9][0-9]{0,13})(\.[0-9]{1,2})?"

Quantity = decimal_text_in(
    QUANTITY, "1000", "more than 0, at most 1000000000, three decimals; counted units (pcs, sets…) whole"
)
UnitPrice = decimal_text_in(PRICE, "12.50", "0 to 1000000000, at most four decimals; a string")
Discount = decimal_text_in(DISCOUNT, "5", "percent off the unit price, 0 to 99.99, two decimals")
Share = decimal_text_in(SHARE, "30", "percent of the total, 0.01 to 100, two decimals")
Percent = decimal_text_in(PERCENT, "10", "percent, 0 to 100, two decimals")
SignedPercent = decimal_text_in(SIGNED_PERCENT, "15", "percent, -100 to 100, two decimals")
TotalAmount = decimal_text_in(TOTAL, "50000", "an amount in the reporting currency, two decimals")

# Dates of sales documents: from 1970 (the first exchange rates) to 2999 — a date further out is a typing
# mistake, and adding a validity to it would leave the calendar.
FIRST_DAY, LAST_DAY = dt.date(1970, 1, 1), dt.date(2999, 12, 31)
DAY_PATTERN = r"^(19[7-9][0-9]|2[0-9]{3})-[0-9]{2}-[0-9]{2}$"


def _within_years(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError("give a date from 1970-01-01 to 2999-12-31")
    return day


DAY_SCHEMA = {
    "type": "string",
    "format": "date",
    "pattern": DAY_PATTERN,
    "description": "YYYY-MM-DD, 1970 to 2999.",
}
Day = Annotated[dt.date, AfterValidator(_within_years), WithJsonSchema(DAY_SCHEMA)]

# --- what clients send ----------------------------------------------------------------------------------

UUID_SCHEMA = {"type": "string", "format": "uuid"}


def _named(field: str, schema: dict | None = None) -> dict:
    return {"required": [field], "properties": {field: schema or {"type": "string", "pattern": NOT_BLANK}}}


def _a_currency(value: str) -> str:
    if value not in currency_codes():  # checked here, where it is a 422 naming the field
        raise ValueError("give an ISO 4217 currency code, e.g. USD")
    return value


def _a_preset(key: str) -> str:
    if key not in PRESETS:
        raise ValueError(f"one of: {', '.join(PRESETS)}")
    return key


def _presets_said() -> str:
    with translation.override("en"):  # the document is in English, whoever first loads it
        return "; ".join(f"{key}: {label}" for key, (label, _terms) in PRESETS.items())


PaymentPreset = Annotated[
    str,
    AfterValidator(_a_preset),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(PRESETS),
            "description": f"Terms a rep picks most: {_presets_said()}.",
        }
    ),
]


class MilestoneIn(Input):
    model_config = STRICT
    percent: Share
    method: PaymentMethod = Field(description="How it is paid: tt (T/T), lc (L/C), dp, da, oa, cad …")
    event: PaymentEvent = Field(description="When it falls due.")
    days: int | None = Field(
        None,
        ge=1,
        le=365,
        description="Required with days_after_bl and days_after_invoice (1 to 365); ignored otherwise.",
    )

    def service_value(self) -> dict:
        return {
            "percent": str(self.percent),
            "method": self.method.value,
            "event": self.event.value,
            "days": self.days,
        }


MILESTONES = (
    "Payment terms as milestones whose percents add up to exactly 100, e.g. "
    '[{"percent": "30", "method": "tt", "event": "deposit"}, {"percent": "70", "method": "tt", '
    '"event": "against_bl_copy"}]. Give these or a `payment_preset`, not both.'
)


class LineIn(Input):
    """A line: a catalog product (its name, specification, unit, packing and cost are copied) or goods
    described in words. Whatever is left out comes from the product; a unit price left out is the
    customer's list price (422 when no price list prices the product for them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"anyOf": [_named("product", UUID_SCHEMA), _named("name")]},
    )
    product: UUID | None = Field(None, description="A product of the workspace's catalog.")
    name: text(300) | None = Field(None, description="What the buyer reads; default: the product's name.")
    specification: text(2000) | None = Field(None, description="Default: the product's specifications.")
    quantity: Quantity
    unit: Unit | None = Field(None, description="Default: the product's unit, else pieces.")
    unit_price: UnitPrice | None = Field(None, description="Null: the customer's list price.")
    discount_percent: Discount | None = None


Lines = Field(min_length=1, max_length=line_rules.MAX_LINES, description="The lines, in order.")
LEAD_TIME = Field(None, ge=0, le=LEAD_TIME_MAX, description="Days from order to ready for shipment.")
ONE_TERMS = {"oneOf": [{"required": ["payment_terms"]}, {"required": ["payment_preset"]}]}
AT_MOST_ONE_TERMS = {"not": {"required": ["payment_terms", "payment_preset"]}}


def _not_both_terms(payload):
    """Milestones and a preset are two answers to one question: which one was meant is not guessed. (Neither,
    on a new document, is the service's refusal: “Give the payment terms.”)"""
    if {"payment_terms", "payment_preset"} <= payload.model_fields_set:
        raise ValueError("send `payment_terms` or `payment_preset`, not both")
    return payload


class DocumentIn(Input):
    """What a quotation and a directly entered PI share: the buyer, the money, the terms, the lines."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=ONE_TERMS)
    customer: UUID = Field(description="A customer whose details you may see.")
    contact: UUID | None = Field(None, description="One of the customer's contacts.")
    currency: CurrencyCode = Field(None, description="One the workspace trades in; default: the customer's.")
    incoterm: Incoterm = Field(None, description="Incoterms® 2020; default: the customer's, else FOB.")
    incoterm_place: text(120, required=True) = Field(
        None, description="The named place (FOB Ningbo, DAP Warsaw); default: the customer's."
    )
    payment_terms: list[MilestoneIn] = Field(
        None, min_length=1, max_length=MAX_MILESTONES, description=MILESTONES
    )
    payment_preset: PaymentPreset = Field(None, description="Instead of `payment_terms`.")
    lead_time_days: int | None = LEAD_TIME
    language: DocumentLanguage = Field(None, description="The language it is printed in.")
    remarks: text(4000) = Field("", description="Printed on the document.")
    lines: list[LineIn] = Lines

    _currency = field_validator("currency")(_a_currency)
    _terms = model_validator(mode="after")(_not_both_terms)


class QuotationIn(DocumentIn):
    issued_on: Day = Field(None, description="Default: today. Its exchange rate is recorded.")
    valid_until: Day = Field(None, description="Not before `issued_on`; default: the workspace's validity.")
    inquiry: UUID | None = Field(None, description="The inquiry it answers.")


class QuotationPatch(Input):
    """The fields you send change; `lines` replaces every line. A draft changes; an approved quotation
    goes back to draft (what was approved is no longer what would be sent); a sent one is revised."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=AT_MOST_ONE_TERMS)
    contact: UUID | None = Field(None, description="One of the customer's contacts; null for none.")
    currency: CurrencyCode = None
    incoterm: Incoterm = None
    incoterm_place: text(120, required=True) = None
    issued_on: Day = None
    valid_until: Day = None
    payment_terms: list[MilestoneIn] = Field(
        None, min_length=1, max_length=MAX_MILESTONES, description=MILESTONES
    )
    payment_preset: PaymentPreset = None
    lead_time_days: int | None = LEAD_TIME
    language: DocumentLanguage = None
    remarks: text(4000) | None = None
    lines: list[LineIn] = Field(
        None, min_length=1, max_length=line_rules.MAX_LINES, description="Replaces every line."
    )

    _currency = field_validator("currency")(_a_currency)
    _terms = model_validator(mode="after")(_not_both_terms)


class PiIn(Input):
    """What a proforma invoice prints besides the quotation's terms: what the buyer's bank and the
    forwarder need."""

    model_config = STRICT
    buyer_name: text(200) = Field("", description="Legal name; empty: the customer's name in Latin script.")
    buyer_address: text(1000) | None = Field(None, description="Null: the customer's address.")
    port_of_loading: text(120) = ""
    port_of_discharge: text(120) = ""
    shipping_marks: text(1000) = ""
    delivery_date: Day | None = None
    bank_details: text(2000) = Field("", description="Empty: the workspace's bank details.")


class OrderIn(PiIn, DocumentIn):
    """A PI entered directly, for a repeat buyer: a quotation's terms and lines (dated today) and the PI's
    own fields."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=ONE_TERMS)


class PiPatch(Input):
    """The fields you send change, while the PI awaits the buyer's confirmation."""

    model_config = STRICT
    buyer_name: text(200, required=True) = None
    buyer_address: text(1000) | None = None
    port_of_loading: text(120) | None = None
    port_of_discharge: text(120) | None = None
    shipping_marks: text(1000) | None = None
    delivery_date: Day | None = None
    bank_details: text(2000) | None = None


QuotationState = Literal["", "open", *QuotationStatus.values]
OrderState = Literal["", *OrderStatus.values]


class DocumentFiltersIn(Input):
    q: text(200) = Field("", description="Words in the number or the customer's name.")
    currency: CurrencyCodeOrBlank = ""
    mine: bool = Field(False, description="Only the documents you are the rep of.")
    customer: UUID | None = Field(None, description="Only this customer's documents.")


class QuotationFiltersIn(DocumentFiltersIn):
    status: QuotationState = Field(
        "",
        description="open: the buyer may still accept it (draft, awaiting approval, approved, sent). "
        "Empty: every status but revisions replaced by a later one.",
    )


class OrderFiltersIn(DocumentFiltersIn):
    status: OrderState = ""


class ApproveIn(Input):
    model_config = STRICT
    comment: text(2000) = ""


class RejectIn(Input):
    model_config = STRICT
    comment: text(2000, required=True) = Field(description="Why, so the rep knows what to change.")


class SendIn(Input):
    model_config = STRICT
    to: text(254) = Field(None, description="The buyer's e-mail address; default: the contact's first one.")
    subject: text(200) = Field(
        "", description="Default: “Quotation Q-2026-0042” in the quotation's language."
    )
    message: text(10_000) = ""


class AcceptIn(Input):
    model_config = STRICT
    on: Day | None = Field(None, description="When the buyer said yes; default: today. Within the validity.")


class DeclineIn(Input):
    model_config = STRICT
    reason: text(2000) = ""


class CopyIn(Input):
    model_config = STRICT
    customer: UUID | None = Field(None, description="Another customer; default: the same one.")


class ConfirmIn(Input):
    model_config = STRICT
    confirmed_on: Day | None = Field(
        None, description="When the buyer confirmed: not in the future, not before the PI; default: today."
    )


class CancelIn(Input):
    model_config = STRICT
    reason: text(2000, required=True)


class SalesSettingsPatch(Input):
    """The fields you send change. Thresholds: null switches the rule off."""

    model_config = STRICT
    legal_name: text(200) | None = None
    legal_name_zh: text(200) | None = None
    address: text(2000) | None = None
    phone: text(60) | None = None
    email: text(254) | None = Field(None, description="An e-mail address, or empty.")
    website: text(200) | None = None
    bank_details: text(2000) | None = Field(None, description="Printed on proforma invoices.")
    approval_discount_percent: Percent | None = Field(
        None, description="A line's discount above this needs approval."
    )
    approval_margin_percent: SignedPercent | None = Field(
        None, description="A margin below this needs approval."
    )
    approval_total_amount: TotalAmount | None = Field(
        None, description="A total above this (reporting currency) needs approval."
    )
    fx_risk_percent: Percent = Field(
        None, description="Warn when a currency moved more than this since the date."
    )
    validity_days: int = Field(None, ge=1, le=365, description="How long a new quotation is valid.")
    expiry_reminder_days: int = Field(None, ge=0, le=60, description="Remind the rep this many days before.")

    @field_validator("email")
    @classmethod
    def _an_address(cls, value):
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        if value and value.strip():
            try:
                validate_email(value.strip())
            except ValidationError:
                raise ValueError("give an e-mail address (name@domain), or empty") from None
        return value
