"""Worker jobs of the mail app (huey finds them as this app's `tasks` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task
from huey.exceptions import TaskLockedException

from tradewind.mail.choices import SyncState
from tradewind.mail.models import Mailbox
from tradewind.mail.services.sending import mail_send, mail_send_due
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


@db_task()
def mail_send_one(mail_id: int):
    """An e-mail written to go now."""
    mail_send(mail_id=mail_id)


@db_periodic_task(crontab(minute="*"))
def mail_send_scheduled():
    """Every minute: the e-mails whose moment has come (09:30 at the buyer's), and any a dead worker left."""
    mail_send_due()
