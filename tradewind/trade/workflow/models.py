"""The order's way from confirmation to closing (跟单): a workspace's workflow template, each confirmed
order's stages with their owner, checklist and SLA, and the order's team.

`Fulfilment` is one row per confirmed order: who does which job on it (merchandiser, documents clerk,
logistics, finance, customer service — the sales rep is the order's owner) and the flags the order board
filters on (the current stage, at risk, a stage late, a payment overdue, the next ETD). Other fulfilment apps
set those flags through this app's services, never by writing the row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.workspaces.choices import Role

# The jobs a stage can belong to; "sales" is the order's owner (the rep who sold it).
STAGE_ROLES = (Role.SALES, Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.FINANCE, Role.SERVICE)
TEAM_ROLES = (Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.FINANCE, Role.SERVICE)


def _member(label):
    return models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=label,
    )


class TeamDefaults(models.Model):
    """Who takes each job on a new order unless the order names someone else."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    merchandiser = _member(_("merchandiser"))
    documents = _member(_("documents clerk"))
    logistics = _member(_("logistics"))
    finance = _member(_("finance"))
    service = _member(_("customer service"))

    def __str__(self):
        return f"order team defaults of {self.workspace_id}"


class WorkflowTemplate(WorkspaceOwnedModel):
    """The stages a confirmed order goes through. One per workspace today (`is_default`)."""

    name = models.CharField(_("name"), max_length=120)
    is_default = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class WorkflowStage(WorkspaceOwnedModel):
    template = models.ForeignKey(WorkflowTemplate, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(default=0)
    # A stable name other apps refer to ("booking": a failed inspection blocks it); unique per template.
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    owner_role = models.CharField(
        _("owner role"), max_length=20, choices=[(r.value, r.label) for r in STAGE_ROLES]
    )
    checklist = models.JSONField(_("checklist"), default=list, blank=True)  # ["Deposit matched to the PI", …]
    sla_days = models.PositiveSmallIntegerField(_("target duration (days)"), null=True, blank=True)
    # May run beside the next stage: the next one starts when this one starts (QC beside booking).
    parallel = models.BooleanField(_("may run beside the next stage"), default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="workflow_stage_unique_key")]

    def __str__(self):
        return self.name


class StageStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACTIVE = "active", _("In progress")
    DONE = "done", pgettext_lazy("stage", "Done")


class Fulfilment(WorkspaceOwnedModel):
    order = models.OneToOneField("trade.Order", on_delete=models.CASCADE, related_name="fulfilment")
    template = models.ForeignKey(WorkflowTemplate, null=True, on_delete=models.SET_NULL, related_name="+")
    merchandiser = _member(_("merchandiser"))
    documents = _member(_("documents clerk"))
    logistics = _member(_("logistics"))
    finance = _member(_("finance"))
    service = _member(_("customer service"))
    # The board's column: the first stage not done ("" before the first starts; "closed" at the end).
    stage_key = models.CharField(max_length=40, blank=True)
    stage_name = models.CharField(max_length=120, blank=True)
    stage_position = models.PositiveSmallIntegerField(default=0)
    at_risk = models.BooleanField(default=False)
    risk_reason = models.CharField(max_length=300, blank=True)
    late = models.BooleanField(default=False)  # an active stage is past its SLA
    payment_overdue = models.BooleanField(default=False)
    next_etd = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "stage_position", "-id"], name="fulfilment_by_stage"),
            # The board: the running orders counted per stage, and each column's first cards.
            models.Index(
                fields=["workspace", "stage_key", "stage_position", "-id"],
                name="fulfilment_running",
                condition=models.Q(closed_at__isnull=True),
            ),
            models.Index(fields=["workspace", "merchandiser", "stage_position"], name="fulfilment_by_merch"),
            models.Index(fields=["workspace", "logistics", "stage_position"], name="fulfilment_by_logistics"),
            models.Index(fields=["workspace", "documents", "stage_position"], name="fulfilment_by_documents"),
            models.Index(fields=["workspace", "finance", "stage_position"], name="fulfilment_by_finance"),
            models.Index(fields=["workspace", "next_etd"], name="fulfilment_by_etd"),
        ]

    def __str__(self):
        return f"fulfilment of order {self.order_id}"


class OrderStage(WorkspaceOwnedModel):
    """A stage of one order, copied from the template when the order started (a later template edit does
    not rewrite running orders)."""

    fulfilment = models.ForeignKey(Fulfilment, on_delete=models.CASCADE, related_name="stages")
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    owner_role = models.CharField(max_length=20)
    owner = _member(_("owner"))  # who held the role when the stage started
    sla_days = models.PositiveSmallIntegerField(null=True, blank=True)
    parallel = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=StageStatus.choices, default=StageStatus.WAITING)
    started_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = _member(_("completed by"))
    override_reason = models.TextField(blank=True)  # completed with its checklist open, and why
    late_told_at = models.DateTimeField(null=True, blank=True)
    task = models.ForeignKey("tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fulfilment", "key"], name="order_stage_unique_key"),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="order_stage_due")]

    def __str__(self):
        return self.name


class StageItem(WorkspaceOwnedModel):
    """One line of a stage's procedure on one order."""

    stage = models.ForeignKey(OrderStage, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = _member(_("done by"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text
