"""Schemas every router shares: the error body, and filters that name a member or a keyword."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from ninja import Schema
from pydantic import BeforeValidator


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


def member_or(*keywords: str):
    """A filter value that is one of `keywords` (or empty) or a member's id (a UUID), e.g. owner=mine /
    owner=<id>: anything else is refused with a 422 naming what is accepted, instead of reaching the
    database as a malformed id."""

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

    return Annotated[str, BeforeValidator(check)]
