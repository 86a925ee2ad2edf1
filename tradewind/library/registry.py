"""What the library plugs into shared machinery: its audit actions, and the customer merge."""

from tradewind.crm.hooks import customer_merge_hook_register
from tradewind.library.choices import LibraryAuditAction
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(LibraryAuditAction)


def _merge(*, actor, survivor, merged) -> int:
    from tradewind.library.services.folders import customer_folders_merge

    return customer_folders_merge(survivor=survivor, merged=merged)


customer_merge_hook_register("documents", _merge)


def _navigation():
    from django.utils.translation import gettext_lazy

    from tradewind.core.navigation import navigation_entry_register

    navigation_entry_register("library", gettext_lazy("Documents"), "library:home", 25, app="library")


def _uploads():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    # The pages' upload forms, and the API's (each path named by its first operation: the upload).
    for view_name in (
        "library:upload",
        "library:version_add",
        "api:library_document_upload",
        "api:library_version_add",
    ):
        upload_route_register(view_name, lambda: settings.LIBRARY_FILE_MAX_BYTES)


_navigation()
_uploads()
