"""Look-ups inside the member's workspace: a stage or checklist line of an order the member may not see,
or of another workspace, is a 404 (DESIGN §3.4)."""

from django.http import Http404

from tradewind.trade.access import access_order
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageItem


def access_fulfilment(membership, order_id) -> Fulfilment:
    order = access_order(membership, order_id)
    fulfilment = (
        Fulfilment.objects.filter(order=order).select_related("order__customer", "order__workspace").first()
    )
    if fulfilment is None:
        raise Http404
    return fulfilment


def access_stage(membership, order_id, stage_id) -> OrderStage:
    fulfilment = access_fulfilment(membership, order_id)
    stage = OrderStage.objects.filter(fulfilment=fulfilment, public_id=stage_id).first()
    if stage is None:
        raise Http404
    stage.fulfilment = fulfilment
    return stage


def access_item(membership, order_id, stage_id, item_id) -> StageItem:
    stage = access_stage(membership, order_id, stage_id)
    item = StageItem.objects.filter(stage=stage, public_id=item_id).first()
    if item is None:
        raise Http404
    item.stage = stage
    return item
