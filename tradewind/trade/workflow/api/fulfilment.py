"""Orders in fulfilment under /api/v1/workspaces/{slug}/…: the list and board, one order's stages and
team, completing a stage and ticking its steps. The same services, rules and permissions as the pages."""

from uuid import UUID

from django.http import Http404
from django.utils import timezone
from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers
from tradewind.core.net import client_ip
from tradewind.trade.access import access_order
from tradewind.trade.api.answers import member_ref
from tradewind.trade.workflow import permissions, selectors, services
from tradewind.trade.workflow.access import access_fulfilment, access_item, access_stage
from tradewind.trade.workflow.api.router import router
from tradewind.trade.workflow.api.schemas import (
    ColumnOut,
    CompleteIn,
    FiltersIn,
    FulfilmentOut,
    FulfilmentRowOut,
    StageItemIn,
    StageItemOut,
    TeamIn,
)
from tradewind.trade.workflow.api.team import team_members
from tradewind.trade.workflow.gates import stage_blockers
from tradewind.trade.workflow.models import StageStatus
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.models import Membership

LIST = "/workspaces/{slug}/fulfilment"
ONE = "/workspaces/{slug}/orders/{order_id}/fulfilment"
STAGE = "/workspaces/{slug}/orders/{order_id}/stages/{stage_id}"


def _flags(f) -> dict:
    return {
        "stage": f.stage_key,
        "stage_name": f.stage_name,
        "at_risk": f.at_risk,
        "risk_reason": f.risk_reason,
        "late": f.late,
        "payment_overdue": f.payment_overdue,
        "next_etd": f.next_etd,
        "closed_at": f.closed_at,
    }


def row_out(f) -> dict:
    order = f.order
    return {
        **_flags(f),
        "order": {"id": order.public_id, "name": order.number},
        "customer": {"id": order.customer.public_id, "name": order.customer.name},
        "sales_rep": member_ref(order.owner),
        "merchandiser": member_ref(f.merchandiser),
        "delivery_date": order.delivery_date,
    }


def fulfilment_out(order) -> dict:
    f = selectors.order_fulfilment(order)
    if f is None:
        raise Http404
    now = timezone.now()
    stages = []
    for s in f.stages.all():
        active = s.status == StageStatus.ACTIVE
        stages.append(
            {
                "id": s.public_id,
                "key": s.key,
                "name": s.name,
                "owner_role": s.owner_role,
                "owner": member_ref(s.owner),
                "status": s.status,
                "sla_days": s.sla_days,
                "parallel": s.parallel,
                "started_at": s.started_at,
                "due_at": s.due_at,
                "late": active and s.due_at is not None and s.due_at < now,
                "completed_at": s.completed_at,
                "completed_by": member_ref(s.completed_by),
                "override_reason": s.override_reason,
                "blockers": stage_blockers(s.key, order) if active else [],
                "task": s.task.public_id if s.task_id else None,
                "items": [
                    {
                        "id": i.public_id,
                        "text": i.text,
                        "done_at": i.done_at,
                        "done_by": member_ref(i.done_by),
                    }
                    for i in s.items.all()
                ],
            }
        )
    return {
        **_flags(f),
        "order": {"id": order.public_id, "name": order.number},
        "team": {field: member_ref(getattr(f, field)) for field in TEAM_FIELDS.values()},
        "stages": stages,
    }


def _filters(m, payload: FiltersIn) -> selectors.OrderFilters:
    ids = [i for i in (payload.rep, payload.merchandiser) if i]
    members = dict(
        Membership.objects.filter(workspace_id=m.workspace_id, public_id__in=ids).values_list(
            "public_id", "pk"
        )
    )
    return selectors.OrderFilters(
        q=payload.q,
        stage=payload.stage,
        country=payload.country.upper(),
        at_risk=payload.at_risk,
        late=payload.late,
        payment_overdue=payload.payment_overdue,
        etd_from=payload.etd_from,
        etd_to=payload.etd_to,
        closed=payload.closed,
        mine=payload.mine,
        # An unknown member matches nothing (not everything).
        rep=members.get(payload.rep, -1) if payload.rep else None,
        merchandiser=members.get(payload.merchandiser, -1) if payload.merchandiser else None,
    )


