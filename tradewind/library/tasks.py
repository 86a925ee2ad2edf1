"""Worker jobs of the library (huey finds them as this app's `tasks` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradewind.library.services import library_trash_empty
from tradewind.library.services.documents import document_version_read, document_versions_read_late
from tradewind.workspaces.models import Workspace


@db_periodic_task(crontab(minute="17", hour="3"))
def empty_library_trash():
    """Nightly, before the files' sweep (03:41): what has been in a workspace's trash longer than it keeps
    things is deleted for good; the sweep then deletes the files nothing holds any more."""
    for workspace in Workspace.objects.iterator():
        library_trash_empty(workspace=workspace)
    document_versions_read_late()  # and any text the queue lost


@db_task()
def library_text_read(version_id: int):
    """Queued after an upload is committed: the text inside the file, for search."""
    document_version_read(version_id=version_id)
