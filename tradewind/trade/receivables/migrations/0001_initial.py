import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('trade', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='Receipt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=40, verbose_name='number')),
                ('received_on', models.DateField(verbose_name='received on')),
                ('amount', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='amount')),
                ('currency', models.CharField(max_length=3, verbose_name='currency')),
                ('rate', models.DecimalField(blank=True, decimal_places=10, max_digits=20, null=True, verbose_name="rate to the order's currency")),
                ('amount_in_order', models.DecimalField(decimal_places=4, max_digits=18)),
                ('bank_charges', models.DecimalField(decimal_places=4, default=0, max_digits=18, verbose_name='bank charges')),
                ('reference', models.CharField(blank=True, max_length=100, verbose_name='bank reference')),
                ('payer', models.CharField(blank=True, max_length=200, verbose_name='paid by')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('credit', models.DecimalField(decimal_places=4, default=0, max_digits=18, verbose_name='credit')),
                ('status', models.CharField(choices=[('recorded', 'Recorded'), ('reversed', 'Reversed')], default='recorded', max_length=10, verbose_name='status')),
                ('reversed_at', models.DateTimeField(blank=True, null=True)),
                ('reversal_reason', models.TextField(blank=True, verbose_name='why it was reversed')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='receipts', to='trade.order')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('reversed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-received_on', '-id'],
                'indexes': [models.Index(fields=['workspace', '-received_on', '-id'], name='receipt_recent'), models.Index(fields=['order', 'received_on'], name='receipt_by_order')],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='receipt_unique_number')],
            },
        ),
        migrations.CreateModel(
            name='Allocation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('amount', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='amount')),
                ('payment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='allocations', to='trade.orderpayment')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('receipt', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='allocations', to='receivables.receipt')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('receipt', 'payment'), name='allocation_unique_milestone'), models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='allocation_positive')],
            },
        ),
        migrations.CreateModel(
            name='ReceivablesSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('escalation_days', models.PositiveSmallIntegerField(default=7, help_text='The sales rep and finance hear the day after the due date; the managers after this.', verbose_name='tell the managers when a payment is overdue by (days)')),
                ('workspace', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
        ),
        migrations.CreateModel(
            name='OverdueNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('due_on', models.DateField()),
                ('told_at', models.DateTimeField(blank=True, null=True)),
                ('escalated_at', models.DateTimeField(blank=True, null=True)),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='trade.order')),
                ('payment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='overdue_notice', to='trade.orderpayment')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'indexes': [models.Index(fields=['escalated_at'], name='overdue_notice_open')],
            },
        ),
    ]
