"""Worker jobs of shipping documents (huey finds them as this app's `tasks` module)."""

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradewind.trade.shipdocs.services import documents_follow_shipments, documents_resync_open

EVERY_MINUTES = 10


@db_task()
def documents_resync_task(workspace_id: int):
    """A rule or the origin table changed: the open shipments' checklists follow."""
    documents_resync_open(workspace_id)


@db_periodic_task(crontab(minute=f"*/{EVERY_MINUTES}"))
def documents_follow_shipments_task():
    """Shipments logistics made or changed lately get their checklist from the rules (the overlap with the
    last pass costs nothing: the sync changes only what differs)."""
    documents_follow_shipments(since=timezone.now() - dt.timedelta(minutes=2 * EVERY_MINUTES))
