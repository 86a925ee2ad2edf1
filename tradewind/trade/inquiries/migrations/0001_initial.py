import datetime
import django.db.models.deletion
import django.db.models.functions.text
import tradewind.core.money
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0001_initial'),
        ('crm', '0015_customer_country_by_name'),
        ('files', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='Competitor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('website', models.CharField(blank=True, max_length=200, verbose_name='website')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Inquiry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=20, verbose_name='number')),
                ('buyer_company', models.CharField(blank=True, max_length=200, verbose_name='company')),
                ('buyer_name', models.CharField(blank=True, max_length=120, verbose_name='name')),
                ('buyer_email', models.CharField(blank=True, max_length=254, verbose_name='e-mail')),
                ('buyer_phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('buyer_country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('source', models.CharField(choices=[('alibaba', 'Alibaba.com'), ('made_in_china', 'Made-in-China'), ('global_sources', 'Global Sources'), ('website', 'Own website'), ('trade_fair', 'Trade fair'), ('referral', 'Referral'), ('cold_outreach', 'Cold outreach'), ('customs_data', 'Customs data'), ('other', 'Other')], default='other', max_length=20, verbose_name='source')),
                ('platform_ref', models.CharField(blank=True, help_text='e.g. the Alibaba.com inquiry number', max_length=100, verbose_name='platform inquiry id')),
                ('created_via', models.CharField(choices=[('app', 'Entered in Tradewind'), ('api', 'API'), ('intake', 'Website form (intake)')], default='app', max_length=10)),
                ('received_at', models.DateTimeField(verbose_name='received')),
                ('message', models.TextField(blank=True, verbose_name='message')),
                ('destination_country', models.CharField(blank=True, max_length=2, verbose_name='destination country')),
                ('destination_port', models.CharField(blank=True, max_length=5, verbose_name='destination port (UN/LOCODE)')),
                ('incoterm', models.CharField(blank=True, choices=[('EXW', 'EXW'), ('FCA', 'FCA'), ('CPT', 'CPT'), ('CIP', 'CIP'), ('DAP', 'DAP'), ('DPU', 'DPU'), ('DDP', 'DDP'), ('FAS', 'FAS'), ('FOB', 'FOB'), ('CFR', 'CFR'), ('CIF', 'CIF')], max_length=3, verbose_name='Incoterm')),
                ('status', models.CharField(choices=[('new', 'New'), ('assigned', 'Assigned'), ('quoted', 'Quoted'), ('won', 'Won'), ('lost', 'Lost'), ('spam', 'Spam'), ('duplicate', 'Duplicate')], default='new', max_length=10, verbose_name='status')),
                ('assigned_at', models.DateTimeField(blank=True, null=True)),
                ('response_due_at', models.DateTimeField(blank=True, null=True, verbose_name='first response due')),
                ('first_response_at', models.DateTimeField(blank=True, null=True, verbose_name='first response')),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('overdue_notified_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('lost_note', models.TextField(blank=True, verbose_name='note')),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.contact')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('customer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='inquiries', to='crm.customer')),
                ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='inquiries.inquiry')),
                ('lost_competitor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lost_inquiries', to='inquiries.competitor')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-received_at', '-id'],
                'indexes': [models.Index(fields=['workspace', '-received_at', 'id'], name='inquiry_recent'), models.Index(fields=['workspace', 'status', 'assignee'], name='inquiry_by_status'), models.Index(fields=['workspace', 'assignee', 'status'], name='inquiry_by_assignee')],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='inquiry_unique_number')],
            },
        ),
        migrations.CreateModel(
            name='InquiryAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='files.storedfile')),
                ('inquiry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='inquiries.inquiry')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='InquiryItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='description')),
                ('quantity', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name='quantity')),
                ('unit', models.CharField(choices=[('pcs', 'pieces'), ('sets', 'sets'), ('pairs', 'pairs'), ('dozens', 'dozens'), ('cartons', 'cartons'), ('rolls', 'rolls'), ('kg', 'kg'), ('t', 'tonnes'), ('m', 'metres'), ('m2', 'm²'), ('m3', 'm³'), ('l', 'litres')], default='pcs', max_length=10, verbose_name='unit')),
                ('target_price_amount', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='target price')),
                ('target_price_currency', models.CharField(blank=True, max_length=3, validators=[tradewind.core.money.validate_currency], verbose_name='currency')),
                ('inquiry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='inquiries.inquiry')),
                ('product', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.product')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='InquiryRoute',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalog.category')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['country', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('country', ''), ('category__isnull', False)), models.Q(models.Q(('country', ''), _negated=True), ('category__isnull', True)), _connector='OR'), name='inquiry_route_country_or_category'), models.UniqueConstraint(condition=models.Q(('country', ''), _negated=True), fields=('workspace', 'country'), name='inquiry_route_country'), models.UniqueConstraint(condition=models.Q(('category__isnull', False)), fields=('workspace', 'category'), name='inquiry_route_category')],
            },
        ),
        migrations.CreateModel(
            name='InquirySettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('response_target_hours', models.PositiveSmallIntegerField(default=24, verbose_name='first response within (business hours)')),
                ('reminder_lead_hours', models.PositiveSmallIntegerField(default=4, verbose_name='remind the assignee (business hours before the target)')),
                ('business_start', models.TimeField(default=datetime.time(9, 0), verbose_name='business hours from')),
                ('business_end', models.TimeField(default=datetime.time(18, 0), verbose_name='business hours until')),
                ('business_days', models.CharField(default='0,1,2,3,4', max_length=20, verbose_name='business days')),
                ('assignment_mode', models.CharField(choices=[('round_robin', "The customer's owner, else round-robin among the chosen reps"), ('pool', "The customer's owner, else the inquiry pool")], default='round_robin', max_length=20, verbose_name='assignment')),
                ('round_robin_next', models.PositiveIntegerField(default=0)),
                ('intake_token_hash', models.CharField(blank=True, default='', max_length=64)),
                ('intake_token_hint', models.CharField(blank=True, default='', max_length=12)),
                ('intake_token_created_at', models.DateTimeField(blank=True, null=True)),
                ('intake_origins', models.TextField(blank=True, help_text='One origin a line, e.g. https://www.example.com', verbose_name='websites the intake form may send visitors back to')),
                ('workspace', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='inquiry_settings', to='workspaces.workspace')),
            ],
            options={
                'constraints': [models.UniqueConstraint(condition=models.Q(('intake_token_hash', ''), _negated=True), fields=('intake_token_hash',), name='inquiry_intake_token_unique')],
            },
        ),
        migrations.CreateModel(
            name='LostReason',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddField(
            model_name='inquiry',
            name='lost_reason',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inquiries.lostreason'),
        ),
        migrations.CreateModel(
            name='RoundRobinMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'member'), name='inquiry_round_robin_unique')],
            },
        ),
        migrations.AddConstraint(
            model_name='competitor',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower('name'), name='competitor_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='lostreason',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower('name'), name='lost_reason_unique_name'),
        ),
    ]
