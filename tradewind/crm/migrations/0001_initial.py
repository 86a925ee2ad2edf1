import datetime
import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('workspaces', '0003_alter_auditentry_action'),
    ]

    operations = [
        migrations.CreateModel(
            name='CrmSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('business_start', models.TimeField(default=datetime.time(9, 0), verbose_name='business hours from')),
                ('business_end', models.TimeField(default=datetime.time(18, 0), verbose_name='business hours until')),
                ('business_days', models.CharField(default='0,1,2,3,4', max_length=20, verbose_name='business days')),
                ('duplicate_policy', models.CharField(choices=[('warn', 'Warn, let the rep decide'), ('block', "Block exact duplicates of another rep's customer")], default='warn', max_length=10, verbose_name="exact duplicates of another rep's customer")),
                ('max_private_customers', models.PositiveIntegerField(blank=True, help_text='Empty: no limit.', null=True, verbose_name='private customers per rep')),
                ('cooldown_days', models.PositiveSmallIntegerField(default=30, verbose_name='days before a rep may reclaim a customer they released or lost')),
                ('auto_return_warning_days', models.PositiveSmallIntegerField(default=3, verbose_name='warn the owner this many days before a customer returns to the pool')),
                ('workspace', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='crm_settings', to='workspaces.workspace')),
            ],
        ),
        migrations.CreateModel(
            name='Customer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=200, verbose_name='company name')),
                ('name_latin', models.CharField(blank=True, max_length=200, verbose_name='name in Latin script')),
                ('country', models.CharField(max_length=2, verbose_name='country')),
                ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                ('address', models.TextField(blank=True, verbose_name='address')),
                ('website', models.CharField(blank=True, max_length=200, verbose_name='website')),
                ('industry', models.CharField(blank=True, max_length=100, verbose_name='industry')),
                ('source', models.CharField(choices=[('alibaba', 'Alibaba.com'), ('made_in_china', 'Made-in-China'), ('global_sources', 'Global Sources'), ('website', 'Own website'), ('trade_fair', 'Trade fair'), ('referral', 'Referral'), ('cold_outreach', 'Cold outreach'), ('customs_data', 'Customs data'), ('other', 'Other')], default='other', max_length=20, verbose_name='source')),
                ('source_detail', models.CharField(blank=True, help_text='e.g. which fair', max_length=120, verbose_name='source detail')),
                ('stage', models.CharField(choices=[('lead', 'Lead'), ('prospect', 'Prospect'), ('customer', 'Customer'), ('dormant', 'Dormant')], default='lead', max_length=10, verbose_name='stage')),
                ('languages', models.CharField(blank=True, max_length=100, verbose_name='languages spoken')),
                ('time_zone', models.CharField(blank=True, help_text="Empty: the country's.", max_length=64, verbose_name='time zone')),
                ('zone', models.CharField(blank=True, max_length=64)),
                ('products', models.TextField(blank=True, verbose_name='products of interest')),
                ('typical_volume', models.CharField(blank=True, max_length=120, verbose_name='typical order volume')),
                ('incoterm', models.CharField(blank=True, choices=[('EXW', 'EXW'), ('FCA', 'FCA'), ('CPT', 'CPT'), ('CIP', 'CIP'), ('DAP', 'DAP'), ('DPU', 'DPU'), ('DDP', 'DDP'), ('FAS', 'FAS'), ('FOB', 'FOB'), ('CFR', 'CFR'), ('CIF', 'CIF')], max_length=3, verbose_name='preferred Incoterm')),
                ('named_place', models.CharField(blank=True, max_length=120, verbose_name='named place')),
                ('payment_terms', models.CharField(blank=True, max_length=120, verbose_name='payment terms')),
                ('currency', models.CharField(blank=True, max_length=3, verbose_name='currency')),
                ('destination_port', models.CharField(blank=True, max_length=5, verbose_name='destination port (UN/LOCODE)')),
                ('packaging', models.TextField(blank=True, verbose_name='packaging and labelling')),
                ('certifications', models.CharField(blank=True, max_length=200, verbose_name='certifications required')),
                ('price_sensitivity', models.CharField(blank=True, choices=[('', 'Unknown'), ('low', 'Low'), ('medium', 'Medium'), ('high', 'High')], max_length=10, verbose_name='price sensitivity')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('last_contact_at', models.DateTimeField(blank=True, null=True, verbose_name='last contact')),
                ('next_follow_up_on', models.DateField(blank=True, null=True, verbose_name='next follow-up')),
                ('owned_since', models.DateTimeField(blank=True, null=True)),
                ('return_warned_at', models.DateTimeField(blank=True, null=True)),
                ('search_text', models.TextField(blank=True)),
                ('name_key', models.CharField(blank=True, max_length=200)),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='customers', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['name'],
                'indexes': [models.Index(fields=['workspace', 'owner', 'next_follow_up_on'], name='customer_follow_ups'), models.Index(fields=['workspace', 'name_key'], name='customer_name_key'), models.Index(fields=['workspace', 'country'], name='customer_country'), models.Index(fields=['workspace', 'zone'], name='customer_zone'), models.Index(fields=['workspace', '-updated_at'], name='customer_recent')],
            },
        ),
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('title', models.CharField(blank=True, max_length=120, verbose_name='title')),
                ('emails', models.JSONField(blank=True, default=list, verbose_name='e-mails')),
                ('phones', models.JSONField(blank=True, default=list, verbose_name='phones')),
                ('whatsapp', models.CharField(blank=True, max_length=20, verbose_name='WhatsApp')),
                ('wechat', models.CharField(blank=True, max_length=60, verbose_name='WeChat')),
                ('skype', models.CharField(blank=True, max_length=80, verbose_name='Skype')),
                ('linkedin', models.CharField(blank=True, max_length=200, verbose_name='LinkedIn')),
                ('is_primary', models.BooleanField(default=False, verbose_name='primary contact')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='crm.customer')),
            ],
            options={
                'ordering': ['-is_primary', 'name'],
            },
        ),
        migrations.CreateModel(
            name='CustomerGrade',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('code', models.CharField(max_length=10, verbose_name='grade')),
                ('name', models.CharField(blank=True, max_length=60, verbose_name='name')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('follow_up_days', models.PositiveSmallIntegerField(default=14, verbose_name='follow up every (days)')),
                ('auto_return_days', models.PositiveSmallIntegerField(blank=True, help_text='Empty: never.', null=True, verbose_name='back to the pool after (days without follow-up)')),
                ('max_private', models.PositiveIntegerField(blank=True, help_text='Empty: no limit.', null=True, verbose_name='private customers of this grade per rep')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'code'],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'code'), name='grade_unique_code')],
            },
        ),
        migrations.AddField(
            model_name='customer',
            name='grade',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.customergrade'),
        ),
        migrations.CreateModel(
            name='CustomerKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=10)),
                ('value', models.CharField(max_length=200)),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='keys', to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'indexes': [models.Index(fields=['workspace', 'kind', 'value'], name='customer_key_lookup')],
                'constraints': [models.UniqueConstraint(fields=('customer', 'kind', 'value'), name='customer_key_unique')],
            },
        ),
        migrations.CreateModel(
            name='CustomerMerge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('merged_public_id', models.UUIDField()),
                ('merged_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('moved', models.JSONField(default=dict)),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('survivor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='merges', to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
        ),
        migrations.CreateModel(
            name='CustomerNameToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=60)),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='name_tokens', to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'indexes': [models.Index(fields=['workspace', 'token'], name='customer_token_lookup')],
                'constraints': [models.UniqueConstraint(fields=('customer', 'token'), name='customer_token_unique')],
            },
        ),
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=40, verbose_name='name')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'name'), name='crm_tag_unique_name')],
            },
        ),
        migrations.CreateModel(
            name='CustomerTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='crm.tag')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('customer', 'tag'), name='customer_tag_unique')],
            },
        ),
        migrations.AddField(
            model_name='customer',
            name='tags',
            field=models.ManyToManyField(blank=True, related_name='customers', through='crm.CustomerTag', to='crm.tag'),
        ),
        migrations.CreateModel(
            name='TimelineEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('channel', models.CharField(choices=[('note', 'Note'), ('call', 'Call'), ('email', 'E-mail'), ('meeting', 'Meeting / video call'), ('visit', 'Visit'), ('whatsapp', 'WhatsApp'), ('wechat', 'WeChat'), ('ownership', 'Ownership change'), ('merge', 'Merge'), ('system', 'System')], max_length=12, verbose_name='channel')),
                ('at', models.DateTimeField(verbose_name='when')),
                ('summary', models.TextField(verbose_name='summary')),
                ('outcome', models.CharField(blank=True, max_length=300, verbose_name='outcome')),
                ('next_step', models.CharField(blank=True, max_length=300, verbose_name='next step')),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.contact')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='crm.customer')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['customer', '-at'], name='timeline_customer_at')],
            },
        ),
        migrations.CreateModel(
            name='Cooldown',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('until', models.DateTimeField()),
                ('membership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cooldowns', to='crm.customer')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('customer', 'membership'), name='cooldown_unique')],
            },
        ),
    ]
