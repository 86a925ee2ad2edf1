"""What the sales API answers: documents, their lines, margins, FX warnings, totals, the sales settings.

Decimals are strings: amounts with their currency's minor units ("12500.00" EUR, "3704" JPY), quantities
with three decimals, unit prices four, percents two, rates ten.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema

from tradewind.catalog.choices import Unit
from tradewind.core.money import currency_minor_units
from tradewind.core.trade import Incoterm
from tradewind.fx.models import RATE_QUANTUM
from tradewind.trade.choices import DocumentLanguage, OrderStatus, QuotationStatus

AMOUNT_OUT = r"^-?[0-9]+(\.[0-9]+)?$"


def amount_out(description: str):
    """An amount as a string with its currency's minor units ("12500.00", "3704")."""
    return Annotated[str, Field(pattern=AMOUNT_OUT, description=description)]


def places_out(places: int, description: str):
    return Annotated[str, Field(pattern=rf"^-?[0-9]+\.[0-9]{{{places}}}$", description=description)]


Amount = amount_out("In the document's currency, with its minor units, as a string.")
ReportingAmount = amount_out("In the workspace's reporting currency, with its minor units, as a string.")
QuantityOut = places_out(3, "Three decimals, as a string.")
UnitPriceOut = places_out(4, "Four decimals, as a string.")
PercentOut = places_out(2, "Two decimals, as a string.")
RateOut = places_out(10, "Units of the reporting currency for one unit of the document's currency.")


def amount_text(amount: Decimal, currency: str) -> str:
    return f"{amount.quantize(Decimal(1).scaleb(-currency_minor_units(currency))):f}"


def places_text(value: Decimal | None, places: int) -> str | None:
    return None if value is None else f"{Decimal(value).quantize(Decimal(1).scaleb(-places)):f}"


def rate_text(rate: Decimal) -> str:
    return f"{rate.quantize(RATE_QUANTUM):f}"


class RefOut(Schema):
    id: UUID
    name: str


class MoneyOut(Schema):
    amount: str = Field(pattern=AMOUNT_OUT, description="With the currency's minor units, as a string.")
    currency: str


class MilestoneOut(Schema):
    percent: PercentOut
    method: str
    event: str
    days: int | None


class LineOut(Schema):
    position: int
    product: UUID | None = Field(description="The catalog product, if the line is one (and still exists).")
    sku: str
    name: str
    specification: str
    quantity: QuantityOut
    unit: Unit
    unit_price: UnitPriceOut
    discount_percent: PercentOut
    total: Amount
    price_list: UUID | None = Field(description="The price list the price came from; null: typed.")
    list_price: UnitPriceOut | None = Field(description="What that list said.")
    cost: MoneyOut | None = Field(
        description="The product's cost on the day (per unit); null without one, and always for members "
        "who may not see costs."
    )
    cartons: int | None
    cbm: places_out(4, "Cubic metres, as a string.") | None
    gross_kg: places_out(2, "Kilograms, as a string.") | None


class LineMarginOut(Schema):
    position: int
    revenue: ReportingAmount
    cost: ReportingAmount | None = Field(description="Null: the line has no cost (or no rate for it).")
    margin: ReportingAmount | None
    percent: PercentOut | None


class MarginsOut(Schema):
    """In the reporting currency: amounts at the document's recorded rate, costs at the rate of their
    currency on the document's date. Lines without a cost are left out of the sums."""

    currency: str = Field(description="The workspace's reporting currency.")
    revenue: ReportingAmount | None
    cost: ReportingAmount | None
    margin: ReportingAmount | None
    percent: PercentOut | None
    lines_without_cost: int
    missing_rates: list[str] = Field(description="Cost currencies without a rate on the document's date.")
    lines: list[LineMarginOut]


class FxRiskOut(Schema):
    """The document's currency moved against the reporting currency by more than the workspace's
    threshold since its date."""

    rate_then: RateOut = Field(description="The rate recorded on the document.")
    rate_now: RateOut
    rate_now_on: dt.date = Field(description="The day of today's rate.")
    change_percent: PercentOut = Field(description="Negative: the currency lost value.")
    margin_percent_now: PercentOut | None = Field(
        description="The margin at today's rate; null for members who may not see margins."
    )


class ContainerOut(Schema):
    kind: str = Field(description="20GP, 40GP, 40HQ.")
    count: int
    fill_percent: int = Field(description="How full the last one is, by volume or weight.")


class DocumentRefOut(Schema):
    id: UUID
    number: str
    status: str


class RevisionOut(DocumentRefOut):
    revision: int


