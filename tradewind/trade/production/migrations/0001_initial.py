import django.db.models.deletion
import django.db.models.functions.text
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('files', '0001_initial'),
        ('trade', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='Inspection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('agency', models.CharField(choices=[('own', 'Own QC'), ('sgs', 'SGS'), ('bv', 'Bureau Veritas (BV)'), ('intertek', 'Intertek'), ('tuv', 'TÜV'), ('other', 'Another company')], default='own', max_length=10, verbose_name='inspected by')),
                ('agency_name', models.CharField(blank=True, max_length=120, verbose_name='company name')),
                ('kind', models.CharField(choices=[('during', 'During production (DUPRO)'), ('pre_shipment', 'Pre-shipment inspection (PSI)'), ('loading', 'Container loading check')], default='pre_shipment', max_length=15, verbose_name='inspection')),
                ('inspector', models.CharField(blank=True, max_length=120, verbose_name='inspector')),
                ('inspected_on', models.DateField(verbose_name='inspection date')),
                ('result', models.CharField(choices=[('pending', 'Pending'), ('pass', 'Pass'), ('pass_remarks', 'Pass with remarks'), ('fail', 'Fail')], default='pending', max_length=12, verbose_name='result')),
                ('defects', models.TextField(blank=True, verbose_name='defects found')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('risk_accepted_at', models.DateTimeField(blank=True, null=True)),
                ('risk_reason', models.TextField(blank=True, verbose_name='why the risk is accepted')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='inspections', to='trade.order')),
                ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='files.storedfile')),
                ('risk_accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-inspected_on', '-id'],
                'indexes': [models.Index(fields=['order', '-inspected_on'], name='inspection_of_order'), models.Index(fields=['workspace', '-inspected_on', '-id'], name='inspection_recent'), models.Index(fields=['workspace', 'result', '-inspected_on'], name='inspection_by_result')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('agency', 'other'), _negated=True), models.Q(('agency_name', ''), _negated=True), _connector='OR'), name='inspection_other_agency_named')],
            },
        ),
        migrations.CreateModel(
            name='InspectionPhoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='files.storedfile')),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='production.inspection')),
                ('thumbnail', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='files.storedfile')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Production',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('goods', models.CharField(blank=True, max_length=300, verbose_name='what it makes')),
                ('planned_start', models.DateField(blank=True, null=True, verbose_name='planned start')),
                ('planned_ready', models.DateField(blank=True, null=True, verbose_name='planned ready date')),
                ('actual_start', models.DateField(blank=True, null=True, verbose_name='actual start')),
                ('actual_ready', models.DateField(blank=True, null=True, verbose_name='actual ready date')),
                ('expected_ready', models.DateField(blank=True, null=True, verbose_name='expected ready date')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In production'), ('ready', 'Ready'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status')),
                ('late', models.BooleanField(default=False)),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='productions', to='trade.order')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['created_at', 'id'],
                'indexes': [models.Index(fields=['order', 'id'], name='production_of_order')],
                'constraints': [models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='production_progress_percent'), models.CheckConstraint(condition=models.Q(('planned_start__isnull', True), ('planned_ready__isnull', True), ('planned_ready__gte', models.F('planned_start')), _connector='OR'), name='production_planned_in_order'), models.CheckConstraint(condition=models.Q(('actual_start__isnull', True), ('actual_ready__isnull', True), ('actual_ready__gte', models.F('actual_start')), _connector='OR'), name='production_actual_in_order')],
            },
        ),
        migrations.AddField(
            model_name='inspection',
            name='production',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='inspections', to='production.production'),
        ),
        migrations.CreateModel(
            name='ProgressUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('progress', models.PositiveSmallIntegerField(verbose_name='progress (%)')),
                ('expected_ready', models.DateField(blank=True, null=True, verbose_name='expected ready date')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('production', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='production.production')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['production', '-created_at'], name='progress_update_recent')],
                'constraints': [models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='progress_update_percent')],
            },
        ),
        migrations.CreateModel(
            name='ProgressPhoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='files.storedfile')),
                ('thumbnail', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='files.storedfile')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('update', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='production.progressupdate')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Supplier',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('contact_person', models.CharField(blank=True, max_length=120, verbose_name='contact person')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('email', models.CharField(blank=True, max_length=254, verbose_name='e-mail')),
                ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('archived', models.BooleanField(default=False, verbose_name='archived')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['name', 'id'],
                'indexes': [models.Index(fields=['workspace', 'archived', 'name'], name='supplier_by_name')],
            },
        ),
        migrations.AddField(
            model_name='production',
            name='supplier',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='productions', to='production.supplier'),
        ),
        migrations.AddConstraint(
            model_name='supplier',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower('name'), name='supplier_unique_name'),
        ),
        migrations.AddIndex(
            model_name='production',
            index=models.Index(fields=['workspace', 'supplier', 'status'], name='production_by_supplier'),
        ),
    ]