def _board_reader(m):
    if not permissions.can_see_board(m):
        raise Http404


@router.get(LIST, response=list[FulfilmentRowOut], summary="Orders in fulfilment", url_name="fulfilment_list")
@paginate(PageWithCount)
def fulfilment_list(request, slug: str, filters: Query[FiltersIn]):
    """Running orders by stage (or closed ones with `closed`), filtered; `count` is how many were found."""
    m = api_membership(request, slug)
    _board_reader(m)
    return MappedRows(selectors.fulfilment_rows(membership=m, filters=_filters(m, filters)), row_out)


@router.get(LIST + "/board", response=list[ColumnOut], summary="The order board", url_name="fulfilment_board")
def fulfilment_board(request, slug: str, filters: Query[FiltersIn]):
    """The workflow's stages as columns, each with how many orders are in it and its first 20."""
    m = api_membership(request, slug)
    _board_reader(m)
    columns = selectors.board_columns(membership=m, filters=_filters(m, filters))
    return [
        {"key": c.key, "name": c.name, "count": c.count, "cards": [row_out(f) for f in c.cards]}
        for c in columns
    ]


@router.get(ONE, response=FulfilmentOut, summary="An order's stages and team", url_name="fulfilment_detail")
def fulfilment_detail(request, slug: str, order_id: UUID):
    """404 also while the order is not in fulfilment (a PI, or confirmed before the workflow existed)."""
    m = api_membership(request, slug)
    return fulfilment_out(access_order(m, order_id))


@router.post(
    ONE,
    response=answers(FulfilmentOut, 403, 409, status=201),
    summary="Start an order's fulfilment",
    url_name="fulfilment_start",
)
def fulfilment_start(request, slug: str, order_id: UUID):
    """For a confirmed order that has none yet (confirming an order starts it by itself). 409: not
    confirmed."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    services.fulfilment_start(actor=m, order=order)
    return Status(201, fulfilment_out(order))


@router.patch(
    ONE + "/team",
    response=answers(FulfilmentOut, 403),
    summary="Name the order's team",
    url_name="fulfilment_team",
)
def fulfilment_team(request, slug: str, order_id: UUID, payload: TeamIn):
    """Who does each job on this order; an active stage of a changed job passes to the new person."""
    m = api_membership(request, slug)
    fulfilment = access_fulfilment(m, order_id)
    members = team_members(m, payload.dict(exclude_unset=True))
    services.fulfilment_team_set(actor=m, fulfilment=fulfilment, **members)
    return fulfilment_out(fulfilment.order)


@router.post(
    STAGE + "/complete",
    response=answers(FulfilmentOut, 403, 409),
    summary="Complete a stage",
    url_name="stage_complete",
)
def stage_complete(request, slug: str, order_id: UUID, stage_id: UUID, payload: CompleteIn):
    """Its checklist done, or with `override_reason` (kept and audited); the next stage starts and its owner
    gets a task. 403: not your stage's role; 409: not started, done already, or a gate refuses (a failed
    inspection before booking); 422: steps open and no reason."""
    m = api_membership(request, slug)
    stage = access_stage(m, order_id, stage_id)
    services.stage_complete(
        actor=m, stage=stage, override_reason=payload.override_reason, ip=client_ip(request)
    )
    return fulfilment_out(stage.fulfilment.order)


@router.put(
    STAGE + "/items/{stage_item_id}",
    response=answers(StageItemOut, 403, 409),
    summary="Tick or untick a step",
    url_name="stage_item",
)
def stage_item(request, slug: str, order_id: UUID, stage_id: UUID, stage_item_id: UUID, payload: StageItemIn):
    m = api_membership(request, slug)
    item = access_item(m, order_id, stage_id, stage_item_id)
    item = services.stage_item_toggle(actor=m, item=item, done=payload.done)
    return {
        "id": item.public_id,
        "text": item.text,
        "done_at": item.done_at,
        "done_by": member_ref(item.done_by),
    }