class RowOut(Schema):
    """What a list row of either kind shows."""

    id: UUID = Field(alias="public_id")
    number: str
    customer: RefOut
    currency: str
    total: Amount
    total_reporting: ReportingAmount
    reporting_currency: str
    issued_on: dt.date
    owner: RefOut | None = Field(description="The rep who answers for it.")

    @staticmethod
    def resolve_customer(document) -> dict:
        return {"id": document.customer.public_id, "name": document.customer.name}

    @staticmethod
    def resolve_total(document) -> str:
        return amount_text(document.total, document.currency)

    @staticmethod
    def resolve_total_reporting(document) -> str:
        return amount_text(document.total_reporting, document.workspace.currency)

    @staticmethod
    def resolve_reporting_currency(document) -> str:
        return document.workspace.currency

    @staticmethod
    def resolve_owner(document) -> dict | None:
        return member_ref(document.owner)


class QuotationRowOut(RowOut):
    revision: int
    status: QuotationStatus
    valid_until: dt.date


class OrderRowOut(RowOut):
    status: OrderStatus
    quotation: str | None = Field(None, alias="quotation.number", description="The quotation's number.")
    confirmed_on: dt.date | None


class DocumentOut(Schema):
    id: UUID
    number: str
    customer: RefOut
    contact: RefOut | None
    owner: RefOut | None
    currency: str
    reporting_currency: str
    rate: RateOut = Field(description="Recorded on the document's date; totals and margins convert with it.")
    rate_on: dt.date = Field(description="The day of that rate (the latest on or before the date).")
    issued_on: dt.date
    incoterm: Incoterm
    incoterm_place: str
    payment_terms: list[MilestoneOut]
    payment_terms_text: str = Field(description="As printed, in your language.")
    lead_time_days: int | None
    language: DocumentLanguage
    remarks: str
    total: Amount
    total_reporting: ReportingAmount
    cartons: int
    cbm: places_out(4, "Cubic metres, as a string.")
    gross_kg: places_out(2, "Kilograms, as a string.")
    containers: list[ContainerOut] = Field(description="How many of each container the goods need.")
    lines: list[LineOut]
    margins: MarginsOut | None = Field(description="Null for members who may not see margins.")
    fx_risk: FxRiskOut | None = Field(description="Null when the currency has not moved past the threshold.")
    created_at: dt.datetime
    updated_at: dt.datetime


class QuotationOut(DocumentOut):
    revision: int
    status: QuotationStatus
    valid_until: dt.date
    inquiry: UUID | None = Field(description="The inquiry it answers.")
    approval_reasons: list[str] = Field(description="Why it needed a manager's approval, as texts.")
    submitted_at: dt.datetime | None
    decided_by: RefOut | None
    decided_at: dt.datetime | None
    decision_comment: str
    sent_at: dt.datetime | None
    sent_to: str = Field(description="The address it was e-mailed to; empty when marked sent.")
    answered_at: dt.datetime | None = Field(description="When the buyer accepted or declined.")
    decline_reason: str
    revisions: list[RevisionOut] = Field(description="Every revision of the quotation, this one included.")
    orders: list[DocumentRefOut] = Field(description="Its proforma invoices.")


class PaymentOut(Schema):
    position: int
    percent: PercentOut
    method: str
    event: str
    days: int | None
    amount: Amount
    received: Amount
    due_on: dt.date | None = Field(description="Known for a deposit; the others follow events.")


class SignedPiOut(Schema):
    name: str
    size: int = Field(description="Bytes.")
    content_type: str
    url: str = Field(description="Where to download it (the same authentication).")


class OrderOut(DocumentOut):
    status: OrderStatus
    quotation: DocumentRefOut | None
    buyer_name: str
    buyer_address: str
    port_of_loading: str
    port_of_discharge: str
    shipping_marks: str
    delivery_date: dt.date | None
    bank_details: str
    confirmed_at: dt.datetime | None
    confirmed_on: dt.date | None
    confirmed_by: RefOut | None
    signed_pi: SignedPiOut | None
    cancelled_reason: str
    payments: list[PaymentOut] = Field(description="The amounts due, once the buyer confirmed.")


class TotalsOut(Schema):
    count: int = Field(description="How many documents the filters found.")
    subtotals: list[MoneyOut] = Field(
        description="One per currency, by currency code: amounts in different currencies are never added."
    )
    total: MoneyOut = Field(description="The subtotals converted into the reporting currency.")
    rates: Literal["recorded"] = Field(
        description="Which rates converted them: each document's own, recorded on its date."
    )
    note: str = Field(description="The same, said in your language.")


class SalesSettingsOut(Schema):
    legal_name: str
    legal_name_zh: str
    address: str
    phone: str
    email: str
    website: str
    bank_details: str
    has_logo: bool
    reporting_currency: str
    approval_discount_percent: PercentOut | None
    approval_margin_percent: PercentOut | None
    approval_total_amount: places_out(2, "In the reporting currency, as a string.") | None
    fx_risk_percent: PercentOut
    validity_days: int
    expiry_reminder_days: int


def member_ref(membership) -> dict | None:
    if membership is None:
        return None
    return {"id": membership.public_id, "name": membership.user.display_name}
