"""Model mixins shared by every app. No business models live here."""

from __future__ import annotations

import uuid
from functools import cache

from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


@cache
def _choice_labels(field) -> dict | None:
    """A field's choices as {value: label}, the labels still lazy; None when a callable makes them."""
    if isinstance(field.choices, CallableChoiceIterator):
        return None
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceLabelsModel(models.Model):
    """`get_<field>_display()` reading the choices' labels from a dict made once per field.

    Django's own rebuilds the dict on every call, hashing — so translating — every label of the field
    to show one: 30–60 µs a call, 100 calls on a page of 50 rows (bench/README.md, "Sales"). Same
    answer: the value's label in the active language, the value itself when it is not a choice.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        labels = _choice_labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


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


class WorkspaceOwnedModel(ChoiceLabelsModel, PublicIdModel, TimestampedModel):
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
