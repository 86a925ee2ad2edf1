"""Model mixins shared by every app. No business models live here."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicIdModel(models.Model):
    """A UUID for URLs and the API; integer keys never leave the database (DESIGN §3.6)."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class WorkspaceOwnedModel(PublicIdModel, TimestampedModel):
    """Base of every workspace-owned record: the non-null `workspace` key is how tenancy is enforced."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class SubjectMixin(models.Model):
    """ "This is about X": a subject kind from the registry in core/subjects.py and X's public id. No foreign
    key, so any app can point at any other's records without the lower app importing the higher one."""

    subject_kind = models.CharField(max_length=40, blank=True)
    subject_id = models.UUIDField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def subject(self) -> tuple[str, object] | None:
        return (self.subject_kind, self.subject_id) if self.subject_kind else None
