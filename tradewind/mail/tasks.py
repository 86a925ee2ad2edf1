"""Worker jobs of the mail app (huey finds them as this app's `tasks` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task
from huey.exceptions import TaskLockedException

from tradewind.mail.choices import SyncState
from tradewind.mail.models import Mailbox
from tradewind.mail.services.sync import mailbox_sync


@db_task()
def mail_sync(mailbox_id: int):
    """One mailbox now (after it is connected or resumed)."""
    try:
        with lock_task(f"mail-sync-{mailbox_id}"):  # never two passes of one mailbox at once
            mailbox_sync(mailbox_id=mailbox_id)
    except TaskLockedException:
        pass  # a pass is running: it fetches what this one would have


@db_periodic_task(crontab(minute="*/5"))
def mail_sync_all():
    """Every five minutes, each mailbox that is not paused (polling: IDLE would hold a connection per
    mailbox open in the worker)."""
    for pk in Mailbox.objects.exclude(state=SyncState.PAUSED).values_list("pk", flat=True):
        mail_sync(pk)
