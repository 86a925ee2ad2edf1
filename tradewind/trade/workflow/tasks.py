from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.trade.workflow.services import stages_late_tell


@db_periodic_task(crontab(minute="*/15"))
def tell_late_stages():
    """Every 15 minutes: stages that passed their target are flagged and their owners told, once."""
    stages_late_tell()
