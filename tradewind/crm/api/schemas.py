"""What the customers API reads and answers."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AliasChoices, ConfigDict

from tradewind.activity.kinds import activity_text
from tradewind.api.schemas import (
    BLANK,
    CountryCode,
    CountryCodeOrBlank,
    CurrencyCodeOrBlank,
    ErrorOut,
    Input,
    Text,
    TimeZoneOrBlank,
    member_or,
    text,
)
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import CONTACT_CHANNELS, Channel, PriceSensitivity, Source, Stage
from tradewind.crm.timeline_events import INTERACTION, LEGACY

# A misspelt field ("contact" for "contacts") is refused, not silently dropped with what it carried.
STRICT_INPUT = ConfigDict(extra="forbid")


Email = Annotated[str, Field(max_length=254, json_schema_extra={"format": "email"})]
PHONES = (
    "A number phonenumbers can read: with its +country code, or a national number of the customer's "
    "country; stored and returned as E.164."
)


class ContactIO(Input):
    name: text(120, required=True)
    title: text(120) = ""
    emails: list[Email] = Field([], max_length=20)
    phones: list[text(40)] = Field([], max_length=20, description=PHONES)
    whatsapp: text(40) = Field("", description=PHONES)
    wechat: text(60) = ""
    skype: text(80) = ""
    linkedin: text(200) = ""
    is_primary: bool = False
    notes: Text = ""


class ContactOut(Schema):
    name: str
    title: str
    emails: list[str]
    phones: list[str]
    whatsapp: str
    wechat: str
    skype: str
    linkedin: str
    is_primary: bool
    notes: str
    # Read from a Contact (public_id) and, when a customer is validated again as part of a union
    # response, from a ContactOut already built (id).
    id: UUID = Field(validation_alias=AliasChoices("public_id", "id"))


# A customer's profile as clean_profile (crm/services/customers.py) accepts it: the columns' sizes, the
# code lists, and the shapes it checks. A time zone must also be one of the country's, and a grade one
# of the workspace's (see the crm settings): those the document can only say in words.
CompanyName = text(200, required=True)
_HOST_LABEL = rf"[^{BLANK}/:?#\[\]@.]+"
WEBSITE = rf"^$|^((https?:)?//)?{_HOST_LABEL}(\.{_HOST_LABEL})+\.?(:[0-9]{{1,5}})?([/?#][^{BLANK}]*)?$"
Website = text(200, pattern=WEBSITE)
Port = text(5, pattern=r"^$|^[A-Za-z0-9]{5}$")
TagName = text(40)
GRADE = "One of the workspace's grade codes (A, B, C, D unless changed); empty or null for none."
ZONE = "One of the country's time zones; empty for the country's main zone."


class CustomerIn(Input):
    model_config = STRICT_INPUT
    name: CompanyName
    name_latin: text(200) = ""
    country: CountryCode
    city: text(100) = ""
    address: Text = ""
    website: Website = Field("", description="e.g. www.acme.de")
    industry: text(100) = ""
    source: Source = Source.OTHER
    source_detail: text(120) = ""
    stage: Stage = Stage.LEAD
    grade: text(10) | None = Field(None, description=GRADE)
    tags: list[TagName] = Field([], max_length=50)
    languages: text(100) = ""
    time_zone: TimeZoneOrBlank = Field("", description=ZONE)
    products: Text = ""
    typical_volume: text(120) = ""
    incoterm: Incoterm | Literal[""] = ""
    named_place: text(120) = ""
    payment_terms: text(120) = ""
    currency: CurrencyCodeOrBlank = ""
    destination_port: Port = Field("", description="UN/LOCODE, e.g. DEHAM.")
    packaging: Text = ""
    certifications: text(200) = ""
    price_sensitivity: PriceSensitivity = PriceSensitivity.UNKNOWN
    notes: Text = ""
    contacts: list[ContactIO] = Field([], max_length=50)
    pool: bool = Field(False, description="Create it in the public pool instead of owning it.")
    confirm_duplicates: bool = Field(False, description="Save although possible duplicates were found (409).")


class CustomerPatch(Input):
    """The fields you send change; null empties a text. Name, country, source and stage cannot be
    emptied, so they are not nullable."""

    model_config = STRICT_INPUT
    name: CompanyName = None
    name_latin: text(200) | None = None
    country: CountryCode = None
    city: text(100) | None = None
    address: Text | None = None
    website: Website | None = None
    industry: text(100) | None = None
    source: Source = None
    source_detail: text(120) | None = None
    stage: Stage = None
    grade: text(10) | None = Field(None, description=GRADE)
    tags: list[TagName] | None = Field(None, max_length=50)
    languages: text(100) | None = None
    time_zone: TimeZoneOrBlank | None = Field(None, description=ZONE)
    products: Text | None = None
    typical_volume: text(120) | None = None
    incoterm: Incoterm | Literal[""] | None = None
    named_place: text(120) | None = None
    payment_terms: text(120) | None = None
    currency: CurrencyCodeOrBlank | None = None
    destination_port: Port | None = None
    packaging: Text | None = None
    certifications: text(200) | None = None
    price_sensitivity: PriceSensitivity | None = None
    notes: Text | None = None
    confirm_duplicates: bool = False


class CustomerBriefOut(Schema):
    """What every member may see of any customer."""

    id: UUID
    name: str
    owner: str | None = Field(description="The owner's name, or null in the public pool.")
    owner_id: UUID | None = Field(description="The owner's member id (the `owner` filter takes it).")
    in_pool: bool
    restricted: Literal[True] = Field(description="True when you may not see this customer's details.")


class CustomerOut(CustomerBriefOut):
    # The tag of the union response: a full record never falls back to the brief one unnoticed.
    restricted: Literal[False]
    country: str
    name_latin: str
    city: str
    address: str
    website: str
    industry: str
    source: str
    source_detail: str
    stage: str
    grade: str | None
    tags: list[str]
    languages: str
    time_zone: str
    local_time: str
    business_hours: bool
    next_holiday: dt.date | None
    products: str
    typical_volume: str
    incoterm: str
    named_place: str
    payment_terms: str
    currency: str
    destination_port: str
    packaging: str
    certifications: str
    price_sensitivity: str
    notes: str
    last_contact_at: dt.datetime | None
    next_follow_up_on: dt.date | None
    contacts: list[ContactOut]


# What a member gets of a customer: all of it, or the brief record of another rep's private customer.
CustomerRecord = Annotated[CustomerOut | CustomerBriefOut, Field(discriminator="restricted")]


# What a member logs: a note or a contact with the customer (the system writes the other kinds).
LoggedChannel = Literal[tuple(c.value for c in (Channel.NOTE, *CONTACT_CHANNELS))]


class TimelineIn(Input):
    model_config = STRICT_INPUT
    channel: LoggedChannel
    summary: text(required=True) = Field(description="What happened.")
    at: dt.datetime | None = Field(None, description="When; not in the future (now if left out).")
    outcome: text(300) = ""
    next_step: text(300) = ""
    contact: UUID | None = Field(None, description="One of this customer's contacts.")
    next_follow_up_on: dt.date | None = Field(None, description="Not in the past.")


class TimelineOut(Schema):
    """An entry of the customer's activity stream; `kind` is `crm.interaction` for a logged contact,
    `crm.<event>` for what the system wrote (its code also in `data.event`)."""

    id: UUID = Field(alias="public_id")
    kind: str
    channel: str
    at: dt.datetime
    summary: str
    outcome: str
    next_step: str
    actor: str | None = Field(None, alias="actor.user.display_name")
    data: dict

    @staticmethod
    def resolve_channel(entry) -> str:
        return entry.data.get("channel", "system")

    @staticmethod
    def resolve_summary(entry) -> str:
        return activity_text(entry.kind, entry.data)

    @staticmethod
    def resolve_outcome(entry) -> str:
        return entry.data.get("outcome", "")

    @staticmethod
    def resolve_next_step(entry) -> str:
        return entry.data.get("next_step", "")

    @staticmethod
    def resolve_data(entry) -> dict:
        if entry.kind in (INTERACTION, LEGACY):
            return entry.data
        return {**entry.data, "event": entry.kind.removeprefix("crm.")}


class ReleaseIn(Input):
    reason: text(300, required=True) = Field(description="Why the customer goes back to the pool.")


class AssignIn(Input):
    owner: UUID | None = Field(None, description="A member, or null for the public pool.")


class MergeIn(Input):
    merged: UUID = Field(description="The customer merged into (and removed in favour of) this one.")


class DuplicateCheckIn(Input):
    name: text(200)
    country: CountryCodeOrBlank = Field("", description="Reads phone numbers without a +country code.")
    emails: list[text(254)] = Field([], max_length=20)
    phones: list[text(40)] = Field([], max_length=20, description="Numbers that cannot be read are left out.")
    website: text(200) = ""


class MatchReasonOut(Schema):
    reason: str = Field(description="name, fuzzy, email, domain, phone …")
    value: str


class MatchOut(Schema):
    id: UUID
    name: str
    owner: str | None
    in_pool: bool
    exact: bool
    score: int
    reasons: list[MatchReasonOut]


class DuplicateCheckOut(Schema):
    matches: list[MatchOut]


class DuplicateOut(ErrorOut):
    """409 on create or change: possible duplicates (`blocked`: the workspace forbids saving it)."""

    blocked: bool
    matches: list[MatchOut]


class FilterIn(Input):
    owner: member_or("mine", "pool") = ""
    country: text(200) = ""
    grade: text(200) = ""
    stage: text(200) = ""
    source: text(200) = ""
    tag: text(200) = ""
    follow_up: text(200) = ""
    contacted_before: dt.date | None = None
    q: text(200) = ""
    sort: text(40) = "name"
