"""Schemas every router shares: the error body, the base of what clients send, and the field types that
say in the OpenAPI document what the services accept (so a request the document calls valid is not
refused, and one it calls invalid never reaches the database)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)


class ErrorOut(Schema):
    """Every refusal: a stable machine word, a message in the caller's language and, for input that was
    refused, the message(s) for each field."""

    code: str = Field(description="e.g. validation_error, not_found, permission_denied, conflict")
    message: str
    fields: dict[str, list[str]] | None = Field(None, description="Field name -> what is wrong with it.")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    return False


class Input(Schema):
    """The base of every body, query and form schema a client fills in.

    ninja's `Schema` reads any object through its attributes, calling what is callable, so a JSON body of
    `"AAA"` passed as a task would have been created with the title `"AAA".title()`; input is a JSON object
    and nothing else. A NUL character is refused in any text (PostgreSQL cannot store it: it was a 500)."""

    model_config = ConfigDict(from_attributes=False)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):  # replaces ninja's, which wraps any object
        if not isinstance(values, dict | cls):
            raise ValueError("send a JSON object")
        return handler(values)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value):
        if _has_nul(value):
            raise ValueError("text may not contain the NUL character (\\u0000)")
        return value


# PostgreSQL cannot store the NUL character: every text field's pattern says so (Input refuses it too).
NO_NUL = r"^[^\x00]*$"
# What counts as blank, spelt out: "\s" differs between the document's regexes (ECMA-262: not U+0085),
# pydantic's (Rust) and str.strip() (also U+001C-U+001F). NUL, controls and every kind of space.
BLANK = r"\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NOT_BLANK = rf"^[^\x00]*[^{BLANK}][^\x00]*$"


def text(max_length: int | None = None, *, required: bool = False, pattern: str | None = None):
    """A string of at most `max_length` characters (the column's size), without NUL; `required`: not
    blank either (the services strip what they are sent and refuse an empty name or title). A custom
    `pattern` must exclude NUL itself."""
    if pattern is None:
        pattern = NOT_BLANK if required else NO_NUL
    return Annotated[
        str, StringConstraints(max_length=max_length, min_length=1 if required else None, pattern=pattern)
    ]


Text = text()


# name -> (values, description): enums too long to repeat in each field, written once into the document.
VOCABULARIES: dict[str, tuple[Callable[[], Iterable[str]], str]] = {}


def one_of(name: str, values: Callable[[], Iterable[str]], description: str, *, blank: bool = False):
    """A code from a long list the service checks with its own message (countries, currencies, time zones):
    the document says `$ref: #/components/schemas/<name>`, an enum written once (add_vocabularies).
    `blank`: the empty string is accepted too ("none" / "the default")."""
    if blank:
        name = f"{name}OrBlank"
        source = values
        values = lambda: ["", *source()]  # noqa: E731
    VOCABULARIES[name] = (values, description)
    # pydantic would try to resolve a "$ref" itself: a marker, turned into the $ref by add_vocabularies.
    return Annotated[str, WithJsonSchema({"type": "string", _MARK: name})]


_MARK = "x-tradewind-vocabulary"


def add_vocabularies(document: dict) -> dict:
    """Point every field marked by `one_of` at its enum, written once into the components (in place)."""

    def walk(node):
        if isinstance(node, dict):
            if _MARK in node:
                name = node.pop(_MARK)
                node.pop("type", None)
                node["$ref"] = f"#/components/schemas/{name}"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, (values, description) in VOCABULARIES.items():
        schemas[name] = {"type": "string", "enum": sorted(values()), "description": description}
    return document


def member_or(*keywords: str):
    """A filter value that is one of `keywords` (or empty) or a member's id (a UUID), e.g. owner=mine /
    owner=<id>: anything else is refused with a 422 naming what is accepted, instead of reaching the
    database as a malformed id. The document says the same (`anyOf` enum / uuid)."""

    def check(value) -> str:
        text = "" if value is None else str(value).strip()
        if text in ("", *keywords):
            return text
        try:
            return str(UUID(text))
        except ValueError:
            raise ValueError(
                f"expected a member id (UUID) or one of: {', '.join(keywords)}; got {text[:40]!r}"
            ) from None

    schema = {"anyOf": [{"type": "string", "enum": ["", *keywords]}, {"type": "string", "format": "uuid"}]}
    return Annotated[str, BeforeValidator(check), Field(json_schema_extra=schema)]


# The trade's code lists, as the services check them (tradewind/core/geo.py, money.py).
def _countries():
    from tradewind.core import geo

    return geo.country_codes()


def _time_zones():
    from tradewind.core import geo

    return geo.time_zones()


def _currencies():
    from tradewind.core import money

    return money.currency_codes()


CountryCode = one_of("CountryCode", _countries, "ISO 3166-1 alpha-2 country code, e.g. DE, US, CN.")
CountryCodeOrBlank = one_of(
    "CountryCode", _countries, "ISO 3166-1 alpha-2 country code, or empty.", blank=True
)
TimeZoneOrBlank = one_of(
    "TimeZone", _time_zones, "IANA time zone, e.g. Europe/Berlin; empty for the default.", blank=True
)
CurrencyCode = one_of("CurrencyCode", _currencies, "ISO 4217 currency code, e.g. USD, EUR, CNY.")
CurrencyCodeOrBlank = one_of("CurrencyCode", _currencies, "ISO 4217 currency code, or empty.", blank=True)


def _subject_kinds():
    from tradewind.core.subjects import subject_kinds

    return subject_kinds()


SubjectKindOrBlank = one_of(
    "SubjectKind",
    _subject_kinds,
    "What a record is: e.g. crm.customer, tasks.task; empty for none.",
    blank=True,
)

# A wall-clock time without an offset ("17:30", read in the member's or assignee's zone). The document's
# `format: time` would promise that "17:30:00+01:00" is accepted, and pydantic alone reads 0 as midnight
# UTC: an aware time, which SQLite cannot store (it was a 500).
WALL_CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def _wall_clock(value):
    if (isinstance(value, str) and re.fullmatch(WALL_CLOCK, value)) or (
        isinstance(value, dt.time) and value.tzinfo is None
    ):
        return value
    raise ValueError("give the time as HH:MM or HH:MM:SS without a time-zone offset, e.g. 17:30")


LocalTime = Annotated[
    dt.time,
    BeforeValidator(_wall_clock),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": WALL_CLOCK,
            "description": "HH:MM or HH:MM:SS, without a time-zone offset, e.g. 17:30.",
        }
    ),
]
