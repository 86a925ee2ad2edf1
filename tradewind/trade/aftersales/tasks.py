from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.trade.aftersales.services import follow_ups_plan


@db_periodic_task(crontab(minute="29"))
def plan_follow_ups():
    """Hourly: the follow-ups with buyers whose shipments arrived N days ago (in their workspace's day)."""
    follow_ups_plan()
