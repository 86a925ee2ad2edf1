"""Free-form labels on records (task labels, customer tags): a workspace's vocabulary of names, linked to
records through a table that carries the workspace like every owned row."""

from __future__ import annotations


def labels_set(*, record, names, label_model, link_model, record_field: str, label_field: str) -> list[str]:
    """Make `record`'s labels exactly `names` (trimmed, at most 40 characters, duplicates dropped), creating
    the workspace's missing labels. Returns the names, sorted."""
    clean = sorted({n.strip()[:40] for n in names if n and n.strip()})
    workspace_id = record.workspace_id
    existing = {
        label.name: label for label in label_model.objects.filter(workspace_id=workspace_id, name__in=clean)
    }
    for name in clean:
        if name not in existing:
            existing[name] = label_model.objects.create(workspace_id=workspace_id, name=name)
    link_model.objects.filter(**{record_field: record}).exclude(
        **{f"{label_field}__name__in": clean}
    ).delete()
    link_model.objects.bulk_create(
        [
            link_model(workspace_id=workspace_id, **{record_field: record, label_field: existing[n]})
            for n in clean
        ],
        ignore_conflicts=True,
    )
    return clean
