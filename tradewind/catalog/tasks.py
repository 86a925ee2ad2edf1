"""Worker jobs of the catalog (huey finds them as this app's `tasks` module): checking and importing
spreadsheets of products and prices."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradewind.catalog.models import CatalogImport
from tradewind.catalog.services import imports


@db_task()
def catalog_import_check_task(job_id: int):
    imports.catalog_import_check(job_id)


@db_task()
def catalog_import_run_task(job_id: int):
    imports.catalog_import_run(job_id)


@db_periodic_task(crontab(minute="*/5"))
def catalog_imports_resume_stalled():
    """A worker that stopped mid-way (restart, crash) leaves its job checking or importing: carry on."""
    for job_id, status in imports.catalog_imports_stalled():
        if status == CatalogImport.Status.CHECKING:
            imports.catalog_import_check(job_id)
        else:
            imports.catalog_import_run(job_id)
