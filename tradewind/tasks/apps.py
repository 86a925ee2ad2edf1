from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tradewind.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self):
        from tradewind.tasks import registry  # noqa: F401 - registers notification kinds, subjects, reminders
