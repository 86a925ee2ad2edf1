from django.db import models
from django.utils.translation import gettext_lazy as _


class FolderKind(models.TextChoices):
    """A team folder is the team's to arrange; a customer's or an order's is made with it and follows who
    may see that customer or order."""

    TEAM = "team", _("Team folder")
    CUSTOMER = "customer", _("Customer folder")
    ORDER = "order", _("Order folder")
    # The one folder holding the customers' folders: made by Tradewind, never renamed, moved or deleted.
    CUSTOMERS = "customers", _("Customers")


class LibraryAuditAction(models.TextChoices):
    FOLDER_ACCESS_CHANGED = "library_folder_access_changed", _("Changed who may use a folder")
    DOCUMENT_DOWNLOADED = "library_document_downloaded", _("Downloaded a document")
    SHARE_CREATED = "library_share_created", _("Made a link for someone outside")
    SHARE_REVOKED = "library_share_revoked", _("Revoked a link for someone outside")
    SHARE_DOWNLOADED = "library_share_downloaded", _("A shared document was downloaded through its link")


class TextStatus(models.TextChoices):
    """How far reading the current version's text went (what "search inside files" can find)."""

    PENDING = "pending", _("Being read for search")
    DONE = "done", _("Searchable")
    NO_TEXT = "no_text", _("No text inside (a scan?): found by name, tags and description")
    NOT_SEARCHED = "not_searched", _("Found by name, tags and description (its type is not read)")
    REFUSED = "refused", _("Not read: it unpacks to far more than its size")
    FAILED = "failed", _("Could not be read: found by name, tags and description")
