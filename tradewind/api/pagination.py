"""Pagination for big lists: limit/offset, no COUNT(*); one row past the page says if there is more."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase


class PageWithoutCount(PaginationBase):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=1_000_000)

    class Output(Schema):
        items: list[Any]
        next_offset: int | None = Field(
            description="Pass as offset for the next page; null on the last page."
        )

    items_attribute: str = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        rows = list(queryset[pagination.offset : pagination.offset + pagination.limit + 1])
        has_next = len(rows) > pagination.limit
        return {
            "items": rows[: pagination.limit],
            "next_offset": pagination.offset + pagination.limit if has_next else None,
        }
