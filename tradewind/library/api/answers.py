"""The library's API answers, built from the records as the caller sees them."""

from __future__ import annotations

from django.urls import reverse

from tradewind.library import permissions
from tradewind.library.models import Document, Folder


def _ids(path: str) -> list[int]:
    return [int(i) for i in path.strip("/").split("/") if i]


def folders_out(m, folders: list[Folder]) -> list[dict]:
    """Folders with their paths as names (one query for all the names) and what the caller may do."""
    wanted = {i for f in folders for i in _ids(f.path)}
    rows = Folder.objects.filter(pk__in=wanted).values_list("pk", "name", "public_id", "customer__public_id")
    names = {pk: name for pk, name, _p, _c in rows}
    public = {pk: public_id for pk, _n, public_id, _c in rows}
    customers = {pk: customer for pk, _n, _p, customer in rows}
    orders = dict(
        Folder.objects.filter(pk__in=wanted, order__isnull=False).values_list("pk", "order__public_id")
    )
    return [
        {
            "id": f.public_id,
            "name": f.name,
            "kind": f.kind,
            "parent": public.get(f.parent_id),
            "path": [names.get(i, "…") for i in _ids(f.path)],
            "restricted": f.restricted,
            "guarded": f.guard_id is not None,
            "customer": customers.get(f.pk),
            "order": orders.get(f.pk),
            "can_write": permissions.can_write(m, f),
            "deleted_at": f.deleted_at,
            "created_at": f.created_at,
        }
        for f in folders
    ]


def folder_out(m, folder: Folder) -> dict:
    return folders_out(m, [folder])[0]


def version_out(slug: str, document: Document, version) -> dict:
    stored = version.file
    return {
        "id": version.public_id,
        "number": version.number,
        "name": stored.original_name,
        "size": stored.size,
        "content_type": stored.content_type,
        "sha256": stored.sha256,
        "comment": version.comment,
        "created_by": version.created_by.user.display_name if version.created_by else None,
        "created_at": version.created_at,
        "download": reverse(
            "api:library_version_download", args=[slug, document.public_id, version.public_id]
        ),
        "thumbnail": reverse(
            "api:library_version_thumbnail", args=[slug, document.public_id, version.public_id]
        )
        if version.thumbnail_id
        else None,
    }


def document_out(slug: str, document: Document) -> dict:
    return {
        "id": document.public_id,
        "folder": document.folder.public_id,
        "name": document.name,
        "description": document.description,
        "tags": [t.name for t in document.tags.all()],
        "version_count": document.version_count,
        "current": version_out(slug, document, document.current) if document.current else None,
        "deleted_at": document.deleted_at,
        "created_at": document.created_at,
        "updated_at": document.updated_at,
    }
