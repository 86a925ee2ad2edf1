from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("crm", "0013_customer_search_index"), ("activity", "0002_timeline_and_task_history")]

    operations = [migrations.DeleteModel(name="TimelineEntry")]
