"""Pagination for the API's lists, with the same bounds everywhere (and in the OpenAPI document).

ninja's own LimitOffsetPagination takes any offset and limit: `offset=10**20` reached SQLite as an
integer it cannot hold (a 500). Both classes here refuse what is out of bounds with a 422 instead.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PaginationBase

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


class PageInput(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PageWithCount(LimitOffsetPagination):
    """For short lists (members, tasks, notifications): the page and the total count."""

    Input = PageInput


class PageWithoutCount(PaginationBase):
    """For big lists: limit/offset, no COUNT(*); one row past the page says if there is more."""

    Input = PageInput

    class Output(Schema):
        items: list[Any]
        next_offset: int | None = Field(
            description="Pass as offset for the next page; null on the last page."
        )

    items_attribute: str = "items"

    def paginate_queryset(self, queryset, pagination: PageInput, **params):
        rows = list(queryset[pagination.offset : pagination.offset + pagination.limit + 1])
        has_next = len(rows) > pagination.limit
        return {
            "items": rows[: pagination.limit],
            "next_offset": pagination.offset + pagination.limit if has_next else None,
        }


class MappedRows:
    """A queryset whose page the pagination answers through `out`: only the rows of the page asked for
    are read and turned into answers (the count, for PageWithCount, is the queryset's). `page_out` answers
    a whole page at once, for what is looked up for many rows in one query."""

    def __init__(self, rows, out=None, *, page_out=None):
        self.rows, self.out, self.page_out = rows, out, page_out

    def all(self):
        return self

    def count(self) -> int:
        return self.rows.count()

    def __getitem__(self, key):
        rows = list(self.rows[key])
        return self.page_out(rows) if self.page_out else [self.out(row) for row in rows]
