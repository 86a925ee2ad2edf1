"""The library under /api/v1/workspaces/{slug}/library/: folders — made, renamed, moved, deleted to the
trash and restored, who may use them (folders.py) — and documents with their versions: uploaded, a new
version, an old one restored, renamed, tagged, moved, deleted and restored, downloaded (documents.py); what
they read and answer in schemas.py. The same services and permissions as the pages."""

from tradewind.library.api import documents, folders, shares  # noqa: F401 - endpoints join the router
from tradewind.library.api.router import router

__all__ = ["router"]
