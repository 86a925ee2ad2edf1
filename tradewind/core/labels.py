"""Free-form labels on records (task labels, customer tags): a workspace's vocabulary of names, linked to
records through a table that carries the workspace like every owned row.

Names are one vocabulary whatever their case: "vip" finds the workspace's "VIP" and is linked as "VIP",
so a filter never offers two spellings of one label.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.functions import Lower


def labels_named(*, label_model, workspace_id: int, names) -> dict[str, object]:
    """The workspace's labels for `names` (trimmed, at most 40 characters), creating the missing ones,
    keyed by the lower-case name. An existing label keeps its spelling."""
    wanted: dict[str, str] = {}
    for name in names:
        name = (name or "").strip()[:40]
        if name:
            wanted.setdefault(name.lower(), name)  # the first spelling of a new name
    if not wanted:
        return {}
    # Keyed by Python's lower(): SQLite's LOWER() folds ASCII only, so "Ⱦx" would not find itself by its
    # key and be created a second time (a unique-constraint 500); the exact names are asked for too.
    found = {
        label.name.lower(): label
        for label in label_model.objects.annotate(key=Lower("name")).filter(
            Q(key__in=list(wanted)) | Q(name__in=list(wanted.values())), workspace_id=workspace_id
        )
    }
    for key, name in wanted.items():
        if key not in found:
            found[key] = label_model.objects.create(workspace_id=workspace_id, name=name)
    return found


def labels_set(*, record, names, label_model, link_model, record_field: str, label_field: str) -> list[str]:
    """Make `record`'s labels exactly `names` (see labels_named), creating the workspace's missing labels.
    Returns the names, sorted."""
    labels = labels_named(label_model=label_model, workspace_id=record.workspace_id, names=names)
    ids = [label.pk for label in labels.values()]
    link_model.objects.filter(**{record_field: record}).exclude(**{f"{label_field}_id__in": ids}).delete()
    link_model.objects.bulk_create(
        [
            link_model(workspace_id=record.workspace_id, **{record_field: record, label_field: label})
            for label in labels.values()
        ],
        ignore_conflicts=True,
    )
    return sorted(label.name for label in labels.values())
