"""The order workflow's URLs in the outsider matrix (tests/test_tenancy.py): the victim's confirmed order
is in fulfilment; its first stage, a step of it and a stage of the template are named."""

from tradewind.trade.workflow.models import OrderStage, WorkflowStage

CASES = {
    "workflow:board": "404",
    "workflow:list": "404",
    "workflow:mine": "404",
    "workflow:settings": "404",
    "workflow:stage_add": "404",
    "workflow:stage_update": "404",
    "workflow:stage_delete": "404",
    "workflow:stage_move": "404",
    "workflow:start": "404",
    "workflow:team": "404",
    "workflow:stage_complete": "404",
    "workflow:item_toggle": "404",
    "api:fulfilment_list": "404",
    "api:fulfilment_board": "404",
    "api:fulfilment_detail": "404",
    "api:fulfilment_start": "404",
    "api:fulfilment_team": "404",
    "api:stage_complete": "404",
    "api:stage_item": "404",
    "api:workflow_template": "404",
    "api:workflow_stage_add": "404",
    "api:workflow_stage_update": "404",
    "api:workflow_stage_delete": "404",
    "api:workflow_stage_move": "404",
    "api:workflow_team_defaults": "404",
    "api:workflow_team_defaults_set": "404",
}
PARAMS = {"stage_id": "stage_id", "stage_item_id": "stage_item_id", "workflow_stage_id": "workflow_stage_id"}


def build(*, owner, member, customer, order, product) -> dict:
    stage = OrderStage.objects.filter(fulfilment__order=order).order_by("position").first()
    template_stage = WorkflowStage.objects.filter(workspace=owner.workspace).order_by("position").first()
    WorkflowStage.objects.filter(pk=template_stage.pk).update(name="Deposit ZZ-SECRET-MARKER-7731")
    return {
        "stage_id": stage.public_id,
        "stage_item_id": stage.items.first().public_id,
        "workflow_stage_id": template_stage.public_id,
    }
