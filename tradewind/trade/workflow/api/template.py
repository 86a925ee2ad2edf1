"""The workspace's workflow template and the order team's defaults under /api/v1/workspaces/{slug}/workflow
(administrators and managers change them; every member reads them)."""

from uuid import UUID

from django.http import Http404
from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.core.net import client_ip
from tradewind.trade.api.answers import member_ref
from tradewind.trade.workflow import services
from tradewind.trade.workflow.api.router import router
from tradewind.trade.workflow.api.schemas import (
    MoveIn,
    TeamIn,
    TeamOut,
    TemplateOut,
    TemplateStageIn,
    TemplateStageOut,
    TemplateStagePatch,
)
from tradewind.trade.workflow.api.team import team_members
from tradewind.trade.workflow.models import TeamDefaults, WorkflowStage, WorkflowTemplate
from tradewind.trade.workflow.team import TEAM_FIELDS

BASE = "/workspaces/{slug}/workflow"
STAGE = BASE + "/stages/{workflow_stage_id}"


def _stage_out(stage) -> dict:
    return {
        "id": stage.public_id,
        "key": stage.key,
        "name": stage.name,
        "owner_role": stage.owner_role,
        "sla_days": stage.sla_days,
        "parallel": stage.parallel,
        "checklist": list(stage.checklist),
    }


def _template_out(m) -> dict:
    template = WorkflowTemplate.objects.filter(workspace_id=m.workspace_id, is_default=True).first()
    if template is None:
        return {"name": "", "stages": []}
    return {"name": template.name, "stages": [_stage_out(s) for s in template.stages.all()]}


def _stage(m, stage_id) -> WorkflowStage:
    stage = WorkflowStage.objects.filter(workspace_id=m.workspace_id, public_id=stage_id).first()
    if stage is None:
        raise Http404
    return stage


@router.get(BASE, response=TemplateOut, summary="The order workflow", url_name="workflow_template")
def workflow_template(request, slug: str):
    """The stages a confirmed order goes through, in order (empty until the workspace's first order starts,
    for a workspace made before the workflow existed)."""
    return _template_out(api_membership(request, slug))


@router.post(
    BASE + "/stages",
    response=answers(TemplateStageOut, 403, status=201),
    summary="Add a stage",
    url_name="workflow_stage_add",
)
def workflow_stage_add(request, slug: str, payload: TemplateStageIn):
    """At the end (before "closed"). Orders that start afterwards have it."""
    m = api_membership(request, slug)
    stage = services.workflow_stage_add(actor=m, ip=client_ip(request), **payload.dict())
    return Status(201, _stage_out(stage))


@router.patch(
    STAGE, response=answers(TemplateStageOut, 403), summary="Change a stage", url_name="workflow_stage_update"
)
def workflow_stage_update(request, slug: str, workflow_stage_id: UUID, payload: TemplateStagePatch):
    m = api_membership(request, slug)
    values = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k == "sla_days"}
    stage = services.workflow_stage_update(
        actor=m, stage=_stage(m, workflow_stage_id), ip=client_ip(request), **values
    )
    return _stage_out(stage)


@router.delete(
    STAGE, response=answers(None, 403, status=204), summary="Delete a stage", url_name="workflow_stage_delete"
)
def workflow_stage_delete(request, slug: str, workflow_stage_id: UUID):
    """Running orders keep it. 422: the last stage."""
    m = api_membership(request, slug)
    services.workflow_stage_delete(actor=m, stage=_stage(m, workflow_stage_id), ip=client_ip(request))
    return Status(204, None)


@router.post(
    STAGE + "/move",
    response=answers(TemplateOut, 403),
    summary="Move a stage up or down",
    url_name="workflow_stage_move",
)
def workflow_stage_move(request, slug: str, workflow_stage_id: UUID, payload: MoveIn):
    m = api_membership(request, slug)
    services.workflow_stage_move(actor=m, stage=_stage(m, workflow_stage_id), up=payload.up)
    return _template_out(m)


def _defaults_out(m) -> dict:
    defaults = TeamDefaults.objects.filter(workspace_id=m.workspace_id).first()
    return {
        field: member_ref(getattr(defaults, field) if defaults else None) for field in TEAM_FIELDS.values()
    }


@router.get(
    BASE + "/team-defaults",
    response=TeamOut,
    summary="Who takes each job on new orders",
    url_name="workflow_team_defaults",
)
def workflow_team_defaults(request, slug: str):
    return _defaults_out(api_membership(request, slug))


@router.patch(
    BASE + "/team-defaults",
    response=answers(TeamOut, 403),
    summary="Change who takes each job on new orders",
    url_name="workflow_team_defaults_set",
)
def workflow_team_defaults_set(request, slug: str, payload: TeamIn):
    """Only the jobs sent change; null: nobody."""
    m = api_membership(request, slug)
    members = team_members(m, payload.dict(exclude_unset=True))
    services.team_defaults_set(actor=m, ip=client_ip(request), **members)
    return _defaults_out(m)
