"""What the tasks app plugs into shared machinery: notification kinds, reminder handlers, subject kinds."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.choices import EmailMode
from tradewind.notifications.kinds import notification_kind_register
from tradewind.notifications.reminders import reminder_dedupe_key, reminder_kind_register
from tradewind.notifications.services import notify
from tradewind.tasks.history import task_history_kinds_register

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


def _resolve_tasks(membership, ids):
    from django.urls import reverse

    from tradewind.tasks.models import Task

    slug = membership.workspace.slug
    tasks = Task.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids)
    return {t.public_id: (str(t), reverse("tasks:detail", args=[slug, t.public_id])) for t in tasks}


def _resolve_boards(membership, ids):
    from django.urls import reverse

    from tradewind.tasks.models import Board

    slug = membership.workspace.slug
    boards = Board.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids)
    return {b.public_id: (b.name, reverse("tasks:board", args=[slug, b.public_id])) for b in boards}


subject_kind_register("tasks.task", gettext_lazy("Task"), _resolve_tasks)
subject_kind_register("tasks.board", gettext_lazy("Board"), _resolve_boards)

task_history_kinds_register()


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.tasks import permissions

    navigation_entry_register("tasks", gettext_lazy("Tasks"), "tasks:my_work", 20, app="tasks")
    navigation_flag_register("workload", permissions.can_view_workload)
    navigation_flag_register("tasks_edit", permissions.can_edit_tasks)


_navigation()


def _attachment_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    # The task page's upload form and the API's upload (its path is named by the list operation).
    for view_name in ("tasks:attachment_upload", "api:task_attachment_list", "api:task_attachment_add"):
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_attachment_routes()
