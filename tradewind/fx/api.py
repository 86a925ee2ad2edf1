"""Exchange rates under /api/v1/workspaces/{slug}/…: the rate table, the ECB import, the rate a conversion
uses, the workspace's trading currencies — the same services, rules and permissions as the page.

A rate is units of the reporting currency for ONE unit of `currency`, as a string with ten decimals
("1.0512000000"): a JSON number is read as a binary float before any code sees it.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import ConfigDict, PlainSerializer, WithJsonSchema, field_validator

from tradewind.api.auth import api_membership
from tradewind.api.decimals import decimal_text_in
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.api.schemas import CurrencyCode, CurrencyCodeOrBlank, Input
from tradewind.core.money import currency_codes, currency_name
from tradewind.fx import rates, selectors, services
from tradewind.fx.access import access_rate, access_trading_currency
from tradewind.fx.choices import RateSource
from tradewind.fx.models import RATE_PLACES, RATE_QUANTUM

router = Router(tags=["fx"])

# Above 0, below 1,000,000,000, at most ten decimals (fx/rules.py); zero is not a rate.
_FRACTION = "|".join(f"{'0' * zeros}[1-9][0-9]{{0,{9 - zeros}}}" for zeros in range(RATE_PLACES))
RATE = rf"[1-9][0-9]{{0,8}}(\.[0-9]{{1,10}})?|0\.({_FRACTION})"
RateText = decimal_text_in(RATE, "7.1234", "above 0 and below 1000000000, at most ten decimals; a string")
# Not api.decimals.decimal_text_out: str() of a Decimal writes 0.00000005 as "5.00E-8" (below 1e-6).
RateTextOut = Annotated[
    Decimal,
    PlainSerializer(lambda d: f"{d.quantize(RATE_QUANTUM):f}", return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": rf"^[0-9]+\.[0-9]{{{RATE_PLACES}}}$",
            "description": "Units of the reporting currency for one unit of the currency, ten decimals.",
        }
    ),
]
ONE_OF_OURS = "give an ISO 4217 currency code, e.g. USD"


def _a_currency(value: str) -> str:
    if value not in currency_codes():  # checked here, where it is a 422 naming the field
        raise ValueError(ONE_OF_OURS)
    return value


# --- what clients send -----------------------------------------------------------------------------------


class RateIn(Input):
    model_config = ConfigDict(extra="forbid")
    currency: CurrencyCode = Field(
        description="A currency the workspace trades in, not its reporting currency."
    )
    on: dt.date = Field(description="The day of the rate: from 1970 up to a month ahead.")
    rate: RateText = Field(
        description="How many units of the reporting currency one unit of `currency` buys."
    )
    confirm: bool = Field(
        False,
        description="A rate more than 5 % from the nearest one within a month is refused (422, code "
        "rate_unusual) unless confirmed: the usual slip is a rate the wrong way round.",
    )

    @field_validator("currency")
    @classmethod
    def _known(cls, value: str) -> str:
        return _a_currency(value)


class RateFiltersIn(Input):
    model_config = ConfigDict(populate_by_name=True)
    currency: CurrencyCodeOrBlank = Field("", description="Rates of this currency only.")
    date_from: dt.date | None = Field(None, alias="from", description="Rates of this day and later.")
    date_to: dt.date | None = Field(None, alias="to", description="Rates of this day and earlier.")

    @field_validator("currency")
    @classmethod
    def _known(cls, value: str) -> str:
        return value and _a_currency(value)


class LookupIn(Input):
    currency: CurrencyCode
    on: dt.date | None = Field(None, description="The document's date; today in the workspace's time zone.")

    @field_validator("currency")
    @classmethod
    def _known(cls, value: str) -> str:
        return _a_currency(value)


class CurrencyIn(Input):
    model_config = ConfigDict(extra="forbid")
    code: CurrencyCode = Field(
        description="Not the reporting currency; 409 when the workspace has it already."
    )

    @field_validator("code")
    @classmethod
    def _known(cls, value: str) -> str:
        return _a_currency(value)


# --- what the API answers ------------------------------------------------------------------------------


class RateOut(Schema):
    id: UUID = Field(alias="public_id")
    currency: str
    reporting_currency: str
    on: dt.date
    rate: RateTextOut
    source: RateSource
    entered_by: UUID | None = Field(
        None, alias="entered_by.public_id", description="The member, if still there."
    )
    created_at: dt.datetime
    updated_at: dt.datetime


class RateUsedOut(Schema):
    currency: str
    reporting_currency: str
    rate: RateTextOut
    on: dt.date = Field(description="The day of the rate used: the date asked or up to the age limit before.")
    source: str = Field(description='manual, ecb_csv, or "" for the reporting currency itself (rate 1).')
    requested_on: dt.date


class RowErrorOut(Schema):
    row: int = Field(description="The line in the file (the header is line 1).")
    message: str


class ImportResultOut(Schema):
    created: int
    updated: int
    unchanged: int = Field(description="Rates already there with the same value.")
    skipped: int = Field(description="Rates of currencies the workspace does not trade in, and N/A values.")
    skipped_currencies: list[str]
    missing_currencies: list[str] = Field(description="The workspace's currencies the file has no rates for.")
    errors: list[RowErrorOut] = Field(description="The first 100 rows that could not be read.")
    error_count: int
    first_day: dt.date | None
    last_day: dt.date | None


class CurrencyOut(Schema):
    code: str
    name: str = Field(description="In the caller's language.")
    reporting: bool = Field(description="The reporting currency: every rate is into it.")
    latest_rate: RateTextOut | None = Field(
        description="The rate today's documents use (1 for the reporting currency)."
    )
    latest_on: dt.date | None = Field(description="Its day; null for none and for the reporting currency.")
    stale: bool = Field(description="No rate young enough for a document dated today.")


def _today(workspace) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(workspace.time_zone)).date()


def _currencies_out(workspace) -> list[CurrencyOut]:
    """The reporting currency first, then the trading currencies by code, each with today's rate."""
    states = selectors.currency_states(workspace=workspace, today=_today(workspace))
    reporting = workspace.currency
    today = [
        CurrencyOut(
            code=s.code,
            name=currency_name(s.code),
            reporting=False,
            latest_rate=s.latest_rate,
            latest_on=s.latest_on,
            stale=s.stale,
        )
        for s in states
    ]
    name = currency_name(reporting)
    itself = CurrencyOut(
        code=reporting, name=name, reporting=True, latest_rate=1, latest_on=None, stale=False
    )
    return [itself, *today]


