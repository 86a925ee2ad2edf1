"""Import jobs point at a stored file (files.StoredFile) instead of holding a file field; two statuses
for the worker's first look at the file.

Each job gets a stored file with its name, size, SHA-256 (computed at upload), creator and time; the
content stays where it is on disk (the stored file's storage name is the job's old file name) and its
type is read from it. The job keeps its file name. The reverse puts everything back on the job.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

import tradewind.crm.imports.models

KIND_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def content_type_of(name: str, kind: str, original_name: str) -> str:
    from tradewind.files.sniffing import sniff

    try:
        with default_storage.open(name, "rb") as f:
            return sniff(f, original_name).content_type
    except OSError:  # the content is missing: the type the job was read as
        return KIND_TYPES.get(kind, "application/octet-stream")


def _checks_now(schema_editor) -> None:
    """PostgreSQL defers the foreign-key checks of the rows written here to the commit; the columns
    changed next cannot be altered while such checks are pending."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    ImportJob = apps.get_model("crm_imports", "ImportJob")
    StoredFile = apps.get_model("files", "StoredFile")
    for job in ImportJob.objects.filter(stored_file__isnull=True).exclude(file="").iterator(chunk_size=500):
        stored = StoredFile.objects.create(
            workspace_id=job.workspace_id,
            storage_name=job.file.name,
            original_name=job.file_name,
            size=job.file_size,
            content_type=content_type_of(job.file.name, job.kind, job.file_name)[:120],
            sha256=job.file_sha256,
            uploaded_by_id=job.created_by_id,
        )
        StoredFile.objects.filter(pk=stored.pk).update(created_at=job.created_at)
        ImportJob.objects.filter(pk=job.pk).update(stored_file=stored)
    _checks_now(schema_editor)


def backwards(apps, schema_editor):
    ImportJob = apps.get_model("crm_imports", "ImportJob")
    StoredFile = apps.get_model("files", "StoredFile")
    # Jobs of the new statuses did not exist before: a refused one has no file to go back to.
    ImportJob.objects.filter(status__in=["analysing", "refused"]).delete()
    for job in ImportJob.objects.select_related("stored_file").filter(stored_file__isnull=False).iterator():
        stored = job.stored_file
        ImportJob.objects.filter(pk=job.pk).update(
            file=stored.storage_name, file_size=stored.size, file_sha256=stored.sha256, stored_file=None
        )
        StoredFile.objects.filter(pk=stored.pk).delete()
    _checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("crm_imports", "0001_initial"),
        ("files", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="stored_file",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="import_jobs",
                to="files.storedfile",
            ),
        ),
        # Blank before they go, so that going back can re-add them to rows that only `backwards` fills.
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                blank=True, max_length=300, upload_to=tradewind.crm.imports.models.import_file_path
            ),
        ),
        migrations.AlterField(
            model_name="importjob", name="file_sha256", field=models.CharField(blank=True, max_length=64)
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveIndex(model_name="importjob", name="import_job_file"),
        migrations.RemoveField(model_name="importjob", name="file"),
        migrations.RemoveField(model_name="importjob", name="file_size"),
        migrations.RemoveField(model_name="importjob", name="file_sha256"),
        migrations.RenameField(model_name="importjob", old_name="stored_file", new_name="file"),
        migrations.AlterField(
            model_name="importjob",
            name="status",
            field=models.CharField(
                choices=[
                    ("analysing", "Reading the file"),
                    ("refused", "Refused"),
                    ("uploaded", "Uploaded"),
                    ("mapped", "Columns chosen"),
                    ("previewed", "Checked"),
                    ("importing", "Importing"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                ],
                default="analysing",
                max_length=10,
            ),
        ),
    ]
