from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.trade.services import quotations_expire, quotations_remind_expiry


@db_periodic_task(crontab(minute="17"))
def expire_quotations():
    """Hourly: sent quotations past their validity (in their workspace's day) become expired, and reps hear
    of the ones about to."""
    quotations_expire()
    quotations_remind_expiry()
