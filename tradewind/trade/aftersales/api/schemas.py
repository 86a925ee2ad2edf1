"""What after-sales clients send and what they are answered. Amounts travel as strings (api/decimals.py),
answered with their currency's minor units."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from tradewind.api.decimals import decimal_text_in
from tradewind.api.schemas import CurrencyCodeOrBlank, Input, member_or, text
from tradewind.trade.aftersales.choices import OPEN_STATUSES, CaseStatus, CaseType, Resolution
from tradewind.trade.aftersales.services.settings import FOLLOW_UP_DAYS
from tradewind.trade.api.answers import MoneyOut, RefOut

STRICT = ConfigDict(extra="forbid")

# More than zero, at most 14 whole digits and four decimals (what is stored). The currency's own decimals
# (USD two, JPY none) are checked by the service, which names the field.
POSITIVE = r"[1-9][0-9]{0,13}(\.[0-9]{1,4})?|0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9])"
PositiveAmount = decimal_text_in(
    POSITIVE, "120.50", "more than 0, with at most the currency's decimals; a string, never a JSON number"
)


class CaseClaimIn(Input):
    model_config = STRICT
    amount: PositiveAmount
    currency: CurrencyCodeOrBlank = Field("", description="Empty: the order's currency.")


class CaseIn(Input):
    model_config = STRICT
    order: UUID = Field(description="A confirmed order you may see.")
    shipment: UUID | None = Field(None, description="One of the order's shipments.")
    case_type: CaseType
    description: text(10_000, required=True) = Field(description="What the buyer reports.")
    claimed: CaseClaimIn | None = Field(None, description="What the buyer claims; null: no money claimed.")
    currency: CurrencyCodeOrBlank = Field(
        "", description="The case's currency when no amount is claimed; empty: the order's."
    )
    owner: UUID | None = Field(
        None,
        description="Customer service or a manager; default: the order's customer service person. "
        "Only customer service and managers choose it.",
    )


class CasePatch(Input):
    """The fields you send change (null clears the claim, the shipment or the owner)."""

    model_config = STRICT
    case_type: CaseType = None
    description: text(10_000, required=True) = None
    claimed: CaseClaimIn | None = None
    shipment: UUID | None = None
    owner: UUID | None = None


class CaseStatusIn(Input):
    model_config = STRICT
    status: Literal[tuple(s.value for s in OPEN_STATUSES)] = Field(
        description="An open status; a case is closed with …/resolve."
    )


class CaseResolveIn(Input):
    model_config = STRICT
    resolution: Resolution
    agreed_amount: PositiveAmount | None = Field(
        None,
        description="In the case's currency: required for credit_note and refund, optional for replacement, "
        "null for rejected.",
    )
    note: text(5000) = Field("", description="Required for rejected: why.")
    confirm_above_claim: bool = Field(
        False, description="Agree more than the buyer claimed (or money on a case that claimed none)."
    )


class CaseFiltersIn(Input):
    q: text(200) = Field("", description="Case, order or shipment number, customer, description.")
    status: Literal["", "open", *CaseStatus.values] = Field(
        "", description="open: open, investigating or awaiting the buyer."
    )
    case_type: Literal["", *CaseType.values] = ""
    owner: member_or("mine") = Field("", description="mine, or a member's id.")
    customer: UUID | None = None
    order: UUID | None = None
    open: bool = Field(False, description="Only cases not yet resolved or rejected.")


class CreditNoteFiltersIn(Input):
    customer: UUID | None = None
    open: bool | None = Field(None, description="true: not yet deducted; false: deducted; empty: all.")


class CreditNoteApplyIn(Input):
    model_config = STRICT
    order: UUID = Field(description="A later order of the same customer, in the credit's currency.")


class AftersalesSettingsPatch(Input):
    model_config = STRICT
    follow_up_days: int = Field(
        ge=FOLLOW_UP_DAYS[0],
        le=FOLLOW_UP_DAYS[1],
        description="Days after a shipment reached the buyer (delivered, else arrived, else its ETA).",
    )


# --- answers ----------------------------------------------------------------------------------------------


class CasePhotoOut(Schema):
    id: UUID
    name: str
    size: int
    content_type: str
    url: str = Field(description="The photo (a download, with the same authentication).")
    thumbnail_url: str = Field(description="A JPEG of at most 320 pixels a side.")
    created_at: dt.datetime


class CreditNoteOut(Schema):
    id: UUID
    number: str
    case: RefOut = Field(description="The case it was given on (id, number).")
    customer: RefOut
    amount: MoneyOut
    open: bool
    applied_to: RefOut | None = Field(description="The order it was deducted from (id, number).")
    applied_at: dt.datetime | None
    applied_by: RefOut | None
    created_at: dt.datetime


class CaseOut(Schema):
    id: UUID
    number: str
    order: RefOut = Field(description="id, number")
    shipment: RefOut | None = Field(description="id, number")
    customer: RefOut
    case_type: CaseType
    description: str
    currency: str
    claimed: MoneyOut | None
    owner: RefOut | None
    status: CaseStatus
    resolution: Literal["", *Resolution.values]
    agreed: MoneyOut | None
    resolution_note: str
    resolved_at: dt.datetime | None
    resolved_by: RefOut | None
    opened_by: RefOut | None
    credit_note: CreditNoteOut | None
    photos: list[CasePhotoOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class AftersalesSettingsOut(Schema):
    follow_up_days: int
