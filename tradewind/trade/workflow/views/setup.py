"""The workflow's settings page (administrators and managers): the stages of the template — name, owner
role, target, may run beside the next, checklist — and who takes each job on new orders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.trade.workflow import permissions, services
from tradewind.trade.workflow.forms import StageForm, TeamForm
from tradewind.trade.workflow.models import TeamDefaults, WorkflowStage, WorkflowTemplate
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.trade.workflow.views.actions import _member
from tradewind.workspaces.access import workspace_view


def _require(request):
    if not permissions.can_edit_workflow(request.membership):
        raise PermissionDenied


def _back(request):
    return redirect(reverse("workflow:settings", args=[request.workspace.slug]))


def _stage(request, stage_id) -> WorkflowStage:
    stage = WorkflowStage.objects.filter(workspace=request.workspace, public_id=stage_id).first()
    if stage is None:
        raise Http404
    return stage


def _stage_values(form: StageForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "owner_role": data["owner_role"],
        "sla_days": data.get("sla_days"),
        "parallel": data.get("parallel", False),
        "checklist": data.get("checklist", ""),
    }


@workspace_view
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    _require(request)
    workspace = request.workspace
    defaults = TeamDefaults.objects.filter(workspace=workspace).first()
    if request.method == "POST":  # the team defaults
        form = TeamForm(request.POST, workspace=workspace)
        form.is_valid()
        members = {f: _member(workspace, request.POST.get(f)) for f in TEAM_FIELDS.values()}
        service_run(
            request,
            lambda: services.team_defaults_set(
                actor=request.membership, ip=request.META.get("REMOTE_ADDR"), **members
            ),
            success=_("Saved: new orders get this team."),
        )
        return _back(request)
    template = WorkflowTemplate.objects.filter(workspace=workspace, is_default=True).first()
    stages = list(template.stages.all()) if template else []
    rows = [
        (
            stage,
            StageForm(
                prefix=str(stage.public_id),
                initial={
                    "name": stage.name,
                    "owner_role": stage.owner_role,
                    "sla_days": stage.sla_days,
                    "parallel": stage.parallel,
                    "checklist": "\n".join(stage.checklist),
                },
            ),
        )
        for stage in stages
    ]
    team_form = TeamForm(
        workspace=workspace,
        initial={
            f: str(getattr(defaults, f).public_id)
            for f in TEAM_FIELDS.values()
            if defaults and getattr(defaults, f)
        },
    )
    return render(
        request,
        "workflow/settings.html",
        {
            "rows": rows,
            "new_form": StageForm(prefix="new"),
            "team_form": team_form,
            "view": "settings",
            "has_template": template is not None,
        },
    )


@workspace_view
@require_POST
def stage_add(request):
    _require(request)
    form = StageForm(request.POST, prefix="new")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request)
    values = _stage_values(form)
    service_run(
        request,
        lambda: services.workflow_stage_add(
            actor=request.membership, ip=request.META.get("REMOTE_ADDR"), **values
        ),
        success=_("Stage added: orders that start from now on have it."),
    )
    return _back(request)


@workspace_view
@require_POST
def stage_update(request, workflow_stage_id):
    _require(request)
    stage = _stage(request, workflow_stage_id)
    form = StageForm(request.POST, prefix=str(stage.public_id))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request)
    values = _stage_values(form)
    service_run(
        request,
        lambda: services.workflow_stage_update(
            actor=request.membership, stage=stage, ip=request.META.get("REMOTE_ADDR"), **values
        ),
        success=_("Stage saved: orders that start from now on follow it."),
    )
    return _back(request)


@workspace_view
@require_POST
def stage_delete(request, workflow_stage_id):
    _require(request)
    stage = _stage(request, workflow_stage_id)
    service_run(
        request,
        lambda: services.workflow_stage_delete(
            actor=request.membership, stage=stage, ip=request.META.get("REMOTE_ADDR")
        ),
        success=_("Stage deleted. Orders already running keep it."),
    )
    return _back(request)


@workspace_view
@require_POST
def stage_move(request, workflow_stage_id):
    _require(request)
    stage = _stage(request, workflow_stage_id)
    up = request.POST.get("up") == "1"
    service_run(request, lambda: services.workflow_stage_move(actor=request.membership, stage=stage, up=up))
    return _back(request)
