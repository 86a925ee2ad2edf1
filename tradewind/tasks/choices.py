from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED)
CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class Recurrence(models.TextChoices):
    NONE = "", _("Does not repeat")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly on chosen days")
    MONTHLY = "monthly", _("Monthly on a day")


class TaskEventKind(models.TextChoices):
    CREATED = "created", _("created the task")
    TITLE = "title", _("renamed the task")
    DESCRIPTION = "description", _("changed the description")
    ASSIGNED = "assigned", _("changed the assignee")
    STATUS = "status", _("changed the status")
    PRIORITY = "priority", _("changed the priority")
    DUE = "due", _("changed the due date")
    BOARD = "board", _("moved the task to another board")
    COMMENT = "comment", _("commented")
    CHECKLIST = "checklist", _("changed the checklist")
    ATTACHMENT = "attachment", _("attached a file")
    WATCHERS = "watchers", _("changed the watchers")
    LABELS = "labels", _("changed the labels")
    SUBJECT = "subject", _("linked a record")
