"""The order page's stages panel: where the order stands, who has each stage, its procedure, and the
buttons for those whose work it is."""

from __future__ import annotations

from django.utils import timezone

from tradewind.trade.choices import OrderStatus
from tradewind.trade.workflow import permissions, selectors
from tradewind.trade.workflow.forms import JOB_LABELS, TeamForm
from tradewind.trade.workflow.gates import stage_blockers
from tradewind.trade.workflow.models import StageStatus
from tradewind.trade.workflow.team import TEAM_FIELDS


def order_panel_context(membership, order) -> dict | None:
    if order.status == OrderStatus.PROFORMA:
        return None
    fulfilment = selectors.order_fulfilment(order)
    if fulfilment is None:
        if order.status != OrderStatus.CONFIRMED:
            return None
        return {"order": order, "fulfilment": None, "can_start": permissions.can_start(membership, order)}
    now = timezone.now()
    stages = []
    for stage in fulfilment.stages.all():
        items = list(stage.items.all())
        active = stage.status == StageStatus.ACTIVE
        stages.append(
            {
                "stage": stage,
                "items": items,
                "open_items": sum(1 for i in items if i.done_at is None),
                "late": active and stage.due_at is not None and stage.due_at < now,
                "can_work": active
                and order.status == OrderStatus.CONFIRMED
                and permissions.can_work_stage(membership, order, stage),
                "blockers": stage_blockers(stage.key, order) if active else [],
            }
        )
    done, total = selectors.stage_counts(fulfilment)
    can_set_team = permissions.can_set_team(membership, order) and order.status == OrderStatus.CONFIRMED
    team = [(JOB_LABELS[field], getattr(fulfilment, field)) for field in TEAM_FIELDS.values()]
    team_form = None
    if can_set_team:
        team_form = TeamForm(
            workspace=order.workspace,
            initial={
                f: str(getattr(fulfilment, f).public_id)
                for f in TEAM_FIELDS.values()
                if getattr(fulfilment, f)
            },
        )
    return {
        "order": order,
        "fulfilment": fulfilment,
        "stages": stages,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "team": team,
        "team_form": team_form,
    }
