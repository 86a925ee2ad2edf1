import django.db.models.deletion
import django.db.models.functions.text
import tradewind.core.money
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('files', '0001_initial'),
        ('workspaces', '0005_audit_actions_registered'),
    ]

    operations = [
        migrations.CreateModel(
            name='Category',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=80, verbose_name='name')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Product',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('sku', models.CharField(max_length=64, verbose_name='SKU')),
                ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name in English')),
                ('name_zh', models.CharField(blank=True, max_length=200, verbose_name='name in Chinese')),
                ('names', models.JSONField(blank=True, default=dict, verbose_name='names in other languages')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('specs', models.JSONField(blank=True, default=list, verbose_name='specifications')),
                ('hs_code', models.CharField(blank=True, max_length=10, verbose_name='HS code')),
                ('unit', models.CharField(choices=[('pcs', 'pieces'), ('sets', 'sets'), ('pairs', 'pairs'), ('dozens', 'dozens'), ('cartons', 'cartons'), ('rolls', 'rolls'), ('kg', 'kg'), ('t', 'tonnes'), ('m', 'metres'), ('m2', 'm²'), ('m3', 'm³'), ('l', 'litres')], default='pcs', max_length=10, verbose_name='unit')),
                ('moq', models.PositiveIntegerField(blank=True, null=True, verbose_name='MOQ')),
                ('lead_time_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='lead time (days)')),
                ('units_per_carton', models.PositiveIntegerField(blank=True, null=True, verbose_name='units per carton')),
                ('carton_length_cm', models.DecimalField(decimal_places=1, max_digits=6, null=True, verbose_name='carton length (cm)')),
                ('carton_width_cm', models.DecimalField(decimal_places=1, max_digits=6, null=True, verbose_name='carton width (cm)')),
                ('carton_height_cm', models.DecimalField(decimal_places=1, max_digits=6, null=True, verbose_name='carton height (cm)')),
                ('carton_net_kg', models.DecimalField(decimal_places=2, max_digits=8, null=True, verbose_name='net weight per carton (kg)')),
                ('carton_gross_kg', models.DecimalField(decimal_places=2, max_digits=8, null=True, verbose_name='gross weight per carton (kg)')),
                ('cost_amount', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='cost price')),
                ('cost_currency', models.CharField(blank=True, max_length=3, validators=[tradewind.core.money.validate_currency], verbose_name='currency')),
                ('status', models.CharField(choices=[('active', 'Active'), ('discontinued', 'Discontinued')], default='active', max_length=20, verbose_name='status')),
                ('search_text', models.TextField(blank=True, editable=False)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='products', to='catalog.category')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workspaces.membership')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['sku'],
                'indexes': [models.Index(fields=['workspace', 'sku'], name='product_by_sku'), models.Index(fields=['workspace', 'status', 'category'], name='product_filters')],
            },
        ),
        migrations.CreateModel(
            name='ProductPhoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('file', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='product_photos', to='files.storedfile')),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='catalog.product')),
                ('thumbnail', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='product_thumbnails', to='files.storedfile')),
                ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='category',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower('name'), name='category_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='product',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower('sku'), name='product_unique_sku'),
        ),
    ]
