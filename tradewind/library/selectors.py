"""Reading the library: a folder's content as the member may see it, the way up to it, the trash.

Visibility is decided per folder (permissions.py) from the nearest folder that says. A listing reads the
subfolders with what decides for them (the customer, the guard's rules) in two queries, and keeps those
the member may read; documents are listed only in a folder the member reads, so they need no check of
their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tradewind.library import permissions
from tradewind.library.models import Document, Folder, FolderAccess

PAGE = 100


def _with_rules(folders: list[Folder]) -> list[Folder]:
    """Each folder's `guard_rules` ({role or membership id: may write}) in one query for all."""
    guards = {f.guard_id for f in folders if f.guard_id}
    rules: dict[int, dict] = {g: {} for g in guards}
    if guards:
        rows = FolderAccess.objects.filter(folder_id__in=guards).values_list(
            "folder_id", "role", "membership_id", "can_write"
        )
        for folder_id, role, membership_id, can_write in rows:
            rules[folder_id][role or membership_id] = can_write
    for f in folders:
        if f.guard_id:
            f.guard_rules = rules[f.guard_id]
    return folders


def readable(membership, folders) -> list[Folder]:
    return [f for f in _with_rules(list(folders)) if permissions.can_read(membership, f)]


def subfolders(membership, parent: Folder | None) -> list[Folder]:
    rows = Folder.objects.filter(workspace_id=membership.workspace_id, parent=parent, deleted_at__isnull=True)
    return readable(membership, rows.select_related("customer"))


def documents(folder: Folder) -> QuerySet[Document]:
    """The documents of a folder the caller has checked the member reads, by name."""
    # The search text (up to 250,000 characters) and the version's text are for search, not for a list.
    return (
        Document.objects.filter(folder=folder, deleted_at__isnull=True)
        .select_related("folder", "current__file", "current__created_by__user")
        .defer("search_text", "current__text")
        .prefetch_related("tags")
    )


def breadcrumbs(membership, folder: Folder | None) -> list[Folder]:
    """The folders from the top down to `folder` (its path), each as far as the member reads it."""
    if folder is None:
        return []
    ids = [int(i) for i in folder.path.strip("/").split("/") if i]
    found = {f.pk: f for f in Folder.objects.filter(pk__in=ids, workspace_id=membership.workspace_id)}
    return [found[i] for i in ids if i in found]


@dataclass
class Trashed:
    folders: list[Folder]
    documents: list[Document]


def trash(membership) -> Trashed:
    """What is in the trash that the member may restore: the folders deleted on their own (not those that
    went with a folder above them) and the documents deleted on their own, newest first."""
    folders = Folder.objects.filter(
        workspace_id=membership.workspace_id, deleted_at__isnull=False
    ).select_related("parent", "customer", "deleted_by__user")
    folders = [
        f
        for f in readable(membership, folders.order_by("-deleted_at")[:PAGE])
        if f.parent is None or f.parent.deleted_at != f.deleted_at
    ]
    docs = Document.objects.filter(
        workspace_id=membership.workspace_id, deleted_at__isnull=False
    ).select_related("folder__customer", "deleted_by__user", "current__file")
    docs = list(docs.order_by("-deleted_at")[:PAGE])
    _with_rules([d.folder for d in docs])
    docs = [
        d for d in docs if d.folder.deleted_at != d.deleted_at and permissions.can_read(membership, d.folder)
    ]
    return Trashed(folders, docs)
