"""Folders and documents. A document's content is a chain of versions, each a stored file (files.StoredFile):
a new upload under the same name is the next version, and restoring an old one adds it again on top, so
history only grows. Deleting puts a document or a folder in the trash; the worker deletes it for good
after the workspace's retention.

Folders form a tree; `path` lists the ids from the top down to the folder itself ("/3/17/42/"), so a
subtree is one indexed prefix query and a move into one's own subfolder is refused without walking up.
Who may use a folder is decided by the nearest folder above it (itself included) that says: a customer's
or an order's folder follows that customer or order, a restricted team folder its access rules
(`FolderAccess`); otherwise every member reads and every writer writes. `customer`, `order` and `guard`
are therefore copied down the tree when a folder is made or moved.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.library.choices import FolderKind, TextStatus

NAME_LENGTH = 120
FILE_NAME_LENGTH = 255
MAX_DEPTH = 20
TRASH_DAYS = 30


class LibrarySettings(models.Model):
    """A workspace's rules for its documents (the defaults apply until an admin saves them)."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    trash_days = models.PositiveSmallIntegerField(
        _("keep deleted documents for (days)"),
        default=TRASH_DAYS,
        help_text=_("Deleted folders and documents can be restored from the trash until then."),
    )

    def __str__(self):
        return f"library settings of {self.workspace_id}"


class Folder(WorkspaceOwnedModel):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    path = models.CharField(max_length=400, db_index=True)  # "/3/17/42/": ids from the top to this one
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    name_key = models.CharField(max_length=NAME_LENGTH)  # casefolded: "Catalogs" and "catalogs" clash
    kind = models.CharField(_("kind"), max_length=10, choices=FolderKind.choices, default=FolderKind.TEAM)
    # The customer or order whose folder this is, or whose folder it is inside (copied down the tree).
    customer = models.ForeignKey(
        "crm.Customer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.ForeignKey(
        "trade.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restricted = models.BooleanField(
        _("only for chosen roles and members"),
        default=False,
        help_text=_("Otherwise every member reads it and every member who writes may add to it."),
    )
    # The nearest restricted folder above (itself included): its FolderAccess rows decide (copied down).
    guard = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name_key"],
                condition=Q(deleted_at__isnull=True, parent__isnull=False),
                name="library_folder_name_in_parent",
            ),
            models.UniqueConstraint(
                fields=["workspace", "name_key"],
                condition=Q(deleted_at__isnull=True, parent__isnull=True),
                name="library_folder_name_at_top",
            ),
            models.UniqueConstraint(
                fields=["customer"], condition=Q(kind=FolderKind.CUSTOMER), name="library_folder_per_customer"
            ),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind=FolderKind.ORDER), name="library_folder_per_order"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "path"], name="library_folder_tree")]

    def __str__(self):
        return self.name

    @property
    def shown_name(self) -> str:
        """The customers' folder in the reader's language (it is Tradewind's, not named by anyone)."""
        return str(FolderKind.CUSTOMERS.label) if self.kind == FolderKind.CUSTOMERS else self.name

    @property
    def depth(self) -> int:
        return self.path.strip("/").count("/") + 1 if self.path else 0


class FolderAccess(WorkspaceOwnedModel):
    """Who may use a restricted folder: everyone holding `role`, or one member. Owners and admins always
    may (someone has to be able to open it again)."""

    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="access")
    role = models.CharField(_("role"), max_length=20, blank=True)
    membership = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    can_write = models.BooleanField(_("may add and change documents"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="") & Q(membership__isnull=False))
                | (~Q(role="") & Q(membership__isnull=True)),
                name="library_access_role_or_member",
            ),
            models.UniqueConstraint(
                fields=["folder", "role"], condition=~Q(role=""), name="library_access_role_once"
            ),
            models.UniqueConstraint(
                fields=["folder", "membership"],
                condition=Q(membership__isnull=False),
                name="library_access_member_once",
            ),
        ]


class Document(WorkspaceOwnedModel):
    folder = models.ForeignKey(Folder, on_delete=models.PROTECT, related_name="documents")
    name = models.CharField(_("name"), max_length=FILE_NAME_LENGTH)
    name_key = models.CharField(max_length=FILE_NAME_LENGTH)  # casefolded: the same name is a new version
    description = models.TextField(_("description"), blank=True)
    current = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version_count = models.PositiveIntegerField(default=0)
    # Folded: the name, tags, description and the current version's text (library/search.py), indexed.
    search_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["folder", "name_key"],
                condition=Q(deleted_at__isnull=True),
                name="library_document_name_in_folder",
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "deleted_at"], name="library_document_trash"),
            # A search shows the latest changed first: for a common word ("报关" in 7% of the documents)
            # PostgreSQL walks this newest first and stops at a page, instead of sorting every match.
            models.Index(
                fields=["workspace", "-updated_at", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="library_document_live_recent",
            ),
        ]

    def __str__(self):
        return self.name


class DocumentVersion(WorkspaceOwnedModel):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The text inside the file, read by the worker after the upload (library/extraction.py).
    text = models.TextField(blank=True)
    text_status = models.CharField(max_length=20, choices=TextStatus.choices, default=TextStatus.PENDING)
    # A small JPEG of an image or a PDF's first page, made by the worker with the text (files/thumbnails.py).
    thumbnail = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="library_version_number")]


class DocumentTag(WorkspaceOwnedModel):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("tag"), max_length=40)
    name_key = models.CharField(max_length=40)

    class Meta:
        ordering = ["name_key"]
        constraints = [models.UniqueConstraint(fields=["document", "name_key"], name="library_tag_once")]
        indexes = [models.Index(fields=["workspace", "name_key"], name="library_tag_lookup")]


class ShareLink(WorkspaceOwnedModel):
    """A link for someone outside (a buyer downloading the catalog or the shipping documents): one document
    or one folder's documents, until it expires or is revoked, with an optional password. Only the token's
    hash is kept: the link is shown once, when it is made."""

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    folder = models.ForeignKey(Folder, null=True, blank=True, on_delete=models.CASCADE, related_name="shares")
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8)  # the token's last characters, to tell links apart in a list
    language = models.CharField(_("language of the page"), max_length=10)
    expires_at = models.DateTimeField(_("expires"))
    password_hash = models.CharField(max_length=200, blank=True)
    download_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, folder__isnull=True)
                | Q(document__isnull=True, folder__isnull=False),
                name="library_share_one_thing",
            )
        ]
