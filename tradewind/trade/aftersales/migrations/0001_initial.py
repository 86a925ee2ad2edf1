import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('crm', '0015_customer_country_by_name'),
        ('files', '0001_initial'),
        ('shipping', '0001_initial'),
        ('tasks', '0001_initial'),
        ('trade', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='AftersalesCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=40, verbose_name='number')),
                ('case_type', models.CharField(choices=[('quality', 'Quality'), ('shortage', 'Shortage'), ('damage', 'Damage'), ('delay', 'Delay'), ('wrong_goods', 'Wrong goods'), ('other', 'Other')], max_length=20, verbose_name='type')),
                ('description', models.TextField(verbose_name='description')),
                ('currency', models.CharField(max_length=3, verbose_name='currency')),
                ('claimed_amount', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='claimed amount')),
                ('status', models.CharField(choices=[('open', 'Open'), ('investigating', 'Investigating'), ('awaiting_buyer', 'Awaiting the buyer'), ('resolved', 'Resolved'), ('rejected', 'Rejected')], default='open', max_length=20, verbose_name='status')),
                ('resolution', models.CharField(blank=True, choices=[('credit_note', 'Credit note on the next order'), ('replacement', 'Replacement'), ('refund', 'Refund'), ('rejected', 'Rejected')], max_length=20, verbose_name='resolution')),
                ('agreed_amount', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='agreed amount')),
                ('resolution_note', models.TextField(blank=True, verbose_name='resolution note')),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aftersales_cases', to='crm.customer')),
                ('opened_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aftersales_cases', to='trade.order')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('shipment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='aftersales_cases', to='shipping.shipment')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['workspace', 'status', '-created_at'], name='aftersales_case_by_status'), models.Index(fields=['workspace', 'owner', 'status'], name='aftersales_case_by_owner'), models.Index(fields=['workspace', 'customer', 'status'], name='aftersales_case_by_customer')],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='aftersales_case_unique_number'), models.CheckConstraint(condition=models.Q(('claimed_amount__isnull', True), ('claimed_amount__gt', 0), _connector='OR'), name='aftersales_case_claim_positive')],
            },
        ),
        migrations.CreateModel(
            name='AftersalesSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('follow_up_days', models.PositiveSmallIntegerField(default=14, verbose_name='follow up with the buyer (days after arrival)')),
                ('workspace', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='aftersales_settings', to='workspaces.workspace')),
            ],
        ),
        migrations.CreateModel(
            name='CasePhoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='aftersales.aftersalescase')),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aftersales_photos', to='files.storedfile')),
                ('thumbnail', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aftersales_thumbnails', to='files.storedfile')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='CreditNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=40, verbose_name='number')),
                ('amount', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='amount')),
                ('currency', models.CharField(max_length=3, verbose_name='currency')),
                ('applied_at', models.DateTimeField(blank=True, null=True)),
                ('applied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('applied_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='credit_notes_applied', to='trade.order')),
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='credit_note', to='aftersales.aftersalescase')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='credit_notes', to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['workspace', 'customer', 'applied_to'], name='credit_note_by_customer')],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='credit_note_unique_number'), models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='credit_note_amount_positive')],
            },
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('arrived_on', models.DateField(verbose_name='arrived')),
                ('due_on', models.DateField(verbose_name='follow up on')),
                ('customer_follow_up_on', models.DateField(blank=True, null=True)),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='crm.customer')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aftersales_follow_ups', to='trade.order')),
                ('shipment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='aftersales_follow_up', to='shipping.shipment')),
                ('task', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='aftersales_follow_ups', to='tasks.task')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-due_on', '-id'],
            },
        ),
    ]
