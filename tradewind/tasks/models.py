from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import SubjectMixin, WorkspaceOwnedModel
from tradewind.tasks.choices import CLOSED_STATUSES, Priority, Recurrence, TaskStatus


class Board(WorkspaceOwnedModel):
    """A group of tasks: a trade fair, a key account, a product launch."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="board_unique_name")]

    def __str__(self):
        return self.name


class BoardTaskCount(models.Model):
    """How many of a board's tasks are in each status, kept by the task services as tasks are made and
    moved (tasks/counts.py): the board list's progress without counting 10,000 tasks a board on every
    visit (28 ms of PostgreSQL a page at 200,000 tasks: the load bench's heaviest query)."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "status"], name="board_task_count_unique"),
        ]

    def __str__(self):
        return f"{self.count} {self.status} on board {self.board_id}"


class Label(WorkspaceOwnedModel):
    name = models.CharField(_("name"), max_length=40)
    color = models.CharField(_("colour"), max_length=7, default="#5f6b7a")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="label_unique_name")]

    def __str__(self):
        return self.name


class Task(SubjectMixin, WorkspaceOwnedModel):
    number = models.PositiveIntegerField(_("number"))
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.TODO)
    blocked_reason = models.CharField(_("blocked because"), max_length=300, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    assignee = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
    )
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The due date is what the user typed, in the assignee's zone; due_at is that moment in UTC (end of the
    # day when there is no time), recomputed when the date, the time or the assignee changes.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_time = models.TimeField(_("due time"), null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    position = models.FloatField(default=0)  # order inside a board column
    completed_at = models.DateTimeField(null=True, blank=True)
    # Repeating tasks: every occurrence of a series shares series_id; one occurrence per date, ever.
    recurrence = models.CharField(_("repeat"), max_length=10, choices=Recurrence.choices, blank=True)
    recurrence_weekdays = models.CharField(max_length=20, blank=True)  # "0,2,4" = Mon, Wed, Fri
    recurrence_month_day = models.PositiveSmallIntegerField(null=True, blank=True)
    series_id = models.UUIDField(null=True, blank=True)
    watchers = models.ManyToManyField(
        "workspaces.Membership", through="TaskWatcher", related_name="watched_tasks", blank=True
    )
    labels = models.ManyToManyField(Label, through="TaskLabel", related_name="tasks", blank=True)

    class Meta:
        ordering = ["position", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="task_unique_number"),
            models.UniqueConstraint(
                fields=["series_id", "due_date"],
                condition=Q(series_id__isnull=False),
                name="task_one_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "assignee", "status", "due_at"], name="task_my_work"),
            models.Index(fields=["workspace", "board", "status", "position"], name="task_board"),
            models.Index(fields=["workspace", "status", "due_at"], name="task_due"),
            # Board progress counts (done / total / overdue) straight from the index.
            models.Index(fields=["board", "status", "due_at"], name="task_board_progress"),
            # The tasks about a customer (or, later, an order) on its page, in the order shown: without
            # the order in the index SQLite walks the workspace's tasks by task_due instead.
            models.Index(
                fields=["workspace", "subject_kind", "subject_id", "status", "due_at"], name="task_subject"
            ),
        ]

    def __str__(self):
        return f"T-{self.number} {self.title}"

    @property
    def code(self) -> str:
        return f"T-{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()


class TaskWatcher(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "membership"], name="task_watcher_unique")]

    def __str__(self):
        return f"{self.membership_id} watches {self.task_id}"


class TaskLabel(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    label = models.ForeignKey(Label, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "label"], name="task_label_unique")]

    def __str__(self):
        return f"{self.label_id} on {self.task_id}"


class ChecklistItem(WorkspaceOwnedModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("item"), max_length=300)
    is_done = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text


class TaskComment(WorkspaceOwnedModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    mentions = models.ManyToManyField(
        "workspaces.Membership", through="TaskMention", related_name="+", blank=True
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]


class TaskMention(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(TaskComment, on_delete=models.CASCADE)
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "membership"], name="task_mention_unique")]

    def __str__(self):
        return f"@{self.membership_id} in {self.comment_id}"


def attachment_path(instance, filename):
    # Where attachments were kept before they became stored files; migration 0001 still names it.
    return f"w/{instance.workspace_id}/tasks/{instance.task_id}/{instance.public_id.hex}"


class AttachmentManager(models.Manager):
    def get_queryset(self):
        # Name, size and type live on the stored file: a list of attachments needs them all.
        return super().get_queryset().select_related("file")


class TaskAttachment(WorkspaceOwnedModel):
    """A file attached to a task: the task's link to a stored file (files.StoredFile holds the facts)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    # PROTECT: a file is deleted through its attachment, never from under it.
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="task_attachments")

    objects = AttachmentManager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.file.original_name

    @property
    def size(self) -> int:
        return self.file.size

    @property
    def content_type(self) -> str:
        return self.file.content_type
