"""The library's writes: folders (services/folders.py) and documents with their versions
(services/documents.py). Every function is atomic and raises the core ApplicationError family."""

from tradewind.library.services.documents import (
    document_delete,
    document_move,
    document_restore,
    document_update,
    document_upload,
    document_version_add,
    document_version_restore,
    library_trash_empty,
)
from tradewind.library.services.folders import (
    customer_folder,
    folder_access_set,
    folder_create,
    folder_delete,
    folder_move,
    folder_rename,
    folder_restore,
    order_folder,
)

__all__ = [
    "customer_folder",
    "document_delete",
    "document_move",
    "document_restore",
    "document_update",
    "document_upload",
    "document_version_add",
    "document_version_restore",
    "folder_access_set",
    "folder_create",
    "folder_delete",
    "folder_move",
    "folder_rename",
    "folder_restore",
    "library_trash_empty",
    "order_folder",
]
