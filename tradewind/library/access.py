"""Folder, document and version look-ups for a member (DESIGN §3.4): another workspace's, a folder one may
not read, a document in such a folder — all the same 404. The trash is reached with `trashed=True`."""

from __future__ import annotations

from django.http import Http404

from tradewind.library import permissions
from tradewind.library.models import Document, DocumentVersion, Folder
from tradewind.workspaces.access import get_in_workspace_or_404

FOLDER_READ = Folder.objects.select_related("customer", "parent")


def access_folder(membership, public_id, *, trashed: bool = False) -> Folder:
    folder = get_in_workspace_or_404(FOLDER_READ, membership, public_id=public_id)
    if (folder.deleted_at is not None) != trashed or not permissions.can_read(membership, folder):
        raise Http404
    return folder


def access_document(membership, public_id, *, trashed: bool = False) -> Document:
    queryset = Document.objects.select_related("folder__customer", "folder__parent", "current__file")
    document = get_in_workspace_or_404(queryset, membership, public_id=public_id)
    if (document.deleted_at is not None) != trashed or not permissions.can_read(membership, document.folder):
        raise Http404
    return document


def access_version(membership, document: Document, public_id) -> DocumentVersion:
    """A version of a document found through access_document first."""
    try:
        return DocumentVersion.objects.select_related("file", "thumbnail").get(
            document=document, public_id=public_id
        )
    except (DocumentVersion.DoesNotExist, ValueError):
        raise Http404 from None
