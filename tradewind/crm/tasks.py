from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.crm.services import customers_auto_return, follow_ups_remind


@db_periodic_task(crontab(minute="*/15"))
def remind_follow_ups():
    """Every quarter hour: members whose morning has come hear of their due and overdue follow-ups."""
    follow_ups_remind()


@db_periodic_task(crontab(minute="23"))
def return_neglected_customers():
    """Hourly: warn owners, then return customers nobody followed up to the pool."""
    customers_auto_return()
