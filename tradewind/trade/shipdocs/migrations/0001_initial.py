import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0003_imports'),
        ('files', '0001_initial'),
        ('shipping', '0001_initial'),
        ('trade', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('trigger', models.CharField(choices=[('always', 'Every shipment'), ('incoterm', 'Incoterm'), ('payment_method', 'Payment method'), ('destination', 'Destination country'), ('product_category', 'Product category'), ('packing_keyword', 'Word in the goods or packing')], max_length=20, verbose_name='when')),
                ('values', models.JSONField(blank=True, default=list, verbose_name='values')),
                ('kind', models.CharField(choices=[('commercial_invoice', 'Commercial invoice'), ('packing_list', 'Packing list'), ('bill_of_lading', 'Bill of lading / air waybill'), ('export_declaration', 'Export customs declaration (报关单)'), ('insurance_policy', 'Insurance policy'), ('certificate_of_origin', 'Certificate of origin'), ('fumigation_certificate', 'Fumigation certificate (ISPM 15)'), ('inspection_certificate', 'Inspection certificate'), ('delivery_proof', 'Proof of delivery'), ('lc_presentation', 'L/C presentation (draft and covering letter)'), ('other', 'Other')], max_length=30, verbose_name='document')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name on the checklist')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalog.category', verbose_name='product category')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ShipmentDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('kind', models.CharField(choices=[('commercial_invoice', 'Commercial invoice'), ('packing_list', 'Packing list'), ('bill_of_lading', 'Bill of lading / air waybill'), ('export_declaration', 'Export customs declaration (报关单)'), ('insurance_policy', 'Insurance policy'), ('certificate_of_origin', 'Certificate of origin'), ('fumigation_certificate', 'Fumigation certificate (ISPM 15)'), ('inspection_certificate', 'Inspection certificate'), ('delivery_proof', 'Proof of delivery'), ('lc_presentation', 'L/C presentation (draft and covering letter)'), ('other', 'Other')], max_length=30, verbose_name='document')),
                ('rule_key', models.CharField(blank=True, max_length=30)),
                ('source', models.CharField(choices=[('rules', 'The rules'), ('manual', 'Added by hand')], default='rules', max_length=10)),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('origin_type', models.CharField(blank=True, choices=[('general', 'General certificate of origin (CCPIT)'), ('form_e', 'Form E (China–ASEAN)'), ('form_a', 'Form A (GSP)'), ('form_f', 'Form F (China–Chile)'), ('chafta', 'ChAFTA (China–Australia)'), ('rcep', 'RCEP'), ('eur1', 'EUR.1'), ('korea', 'China–Korea FTA'), ('new_zealand', 'China–New Zealand FTA'), ('pakistan', 'Form P (China–Pakistan)'), ('switzerland', 'China–Switzerland FTA'), ('peru', 'China–Peru FTA'), ('none', 'No certificate of origin')], max_length=20, verbose_name='certificate of origin')),
                ('required', models.BooleanField(default=True)),
                ('reasons', models.JSONField(blank=True, default=list)),
                ('status', models.CharField(choices=[('to_prepare', 'To prepare'), ('drafted', 'Drafted'), ('checked', 'Checked'), ('sent_to_buyer', 'Sent to buyer'), ('original_sent', 'Original sent')], default='to_prepare', max_length=20, verbose_name='status')),
                ('status_changed_at', models.DateTimeField(blank=True, null=True)),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='due')),
                ('due_from_lc', models.BooleanField(default=False)),
                ('courier', models.CharField(blank=True, max_length=60, verbose_name='courier')),
                ('tracking_number', models.CharField(blank=True, max_length=60, verbose_name='tracking number')),
                ('originals_sent_on', models.DateField(blank=True, null=True, verbose_name='originals sent on')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership', verbose_name='owner')),
                ('shipment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='shipping.shipment')),
                ('status_changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
                'indexes': [models.Index(fields=['workspace', 'owner', 'status'], name='shipment_document_by_owner'), models.Index(fields=['workspace', 'status', 'due_on'], name='shipment_document_due')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('rule_key', ''), _negated=True), fields=('shipment', 'rule_key'), name='shipment_document_rule_key')],
            },
        ),
        migrations.CreateModel(
            name='DocumentVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.PositiveSmallIntegerField()),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shipment_document_versions', to='files.storedfile')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='shipdocs.shipmentdocument')),
            ],
            options={
                'ordering': ['-number'],
                'constraints': [models.UniqueConstraint(fields=('document', 'number'), name='document_version_unique_number')],
            },
        ),
        migrations.CreateModel(
            name='LetterOfCredit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=60, verbose_name='L/C number')),
                ('issuing_bank', models.CharField(max_length=200, verbose_name='issuing bank')),
                ('advising_bank', models.CharField(blank=True, max_length=200, verbose_name='advising bank')),
                ('issued_on', models.DateField(blank=True, null=True, verbose_name='issued on')),
                ('expiry_date', models.DateField(verbose_name='expiry date')),
                ('latest_shipment_date', models.DateField(blank=True, null=True, verbose_name='latest shipment date')),
                ('presentation_days', models.PositiveSmallIntegerField(default=21, verbose_name='presentation days after the B/L date')),
                ('amount', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='amount')),
                ('documents_required', models.JSONField(blank=True, default=list, verbose_name='documents required')),
                ('notes', models.TextField(blank=True, verbose_name='special conditions')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('order', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='letter_of_credit', to='trade.order')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'indexes': [models.Index(fields=['workspace', 'expiry_date'], name='lc_by_expiry')],
            },
        ),
        migrations.CreateModel(
            name='OriginRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='destination country')),
                ('origin_type', models.CharField(choices=[('general', 'General certificate of origin (CCPIT)'), ('form_e', 'Form E (China–ASEAN)'), ('form_a', 'Form A (GSP)'), ('form_f', 'Form F (China–Chile)'), ('chafta', 'ChAFTA (China–Australia)'), ('rcep', 'RCEP'), ('eur1', 'EUR.1'), ('korea', 'China–Korea FTA'), ('new_zealand', 'China–New Zealand FTA'), ('pakistan', 'Form P (China–Pakistan)'), ('switzerland', 'China–Switzerland FTA'), ('peru', 'China–Peru FTA'), ('none', 'No certificate of origin')], max_length=20, verbose_name='certificate of origin')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['country'],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'country'), name='origin_rule_unique_country')],
            },
        ),
    ]
