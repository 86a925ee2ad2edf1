import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('tasks', '0006_attachment_stored_file'),
        ('trade', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='Fulfilment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('stage_key', models.CharField(blank=True, max_length=40)),
                ('stage_name', models.CharField(blank=True, max_length=120)),
                ('stage_position', models.PositiveSmallIntegerField(default=0)),
                ('at_risk', models.BooleanField(default=False)),
                ('risk_reason', models.CharField(blank=True, max_length=300)),
                ('late', models.BooleanField(default=False)),
                ('payment_overdue', models.BooleanField(default=False)),
                ('next_etd', models.DateField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('documents', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='documents clerk')),
                ('finance', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='finance')),
                ('logistics', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='logistics')),
                ('merchandiser', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='merchandiser')),
                ('order', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='fulfilment', to='trade.order')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='customer service')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'indexes': [models.Index(fields=['workspace', 'stage_position', '-id'], name='fulfilment_by_stage'), models.Index(fields=['workspace', 'merchandiser', 'stage_position'], name='fulfilment_by_merch'), models.Index(fields=['workspace', 'logistics', 'stage_position'], name='fulfilment_by_logistics'), models.Index(fields=['workspace', 'documents', 'stage_position'], name='fulfilment_by_documents'), models.Index(fields=['workspace', 'finance', 'stage_position'], name='fulfilment_by_finance'), models.Index(fields=['workspace', 'next_etd'], name='fulfilment_by_etd')],
            },
        ),
        migrations.CreateModel(
            name='OrderStage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('key', models.SlugField(max_length=40)),
                ('name', models.CharField(max_length=120)),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('owner_role', models.CharField(max_length=20)),
                ('sla_days', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('parallel', models.BooleanField(default=False)),
                ('status', models.CharField(choices=[('waiting', 'Waiting'), ('active', 'In progress'), ('done', 'Done')], default='waiting', max_length=10)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('due_at', models.DateTimeField(blank=True, null=True)),
                ('completed_at', models.DateTimeField(blank=True, null=True)),
                ('override_reason', models.TextField(blank=True)),
                ('late_told_at', models.DateTimeField(blank=True, null=True)),
                ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='completed by')),
                ('fulfilment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stages', to='workflow.fulfilment')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='owner')),
                ('task', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='tasks.task')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
                'indexes': [models.Index(fields=['status', 'due_at'], name='order_stage_due')],
                'constraints': [models.UniqueConstraint(fields=('fulfilment', 'key'), name='order_stage_unique_key')],
            },
        ),
        migrations.CreateModel(
            name='StageItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('text', models.CharField(max_length=300)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='done by')),
                ('stage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='workflow.orderstage')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='TeamDefaults',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('documents', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='documents clerk')),
                ('finance', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='finance')),
                ('logistics', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='logistics')),
                ('merchandiser', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='merchandiser')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='customer service')),
                ('workspace', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
        ),
        migrations.CreateModel(
            name='WorkflowTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('is_default', models.BooleanField(default=True)),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='WorkflowStage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('key', models.SlugField(max_length=40, verbose_name='key')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('owner_role', models.CharField(choices=[('sales', 'Sales rep'), ('merchandiser', 'Merchandiser'), ('documents', 'Documents clerk'), ('logistics', 'Logistics'), ('finance', 'Finance'), ('service', 'Customer service')], max_length=20, verbose_name='owner role')),
                ('checklist', models.JSONField(blank=True, default=list, verbose_name='checklist')),
                ('sla_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='target duration (days)')),
                ('parallel', models.BooleanField(default=False, verbose_name='may run beside the next stage')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stages', to='workflow.workflowtemplate')),
            ],
            options={
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('template', 'key'), name='workflow_stage_unique_key')],
            },
        ),
        migrations.AddField(
            model_name='fulfilment',
            name='template',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workflow.workflowtemplate'),
        ),
    ]
