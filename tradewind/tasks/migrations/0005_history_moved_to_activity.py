from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tasks", "0004_task_subject_order"), ("activity", "0002_timeline_and_task_history")]

    operations = [migrations.DeleteModel(name="TaskEvent")]
