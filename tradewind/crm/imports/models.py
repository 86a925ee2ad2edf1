"""The customer import's own records: the uploaded job, the remembered column choices, rows imported.

They lived in the crm app until the import became an app of its own; their tables keep their names
(`crm_importjob` …), moved by state-only migrations.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel


def import_file_path(instance, filename):
    # Where import files were kept before they became stored files; migration 0001 still names it.
    return f"w/{instance.workspace_id}/imports/{instance.public_id.hex}"


class ImportJob(WorkspaceOwnedModel):
    """One uploaded customer file on its way in: read by the worker, mapped, previewed, then imported by
    the worker."""

    class Status(models.TextChoices):
        ANALYSING = "analysing", _("Reading the file")
        REFUSED = "refused", _("Refused")
        UPLOADED = "uploaded", _("Uploaded")
        MAPPED = "mapped", _("Columns chosen")
        PREVIEWED = "previewed", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The uploaded file (size, hash, type: files.StoredFile); none once a refused file is deleted. The
    # name stays on the job, which is called by it.
    file = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=4)  # csv, xlsx
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    delimiter = models.CharField(max_length=2, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, blank=True)  # column index (as text) -> target field
    default_country = models.CharField(_("country when the file has none"), max_length=2, blank=True)
    into_pool = models.BooleanField(_("import into the public pool"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANALYSING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    processed_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)  # imported before, by this or an earlier job
    failed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{row, column, message, kind}], capped
    summary = models.JSONField(default=dict, blank=True)  # the whole-file check before the import
    decisions = models.JSONField(default=dict, blank=True)  # row -> {action, into} chosen in the preview
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "crm_importjob"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "-created_at"], name="import_job_recent"),
        ]

    def __str__(self):
        return self.file_name

    @property
    def is_editable(self) -> bool:
        """Not started: its columns may change, and it may be discarded."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_discardable(self) -> bool:
        """Not started: thrown away with its file, whatever the worker made of it so far."""
        return self.status in DISCARDABLE_STATUSES

    @property
    def is_analysing(self) -> bool:
        return self.status == self.Status.ANALYSING

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.IMPORTING

    @property
    def progress(self) -> int:
        """Percent done; 100 only once the job is finished."""
        if self.status in (self.Status.DONE, self.Status.FAILED, self.Status.REFUSED):
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)


EDITABLE_STATUSES = (ImportJob.Status.UPLOADED, ImportJob.Status.MAPPED, ImportJob.Status.PREVIEWED)
DISCARDABLE_STATUSES = (ImportJob.Status.ANALYSING, ImportJob.Status.REFUSED, *EDITABLE_STATUSES)


class ImportMapping(WorkspaceOwnedModel):
    """The columns a workspace chose for a file layout (same header row -> same mapping next time)."""

    signature = models.CharField(max_length=64)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)

    class Meta:
        db_table = "crm_importmapping"
        constraints = [
            models.UniqueConstraint(fields=["workspace", "signature"], name="import_mapping_unique"),
        ]

    def __str__(self):
        return self.signature


class ImportedRow(models.Model):
    """A row already imported (hash of its cleaned values): importing it again creates nothing."""

    # The unique constraint starts with the workspace: no index of its own.
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    job = models.ForeignKey(ImportJob, null=True, on_delete=models.SET_NULL, related_name="+")
    row_hash = models.CharField(max_length=32)

    class Meta:
        db_table = "crm_importedrow"
        constraints = [
            models.UniqueConstraint(fields=["workspace", "row_hash"], name="imported_row_unique"),
        ]

    def __str__(self):
        return self.row_hash
