import django.db.models.deletion
import tradewind.crm.imports.models
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crm', '0001_initial'),
        ('workspaces', '0003_alter_auditentry_action'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('file', models.FileField(max_length=300, upload_to=tradewind.crm.imports.models.import_file_path)),
                ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                ('file_size', models.PositiveBigIntegerField(default=0)),
                ('file_sha256', models.CharField(max_length=64)),
                ('kind', models.CharField(max_length=4)),
                ('encoding', models.CharField(blank=True, max_length=20, verbose_name='encoding')),
                ('delimiter', models.CharField(blank=True, max_length=2)),
                ('header_row', models.PositiveIntegerField(default=1)),
                ('headers', models.JSONField(default=list)),
                ('mapping', models.JSONField(blank=True, default=dict)),
                ('default_country', models.CharField(blank=True, max_length=2, verbose_name='country when the file has none')),
                ('into_pool', models.BooleanField(default=False, verbose_name='import into the public pool')),
                ('status', models.CharField(choices=[('uploaded', 'Uploaded'), ('mapped', 'Columns chosen'), ('previewed', 'Checked'), ('importing', 'Importing'), ('done', 'Done'), ('failed', 'Failed')], default='uploaded', max_length=10)),
                ('total_rows', models.PositiveIntegerField(blank=True, null=True)),
                ('processed_rows', models.PositiveIntegerField(default=0)),
                ('created', models.PositiveIntegerField(default=0)),
                ('merged', models.PositiveIntegerField(default=0)),
                ('skipped', models.PositiveIntegerField(default=0)),
                ('repeated', models.PositiveIntegerField(default=0)),
                ('failed_rows', models.PositiveIntegerField(default=0)),
                ('errors', models.JSONField(blank=True, default=list)),
                ('summary', models.JSONField(blank=True, default=dict)),
                ('decisions', models.JSONField(blank=True, default=dict)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['workspace', '-created_at'], name='import_job_recent'), models.Index(fields=['workspace', 'file_sha256'], name='import_job_file')],
            },
        ),
        migrations.CreateModel(
            name='ImportedRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('row_hash', models.CharField(max_length=32)),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('job', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.importjob')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('workspace', 'row_hash'), name='imported_row_unique')],
            },
        ),
        migrations.CreateModel(
            name='ImportMapping',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('signature', models.CharField(max_length=64)),
                ('headers', models.JSONField(default=list)),
                ('mapping', models.JSONField(default=dict)),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('workspace', 'signature'), name='import_mapping_unique')],
            },
        ),
    ]
