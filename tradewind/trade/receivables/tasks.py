from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.trade.receivables.services import milestone_due_dates_refresh_all, receivables_overdue_check


@db_periodic_task(crontab(minute="41"))
def receivables_hourly():
    """Hourly: the milestones' due dates follow the shipments (in case shipping did not say), then whoever
    must hear of an overdue payment hears — in each workspace's own day."""
    milestone_due_dates_refresh_all()
    receivables_overdue_check()
