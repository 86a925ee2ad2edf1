from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowAuditAction(models.TextChoices):
    STAGE_CHANGED = "workflow_stage_changed", _("Changed a stage of the order workflow")
    STAGE_ADDED = "workflow_stage_added", _("Added a stage to the order workflow")
    STAGE_DELETED = "workflow_stage_deleted", _("Deleted a stage of the order workflow")
    TEAM_DEFAULTS_CHANGED = "order_team_defaults_changed", _("Changed who takes each job on new orders")
    STAGE_OVERRIDDEN = "order_stage_overridden", _("Completed an order's stage with its checklist open")