# --- rates -----------------------------------------------------------------------------------------------
# /rates/import and /rates/lookup come before /rates/{rate_id}, which would otherwise match them.


@router.get("/workspaces/{slug}/rates", response=list[RateOut], summary="Exchange rates, newest first")
@paginate(PageWithCount)
def rate_list(request, slug: str, filters: Query[RateFiltersIn]):
    """Rates into the workspace's reporting currency, by day (newest first), then currency."""
    m = api_membership(request, slug)
    return selectors.rate_list(membership=m, filters=selectors.RateFilters(**filters.dict()))


@router.post("/workspaces/{slug}/rates", response=answers(RateOut, 403), summary="Set the rate of a day")
def rate_set(request, slug: str, payload: RateIn):
    """Create the day's rate of a currency, or change it. Finance, managers and admins (403 for others);
    422 for a currency the workspace does not trade in, its reporting currency, a date out of range, or an
    unusual rate not confirmed."""
    m = api_membership(request, slug)
    return services.rate_set(
        actor=m, currency=payload.currency, on=payload.on, rate=payload.rate, confirm=payload.confirm
    )


@router.post(
    "/workspaces/{slug}/rates/import",
    response=answers(ImportResultOut, 403),
    summary="Import the ECB's rates",
)
def rates_import(request, slug: str, file: File[UploadedFile]):
    """Upload the European Central Bank's eurofxref.csv or eurofxref-hist.csv (or their ZIP), multipart,
    field `file`. The euro rates of the currencies the workspace trades in become rates into its reporting
    currency; a day already there with the same rate is left alone. Rows that cannot be read are listed;
    a file that is not an ECB file, or lacks the reporting currency, changes nothing (422). Too big: 413."""
    m = api_membership(request, slug)
    result = services.rates_import_ecb(actor=m, data=file.read(), name=file.name or "")
    return ImportResultOut(**vars(result) | {"errors": [vars(e) for e in result.errors]})


@router.get("/workspaces/{slug}/rates/lookup", response=RateUsedOut, summary="The rate used for a date")
def rate_lookup(request, slug: str, params: Query[LookupIn]):
    """The rate a document of that date is converted with: the latest on or before it, at most the age
    limit older (TRADEWIND_FX_RATE_MAX_AGE_DAYS); 1 for the reporting currency. 422 (code rate_missing)
    when there is none, with the message to show."""
    m = api_membership(request, slug)
    on = params.on or _today(m.workspace)
    used = rates.rate_lookup(m.workspace, params.currency, on)
    return RateUsedOut(
        currency=used.currency,
        reporting_currency=used.reporting_currency,
        rate=used.rate,
        on=used.on,
        source=used.source,
        requested_on=on,
    )


@router.delete("/workspaces/{slug}/rates/{rate_id}", response=answers(None, 403, status=204))
def rate_delete(request, slug: str, rate_id: UUID):
    """Delete a rate (finance, managers and admins)."""
    m = api_membership(request, slug)
    services.rate_delete(actor=m, rate=access_rate(m, rate_id))
    return Status(204, None)


# --- currencies ------------------------------------------------------------------------------------------


@router.get("/workspaces/{slug}/currencies", response=list[CurrencyOut], summary="The workspace's currencies")
def currency_list(request, slug: str):
    """The reporting currency first, then the trading currencies by code, each with today's rate."""
    return _currencies_out(api_membership(request, slug).workspace)


@router.post("/workspaces/{slug}/currencies", response=answers(CurrencyOut, 403, 409, status=201))
def currency_add(request, slug: str, payload: CurrencyIn):
    """Add a trading currency (finance, managers and admins). 409: the workspace has it; 422: it is the
    reporting currency."""
    m = api_membership(request, slug)
    currency = services.trading_currency_add(actor=m, code=payload.code)
    # A currency added again has its rates back (they stay when it is removed).
    return Status(201, next(c for c in _currencies_out(m.workspace) if c.code == currency.code))


@router.delete("/workspaces/{slug}/currencies/{currency}", response=answers(None, 403, status=204))
def currency_remove(request, slug: str, currency: str):
    """Stop trading in a currency; its rates are kept. 404 for a currency the workspace does not trade in."""
    m = api_membership(request, slug)
    services.trading_currency_remove(actor=m, currency=access_trading_currency(m, currency))
    return Status(204, None)
