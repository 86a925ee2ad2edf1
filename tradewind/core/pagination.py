"""Pagination that never counts the whole table: fetch one row more than a page to know if there is a next."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Page:
    items: list
    number: int
    has_next: bool
    query: dict

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def _url(self, number: int) -> str:
        return "?" + urlencode({**self.query, "page": number})

    @property
    def next_url(self) -> str:
        return self._url(self.number + 1)

    @property
    def previous_url(self) -> str:
        return self._url(self.number - 1)

    @property
    def first_url(self) -> str:
        return self._url(1)


def paginate(queryset, request, *, per_page: int = 50) -> Page:
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page, query=query)
