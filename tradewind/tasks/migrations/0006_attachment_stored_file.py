"""Task attachments point at a stored file (files.StoredFile) instead of holding a file field.

Each attachment gets a stored file with its name, size, uploader and time; the content stays where it
is on disk (the stored file's storage name is the attachment's old file name), and its SHA-256 and type
are read from it. An attachment whose content is missing keeps its facts (its hash stays empty and its
type the one recorded). The reverse puts everything back on the attachment and removes the stored files.
"""

import hashlib

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

import tradewind.tasks.models


def content_facts(name: str, recorded_type: str, original_name: str) -> tuple[str, str]:
    """(sha256, content type) of stored content, or ("", the recorded type) when it is missing."""
    from tradewind.files.sniffing import sniff

    try:
        with default_storage.open(name, "rb") as f:
            digest = hashlib.sha256()
            while chunk := f.read(1024 * 1024):
                digest.update(chunk)
            sniffed = sniff(f, original_name)
    except OSError:
        return "", recorded_type or "application/octet-stream"
    # A program attached before programs were recognised keeps a neutral type; it is only downloaded.
    return digest.hexdigest(), sniffed.content_type


def _checks_now(schema_editor) -> None:
    """PostgreSQL defers the foreign-key checks of the rows written here to the commit; the columns
    changed next cannot be altered while such checks are pending."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    TaskAttachment = apps.get_model("tasks", "TaskAttachment")
    StoredFile = apps.get_model("files", "StoredFile")
    for attachment in TaskAttachment.objects.filter(stored_file__isnull=True).iterator(chunk_size=500):
        sha256, content_type = content_facts(attachment.file.name, attachment.content_type, attachment.name)
        stored = StoredFile.objects.create(
            workspace_id=attachment.workspace_id,
            storage_name=attachment.file.name,
            original_name=attachment.name,
            size=attachment.size,
            content_type=content_type[:120],
            sha256=sha256,
            uploaded_by_id=attachment.uploaded_by_id,
        )
        StoredFile.objects.filter(pk=stored.pk).update(created_at=attachment.created_at)
        TaskAttachment.objects.filter(pk=attachment.pk).update(stored_file=stored)
    _checks_now(schema_editor)


def backwards(apps, schema_editor):
    TaskAttachment = apps.get_model("tasks", "TaskAttachment")
    StoredFile = apps.get_model("files", "StoredFile")
    for attachment in TaskAttachment.objects.select_related("stored_file").iterator(chunk_size=500):
        stored = attachment.stored_file
        if stored is None:
            continue
        TaskAttachment.objects.filter(pk=attachment.pk).update(
            file=stored.storage_name,
            name=stored.original_name,
            size=stored.size,
            content_type=stored.content_type,
            uploaded_by_id=stored.uploaded_by_id,
            stored_file=None,
        )
        StoredFile.objects.filter(pk=stored.pk).delete()
    _checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0005_history_moved_to_activity"),
        ("files", "0001_initial"),
        ("workspaces", "0004_audit_import_discarded"),
    ]

    operations = [
        migrations.AddField(
            model_name="taskattachment",
            name="stored_file",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="task_attachments",
                to="files.storedfile",
            ),
        ),
        # Nullable (or blank) before they go, so that going back can re-add them to rows that only
        # `backwards` fills.
        migrations.AlterField(
            model_name="taskattachment", name="size", field=models.PositiveBigIntegerField(null=True)
        ),
        migrations.AlterField(
            model_name="taskattachment",
            name="file",
            field=models.FileField(
                blank=True, max_length=300, upload_to=tradewind.tasks.models.attachment_path
            ),
        ),
        migrations.AlterField(
            model_name="taskattachment",
            name="name",
            field=models.CharField(blank=True, max_length=255, verbose_name="file name"),
        ),
        migrations.AlterField(
            model_name="taskattachment",
            name="content_type",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="taskattachment", name="file"),
        migrations.RemoveField(model_name="taskattachment", name="name"),
        migrations.RemoveField(model_name="taskattachment", name="size"),
        migrations.RemoveField(model_name="taskattachment", name="content_type"),
        migrations.RemoveField(model_name="taskattachment", name="uploaded_by"),
        migrations.RenameField(model_name="taskattachment", old_name="stored_file", new_name="file"),
        migrations.AlterField(
            model_name="taskattachment",
            name="file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="task_attachments",
                to="files.storedfile",
            ),
        ),
        migrations.AlterModelOptions(name="taskattachment", options={"ordering": ["created_at", "id"]}),
    ]
