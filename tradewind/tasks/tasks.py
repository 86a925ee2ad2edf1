from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.tasks.services import tasks_repeat_due


@db_periodic_task(crontab(minute="7"))
def repeat_tasks():
    """Hourly: a repeating task whose date has come gets its next occurrence (at most once, see the model)."""
    tasks_repeat_due()
