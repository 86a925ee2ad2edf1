"""Worker jobs for stored files (huey finds them as this app's `tasks` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradewind.files.services import stored_files_sweep


@db_periodic_task(crontab(minute="41", hour="3"))
def sweep_unused_files():
    """Nightly: files nothing points at any more (their task was deleted) are deleted, content too."""
    stored_files_sweep()
