"""What receivables clients send and are answered. Decimals travel as strings (api/decimals.py): amounts
with their currency's minor units, rates with ten decimals. Input is strict: an unknown field is refused."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from tradewind.api.decimals import decimal_text_in
from tradewind.api.schemas import CurrencyCode, CurrencyCodeOrBlank, Input, member_or, text
from tradewind.trade.api.answers import AMOUNT_OUT, PercentOut, RefOut, amount_out, places_out
from tradewind.trade.api.schemas import Day
from tradewind.trade.choices import PaymentEvent
from tradewind.trade.receivables.choices import AgeingBucket, MilestoneState, ReceiptStatus

STRICT = ConfigDict(extra="forbid")

# 0 to 99,999,999,999,999 with at most four decimals (the service then holds it to the currency's).
AMOUNT = r"(0|[1-9][0-9]{0,13})(\.[0-9]{1,4})?"
RATE = r"(0|[1-9][0-9]{0,9})(\.[0-9]{1,10})?"
AmountIn = decimal_text_in(
    AMOUNT, "12500.00", "an amount; at most the currency's decimals (USD two, JPY none); a string"
)
RateIn = decimal_text_in(RATE, "7.1234", "units of the order's currency for 1 of the receipt's; ten decimals")
Amount = amount_out("In the order's currency, with its minor units, as a string.")
PaidAmount = amount_out("In the currency paid in, with its minor units, as a string.")
RateOut = places_out(10, "Units of the order's currency for one unit of the currency paid in.")
Bucket = Literal["", *AgeingBucket.values]


class ReceiptAllocationIn(Input):
    model_config = STRICT
    milestone: UUID = Field(description="One of the order's payment milestones (its `id`).")
    amount: AmountIn = Field(description="In the order's currency; at most what is open on the milestone.")


class ReceiptIn(Input):
    """What the buyer paid. `allocations` null: the open milestones are settled oldest due first."""

    model_config = STRICT
    received_on: Day = Field(description="The day the money arrived; not in the future, not before the PI.")
    amount: AmountIn = Field(description="What the buyer paid (it settles the milestones), above 0.")
    currency: CurrencyCode
    rate: RateIn | None = Field(
        None, description="Required when `currency` is not the order's: the order's currency for 1 of it."
    )
    bank_charges: AmountIn | None = Field(
        None, description="Taken by the banks, in `currency`; less than `amount`. Null: none."
    )
    reference: text(100) = Field("", description="The bank's reference (e.g. the SWIFT message's).")
    payer: text(200) = Field("", description="Who paid, as the bank names them.")
    note: text(2000) = ""
    allocations: list[ReceiptAllocationIn] | None = Field(
        None, max_length=6, description="Which milestones it settles and by how much; null: oldest due first."
    )
    confirm_overpayment: bool = Field(
        False,
        description="Keep what is not allocated (more than is open, or than you allocated) as credit on the "
        "receipt. Without it such a receipt is refused (422, field confirm_overpayment).",
    )


class ReceiptReverseIn(Input):
    model_config = STRICT
    reason: text(2000, required=True) = Field(description="Why: bounced, booked on the wrong order…")


class PaymentMilestoneOut(Schema):
    id: UUID
    position: int
    percent: PercentOut
    method: str
    event: PaymentEvent
    days: int | None
    amount: Amount
    received: Amount
    open: Amount
    due_on: dt.date | None = Field(description="Null while its trigger (ETD, B/L date, arrival) is unknown.")
    state: MilestoneState
    days_overdue: int | None
    bucket: AgeingBucket | None = Field(description="The ageing of its open amount; null when paid.")


class ReceiptAllocationOut(Schema):
    milestone: UUID
    position: int
    amount: Amount


class ReceiptOut(Schema):
    id: UUID
    number: str
    order: RefOut = Field(description="The order; `name` is its number.")
    order_currency: str
    received_on: dt.date
    amount: PaidAmount
    currency: str
    rate: RateOut | None = Field(description="Null when paid in the order's currency.")
    amount_in_order: Amount
    bank_charges: PaidAmount
    reference: str
    payer: str
    note: str
    credit: Amount = Field(description="Allocated to no milestone: a confirmed over-payment.")
    status: ReceiptStatus
    allocations: list[ReceiptAllocationOut]
    recorded_by: RefOut | None
    recorded_at: dt.datetime
    reversed_at: dt.datetime | None
    reversed_by: RefOut | None
    reversal_reason: str


class ReceiptFiltersIn(Input):
    q: text(200) = Field(
        "", description="Words in the receipt's or order's number, reference, payer, customer."
    )
    currency: CurrencyCodeOrBlank = Field("", description="The currency paid in.")
    status: Literal["", *ReceiptStatus.values] = ""
    customer: UUID | None = Field(None, description="Only this customer's receipts.")


class ReceivableFiltersIn(Input):
    q: text(200) = Field("", description="Words in the order's number or the customer's name.")
    customer: UUID | None = None
    rep: member_or("mine") = Field("", description="mine, or a member's id: the orders they sold.")
    currency: CurrencyCodeOrBlank = ""
    overdue: bool = Field(False, description="Only orders with an amount past due.")
    bucket: Bucket = Field("", description="Only orders with an open amount in this ageing bucket.")


class AgeingBucketsOut(Schema):
    not_due: str = Field(pattern=AMOUNT_OUT)
    days_1_30: str = Field(pattern=AMOUNT_OUT)
    days_31_60: str = Field(pattern=AMOUNT_OUT)
    days_61_90: str = Field(pattern=AMOUNT_OUT)
    over_90: str = Field(pattern=AMOUNT_OUT)


class ReceivableOut(Schema):
    """A confirmed order with money open; amounts in its currency."""

    order: RefOut = Field(description="The order; `name` is its number.")
    customer: RefOut
    rep: RefOut | None
    currency: str
    total: Amount
    open: Amount
    overdue: Amount
    buckets: AgeingBucketsOut
    oldest_due_on: dt.date | None = Field(description="The earliest due date among its open milestones.")


class CurrencyAgeingOut(Schema):
    currency: str
    orders: int
    open: Amount
    buckets: AgeingBucketsOut
    open_reporting: str = Field(
        pattern=AMOUNT_OUT, description="`open` in the reporting currency, at each order's recorded rate."
    )


class ReceivablesAgeingOut(Schema):
    """Per currency (never added together); the reporting-currency sums are an equivalent, converted at each
    order's recorded rate."""

    today: dt.date = Field(description="The workspace's date the ageing is counted from.")
    currencies: list[CurrencyAgeingOut]
    reporting_currency: str
    reporting: AgeingBucketsOut
    open_reporting: str = Field(pattern=AMOUNT_OUT)


class ReceivablesSettingsIn(Input):
    model_config = STRICT
    escalation_days: int = Field(
        ge=1, le=365, description="Overdue by this many days: the managers are told."
    )


class ReceivablesSettingsOut(Schema):
    escalation_days: int
