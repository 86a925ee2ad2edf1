"""A file someone uploaded, kept in the Django storage (local disk or S3-compatible).

The row holds what is known of the content — size, SHA-256, the type found by looking at the bytes —
and the name the sender gave it, which is shown and offered on download but never used as the storage
name (that is random, per workspace). Records that carry a file (a task's attachment, an import) point
here; nothing else writes to the storage.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel


class StoredFile(WorkspaceOwnedModel):
    storage_name = models.CharField(max_length=300, unique=True)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=120)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "sha256"], name="stored_file_sha256")]

    def __str__(self):
        return self.original_name
