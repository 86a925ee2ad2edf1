"""What the customers API reads and answers."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AliasChoices, ConfigDict

from tradewind.api.schemas import member_or
from tradewind.crm.choices import Stage
from tradewind.crm.timeline_events import event_text

# A misspelt field ("contact" for "contacts") is refused, not silently dropped with what it carried.
STRICT_INPUT = ConfigDict(extra="forbid")


class ContactIO(Schema):
    name: str
    title: str = ""
    emails: list[str] = []
    phones: list[str] = Field([], description="Any format; stored and returned as E.164.")
    whatsapp: str = ""
    wechat: str = ""
    skype: str = ""
    linkedin: str = ""
    is_primary: bool = False
    notes: str = ""


class ContactOut(ContactIO):
    # Read from a Contact (public_id) and, when a customer is validated again as part of a union
    # response, from a ContactOut already built (id).
    id: UUID = Field(validation_alias=AliasChoices("public_id", "id"))


class CustomerIn(Schema):
    model_config = STRICT_INPUT
    name: str
    name_latin: str = ""
    country: str = Field(description="ISO 3166-1 alpha-2, e.g. DE")
    city: str = ""
    address: str = ""
    website: str = ""
    industry: str = ""
    source: str = "other"
    source_detail: str = ""
    stage: Stage = Stage.LEAD
    grade: str | None = None
    tags: list[str] = []
    languages: str = ""
    time_zone: str = ""
    products: str = ""
    typical_volume: str = ""
    incoterm: str = ""
    named_place: str = ""
    payment_terms: str = ""
    currency: str = ""
    destination_port: str = ""
    packaging: str = ""
    certifications: str = ""
    price_sensitivity: str = ""
    notes: str = ""
    contacts: list[ContactIO] = []
    pool: bool = Field(False, description="Create it in the public pool instead of owning it.")
    confirm_duplicates: bool = Field(False, description="Save although possible duplicates were found (409).")


class CustomerPatch(Schema):
    model_config = STRICT_INPUT
    name: str | None = None
    name_latin: str | None = None
    country: str | None = None
    city: str | None = None
    address: str | None = None
    website: str | None = None
    industry: str | None = None
    source: str | None = None
    source_detail: str | None = None
    stage: Stage | None = None
    grade: str | None = None
    tags: list[str] | None = None
    languages: str | None = None
    time_zone: str | None = None
    products: str | None = None
    typical_volume: str | None = None
    incoterm: str | None = None
    named_place: str | None = None
    payment_terms: str | None = None
    currency: str | None = None
    destination_port: str | None = None
    packaging: str | None = None
    certifications: str | None = None
    price_sensitivity: str | None = None
    notes: str | None = None
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


class TimelineIn(Schema):
    model_config = STRICT_INPUT
    channel: str
    summary: str
    at: dt.datetime | None = None
    outcome: str = ""
    next_step: str = ""
    contact: UUID | None = None
    next_follow_up_on: dt.date | None = None


class TimelineOut(Schema):
    id: UUID = Field(alias="public_id")
    channel: str
    at: dt.datetime
    summary: str
    outcome: str
    next_step: str
    actor: str | None = Field(None, alias="actor.user.display_name")
    data: dict

    @staticmethod
    def resolve_summary(entry) -> str:
        return event_text(entry.data) or entry.summary


class ReleaseIn(Schema):
    reason: str


class AssignIn(Schema):
    owner: UUID | None = Field(None, description="A member, or null for the public pool.")


class MergeIn(Schema):
    merged: UUID = Field(description="The customer merged into (and removed in favour of) this one.")


class DuplicateCheckIn(Schema):
    name: str
    country: str = ""
    emails: list[str] = []
    phones: list[str] = []
    website: str = ""


class FilterIn(Schema):
    owner: member_or("mine", "pool") = ""
    country: str = ""
    grade: str = ""
    stage: str = ""
    source: str = ""
    tag: str = ""
    follow_up: str = ""
    contacted_before: dt.date | None = None
    q: str = ""
    sort: str = "name"
