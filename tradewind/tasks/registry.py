"""What the tasks app plugs into shared machinery: notification kinds, reminder handlers, subject kinds."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.choices import EmailMode
from tradewind.notifications.kinds import notification_kind_register
from tradewind.notifications.reminders import reminder_dedupe_key, reminder_kind_register
from tradewind.notifications.services import notify

notification_kind_register("tasks.assigned", gettext_lazy("A task is assigned to you"))
notification_kind_register("tasks.mentioned", gettext_lazy("You are mentioned in a comment"))
notification_kind_register(
    "tasks.comment", gettext_lazy("Comment on a task you watch"), default_email=EmailMode.DIGEST
)
notification_kind_register(
    "tasks.status", gettext_lazy("Status change of a task you watch"), default_email=EmailMode.DIGEST
)
notification_kind_register("tasks.due_soon", gettext_lazy("Your task is due soon"))
notification_kind_register("tasks.overdue", gettext_lazy("Your task is overdue"))


def _task_for_reminder(reminder):
    from tradewind.tasks import dates
    from tradewind.tasks.models import Task

    task = (
        Task.objects.select_related("workspace", "assignee__user", "assignee__workspace")
        .filter(public_id=reminder.target_id)
        .first()
    )
    if task is None or not task.is_open or task.assignee is None:
        return None
    # The plan may have changed since this row was written (new date, new assignee in another zone).
    planned = dates.reminder_moments(task, lead_hours=task.workspace.task_reminder_lead_hours)
    return task if planned.get(reminder.kind) == reminder.fire_at else None


def _reminder_handler(notification_kind: str, title):
    def handler(reminder):
        from tradewind.tasks.services import task_url

        task = _task_for_reminder(reminder)
        if task is None:
            return
        notify(
            recipients=[task.assignee],
            kind=notification_kind,
            title=lambda: title() % {"task": str(task)},
            message=lambda: _("Due %(due)s") % {"due": task.due_date.isoformat()},
            url=task_url(task),
            subject=("tasks.task", task.public_id),
            dedupe_key=reminder_dedupe_key(reminder),
        )

    return handler


reminder_kind_register(
    "tasks.due_soon", _reminder_handler("tasks.due_soon", lambda: _("%(task)s is due soon"))
)
reminder_kind_register("tasks.due_now", _reminder_handler("tasks.due_soon", lambda: _("%(task)s is due now")))
reminder_kind_register("tasks.overdue", _reminder_handler("tasks.overdue", lambda: _("%(task)s is overdue")))


def _resolve_task(membership, public_id):
    from tradewind.tasks.models import Task

    task = Task.objects.filter(workspace=membership.workspace, public_id=public_id).first()
    if task is None:
        return None
    return str(task), f"/w/{membership.workspace.slug}/tasks/{task.public_id}/"


def _resolve_board(membership, public_id):
    from tradewind.tasks.models import Board

    board = Board.objects.filter(workspace=membership.workspace, public_id=public_id).first()
    if board is None:
        return None
    return board.name, f"/w/{membership.workspace.slug}/boards/{board.public_id}/"


subject_kind_register("tasks.task", gettext_lazy("Task"), _resolve_task)
subject_kind_register("tasks.board", gettext_lazy("Board"), _resolve_board)
