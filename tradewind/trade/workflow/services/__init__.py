"""The order workflow's services. Other apps call `fulfilment_flags_set` for the board's flags."""

from tradewind.trade.workflow.services.flags import fulfilment_flags_set
from tradewind.trade.workflow.services.fulfilment import (
    fulfilment_start,
    fulfilment_stop,
    fulfilment_team_set,
    stage_complete,
    stage_item_toggle,
)
from tradewind.trade.workflow.services.sla import stages_late_tell
from tradewind.trade.workflow.services.templates import (
    team_defaults_set,
    workflow_stage_add,
    workflow_stage_delete,
    workflow_stage_move,
    workflow_stage_update,
    workflow_template_ensure,
)

__all__ = [
    "fulfilment_flags_set",
    "fulfilment_start",
    "fulfilment_stop",
    "fulfilment_team_set",
    "stage_complete",
    "stage_item_toggle",
    "stages_late_tell",
    "team_defaults_set",
    "workflow_stage_add",
    "workflow_stage_delete",
    "workflow_stage_move",
    "workflow_stage_update",
    "workflow_template_ensure",
]
