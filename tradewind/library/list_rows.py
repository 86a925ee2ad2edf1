"""The rows of a folder page — its subfolders and its documents — and of the search page, read column by
column and made in Python, as trade/list_rows.py makes the quotation list's. Fifty documents loaded as five
full objects each (the search text and the uploader's password hash included), with three URL look-ups and
an include per row in the template, were most of the page's time (bench/README.md, "Documents").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import formats, timezone

from tradewind.library.choices import TextStatus
from tradewind.library.models import DocumentTag, Folder
from tradewind.library.permissions import readable_folders

DOCUMENT_COLUMNS = (
    "pk", "public_id", "name", "version_count", "updated_at", "current__public_id", "current__thumbnail_id",
    "current__file__size", "current__created_by__user__full_name", "current__created_by__user__email",
)  # fmt: skip
SEARCH_COLUMNS = (
    *DOCUMENT_COLUMNS, "folder__public_id", "folder__name", "folder__kind", "current__text_status",
)  # fmt: skip
SUBFOLDERS_SHOWN = 500  # the "Customers" folder holds one per customer: the rest are found by search


@dataclass(frozen=True, slots=True)
class DocumentRow:
    url: str
    thumbnail: str  # "" without one
    name: str
    tags: tuple[str, ...]
    size: str
    versions: int
    changed: str
    by: str


@dataclass(frozen=True, slots=True)
class FoundRow:
    """A document on the search page: where it is, and how far its text was read."""

    document: DocumentRow
    folder_url: str
    folder_name: str
    text: str


@dataclass(frozen=True, slots=True)
class FolderRow:
    url: str
    name: str
    restricted: bool


def document_rows(values: list[dict], *, slug: str) -> list[DocumentRow]:
    prefix = reverse("library:home", args=[slug]) + "d/"
    tags = defaultdict(list)
    for document_id, name in DocumentTag.objects.filter(
        document_id__in=[v["pk"] for v in values]
    ).values_list("document_id", "name"):
        tags[document_id].append(name)
    short = formats.get_format("SHORT_DATETIME_FORMAT")
    rows = []
    for v in values:
        url = f"{prefix}{v['public_id']}/"
        thumbnail = (
            f"{url}versions/{v['current__public_id']}/thumbnail/" if v["current__thumbnail_id"] else ""
        )
        rows.append(
            DocumentRow(
                url=url,
                thumbnail=thumbnail,
                name=v["name"],
                tags=tuple(tags[v["pk"]]),
                size=filesizeformat(v["current__file__size"])
                if v["current__file__size"] is not None
                else "—",
                versions=v["version_count"],
                changed=formats.date_format(timezone.localtime(v["updated_at"]), short),
                by=v["current__created_by__user__full_name"] or v["current__created_by__user__email"] or "—",
            )
        )
    return rows


def folder_rows(membership, parent: Folder | None, *, slug: str) -> tuple[list[FolderRow], bool]:
    """The subfolders `membership` may read (the rule in SQL), by name; and whether there were more than
    SUBFOLDERS_SHOWN."""
    found = list(
        readable_folders(membership)
        .filter(parent=parent)
        .order_by("name_key", "pk")
        .values_list("public_id", "name", "kind", "guard_id")[: SUBFOLDERS_SHOWN + 1]
    )
    prefix = reverse("library:home", args=[slug]) + "f/"
    rows = [
        FolderRow(
            url=f"{prefix}{pid}/", name=Folder(name=name, kind=kind).shown_name, restricted=guard is not None
        )
        for pid, name, kind, guard in found[:SUBFOLDERS_SHOWN]
    ]
    return rows, len(found) > SUBFOLDERS_SHOWN


def found_rows(values: list[dict], *, slug: str) -> list[FoundRow]:
    """`values` with SEARCH_COLUMNS, in the order found."""
    prefix = reverse("library:home", args=[slug]) + "f/"
    statuses = dict(TextStatus.choices)
    return [
        FoundRow(
            document=row,
            folder_url=f"{prefix}{v['folder__public_id']}/",
            folder_name=Folder(name=v["folder__name"], kind=v["folder__kind"]).shown_name,
            text=str(statuses.get(v["current__text_status"], "")),
        )
        for row, v in zip(document_rows(values, slug=slug), values, strict=True)
    ]
