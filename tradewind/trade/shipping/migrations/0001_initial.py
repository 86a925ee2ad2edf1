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
            name='Shipment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.CharField(max_length=48, verbose_name='number')),
                ('sequence', models.PositiveSmallIntegerField(default=1)),
                ('mode', models.CharField(choices=[('sea_fcl', 'Sea, full container (FCL)'), ('sea_lcl', 'Sea, less than container (LCL)'), ('air', 'Air'), ('rail', 'Rail'), ('express', 'Express courier')], default='sea_fcl', max_length=10, verbose_name='mode')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('booked', 'Booked'), ('shipped', 'Shipped'), ('arrived', 'Arrived'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status')),
                ('forwarder', models.CharField(blank=True, max_length=200, verbose_name='freight forwarder')),
                ('booking_number', models.CharField(blank=True, max_length=60, verbose_name='booking number')),
                ('vessel', models.CharField(blank=True, max_length=120, verbose_name='vessel or flight')),
                ('voyage', models.CharField(blank=True, max_length=40, verbose_name='voyage')),
                ('port_of_loading', models.CharField(blank=True, max_length=5, verbose_name='port of loading (UN/LOCODE)')),
                ('port_of_discharge', models.CharField(blank=True, max_length=5, verbose_name='port of discharge (UN/LOCODE)')),
                ('etd', models.DateField(blank=True, null=True, verbose_name='ETD')),
                ('eta', models.DateField(blank=True, null=True, verbose_name='ETA')),
                ('atd', models.DateField(blank=True, null=True, verbose_name='sailed (ATD)')),
                ('ata', models.DateField(blank=True, null=True, verbose_name='arrived (ATA)')),
                ('delivered_on', models.DateField(blank=True, null=True, verbose_name='delivered to the buyer')),
                ('bl_number', models.CharField(blank=True, max_length=60, verbose_name='B/L or AWB number')),
                ('bl_date', models.DateField(blank=True, null=True, verbose_name='B/L date')),
                ('release_status', models.CharField(choices=[('not_released', 'Not released'), ('originals_sent', 'Original B/L sent'), ('telex_released', 'Telex released'), ('waybill', 'Waybill (no release needed)')], default='not_released', max_length=16, verbose_name='release')),
                ('released_at', models.DateTimeField(blank=True, null=True)),
                ('release_override_reason', models.TextField(blank=True)),
                ('cartons', models.PositiveIntegerField(default=0)),
                ('gross_kg', models.DecimalField(decimal_places=2, default=0, max_digits=14)),
                ('cbm', models.DecimalField(decimal_places=4, default=0, max_digits=12)),
                ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shipments', to='trade.order')),
                ('released_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['order_id', 'sequence'],
                'indexes': [models.Index(fields=['workspace', 'status', 'etd'], name='shipment_by_etd'), models.Index(fields=['workspace', 'eta'], name='shipment_by_eta')],
                'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='shipment_unique_number'), models.UniqueConstraint(fields=('order', 'sequence'), name='shipment_unique_sequence')],
            },
        ),
        migrations.CreateModel(
            name='Container',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('container_type', models.CharField(choices=[('20GP', "20' general purpose (20GP)"), ('40GP', "40' general purpose (40GP)"), ('40HQ', "40' high cube (40HQ)"), ('45HQ', "45' high cube (45HQ)"), ('20RF', "20' reefer (20RF)"), ('40RH', "40' high cube reefer (40RH)"), ('LCL', 'LCL (less than container load)')], max_length=5, verbose_name='type')),
                ('number', models.CharField(blank=True, max_length=11, verbose_name='container number')),
                ('seal_number', models.CharField(blank=True, max_length=40, verbose_name='seal number')),
                ('cartons', models.PositiveIntegerField(default=0, verbose_name='cartons')),
                ('gross_kg', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='gross weight (kg)')),
                ('cbm', models.DecimalField(decimal_places=4, default=0, max_digits=12, verbose_name='volume (CBM)')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                ('shipment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='containers', to='shipping.shipment')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ShipmentLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('quantity', models.DecimalField(decimal_places=3, max_digits=14, verbose_name='quantity')),
                ('cartons', models.PositiveIntegerField(blank=True, null=True, verbose_name='cartons')),
                ('order_line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shipped', to='trade.orderline')),
                ('shipment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='shipping.shipment')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['order_line__position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('shipment', 'order_line'), name='shipment_line_unique')],
            },
        ),
    ]
