"""Worker jobs for customer imports (huey finds them as this app's `tasks` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradewind.crm.imports import services


@db_task()
def import_run_task(job_id: int):
    services.import_run(job_id)


@db_task()
def import_analyse_task(job_id: int):
    services.import_analyse(job_id)


@db_task()
def import_inspect_task(job_id: int):
    services.import_inspect(job_id)


@db_periodic_task(crontab(minute="*/5"))
def imports_resume_stalled():
    """A worker that stopped mid-import (restart, crash) leaves its job 'importing': carry on with it;
    one that stopped reading a new file leaves it 'analysing': read it again."""
    for job_id in services.imports_stalled():
        services.import_run(job_id)
    for job_id in services.imports_analysing_stalled():
        services.import_inspect(job_id)
