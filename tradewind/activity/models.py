"""One row per thing that happened about a subject. Written by services only, never edited by a view."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from tradewind.core.models import PublicIdModel, SubjectMixin


class Activity(PublicIdModel, SubjectMixin):
    """`kind` is a key of the activity registry (`crm.interaction`, `tasks.status`…); `data` holds what its
    renderer needs, so the text is made in the reader's language when it is read."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    actor = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        # A subject's page reads its newest rows and stops: the whole ordering is in the index.
        indexes = [
            models.Index(
                fields=["workspace", "subject_kind", "subject_id", "-at", "-id"], name="activity_subject_at"
            )
        ]

    def __str__(self):
        return f"{self.subject_kind}:{self.subject_id} {self.kind}"
