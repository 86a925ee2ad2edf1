"""Searching the library: file names, tags, descriptions and the text inside the files (Chinese included:
"报关" finds a PDF whose text holds 报关单; "muller" finds "Müller"), with filters, and only in folders the
member may read. Through the substring index of core/text_index.py on each document's folded text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tradewind.core.text import fold, search_words
from tradewind.core.text_index import TextIndex
from tradewind.library.models import Document, Folder
from tradewind.library.permissions import readable_folders

DOCUMENT_INDEX = TextIndex(
    table="library_document", column="search_text", label="Library search", stored=True
)
SEARCH_TEXT_LENGTH = 250_000


def document_search_text(document: Document, tags: list[str], text: str) -> str:
    parts = [document.name, " ".join(tags), document.description, text]
    return fold(" ".join(p for p in parts if p))[:SEARCH_TEXT_LENGTH]


# What a kind of file is, for the type filter: its stored type (by content), as a prefix or in a list.
KINDS = {
    "pdf": ("application/pdf",),
    "word": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword"),
    "excel": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "text/csv",
    ),
    "image": ("image/",),
    "text": ("text/plain",),
}


@dataclass(frozen=True)
class DocumentSearch:
    q: str = ""
    folder: Folder | None = None  # in it or any folder below it
    kind: str = ""  # a key of KINDS
    uploader: object = None  # a Membership: who added the current version
    customer: object = None  # a Customer: in their folder (or their orders')
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _kind(kind: str) -> Q:
    condition = Q()
    for prefix in KINDS.get(kind, ()):
        field = (
            "current__file__content_type__startswith"
            if prefix.endswith("/")
            else "current__file__content_type"
        )
        condition |= Q(**{field: prefix})
    return condition


def document_search(*, membership, search: DocumentSearch) -> QuerySet[Document]:
    """Matching documents the member may read (not the trash's), the latest changed first."""
    rows = Document.objects.filter(workspace_id=membership.workspace_id, deleted_at__isnull=True).filter(
        folder__in=readable_folders(membership)
    )
    words = search_words(search.q)[:10]
    if words:
        rows = rows.filter(DOCUMENT_INDEX.text_condition(words))
    if search.folder is not None:
        rows = rows.filter(folder__path__startswith=search.folder.path)
    if search.kind:
        rows = rows.filter(_kind(search.kind))
    if search.uploader is not None:
        rows = rows.filter(current__created_by=search.uploader)
    if search.customer is not None:
        rows = rows.filter(folder__customer=search.customer)
    if search.date_from:
        rows = rows.filter(updated_at__date__gte=search.date_from)
    if search.date_to:
        rows = rows.filter(updated_at__date__lte=search.date_to)
    return (
        rows.select_related("folder", "current__file", "current__created_by__user")
        .defer("search_text", "current__text")
        .order_by("-updated_at", "-id")
    )
