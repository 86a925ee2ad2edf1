"""The order page's workflow buttons: tick a step, complete a stage, name the team, start fulfilment.
Each runs one service; a refusal comes back to the order page as messages."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradewind.core.actions import service_run
from tradewind.trade.access import access_order
from tradewind.trade.workflow import services
from tradewind.trade.workflow.access import access_fulfilment, access_item, access_stage
from tradewind.trade.workflow.forms import TeamForm
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


def _back(request, order_id):
    return redirect(reverse("trade:order", args=[request.workspace.slug, order_id]) + "#stages")


@workspace_view
@require_POST
def item_toggle(request, order_id, stage_id, stage_item_id):
    item = access_item(request.membership, order_id, stage_id, stage_item_id)
    done = request.POST.get("done") == "1"
    service_run(request, lambda: services.stage_item_toggle(actor=request.membership, item=item, done=done))
    return _back(request, order_id)


@workspace_view
@require_POST
def stage_complete(request, order_id, stage_id):
    stage = access_stage(request.membership, order_id, stage_id)
    service_run(
        request,
        lambda: services.stage_complete(
            actor=request.membership,
            stage=stage,
            override_reason=request.POST.get("override_reason", ""),
            ip=request.META.get("REMOTE_ADDR"),
        ),
        success=_("“%(stage)s” is done; the next stage's owner has it now.") % {"stage": stage.name},
    )
    return _back(request, order_id)


@workspace_view
@require_POST
def team_set(request, order_id):
    fulfilment = access_fulfilment(request.membership, order_id)
    form = TeamForm(request.POST, workspace=request.workspace)
    form.is_valid()  # choices outside the workspace's members come back as errors below
    members = {}
    for field in TEAM_FIELDS.values():
        value = form.cleaned_data.get(field) if field not in form.errors else request.POST.get(field)
        members[field] = _member(request.workspace, value)
    service_run(
        request,
        lambda: services.fulfilment_team_set(actor=request.membership, fulfilment=fulfilment, **members),
        success=_("The order's team is saved."),
    )
    return _back(request, order_id)


def _member(workspace, public_id):
    """The membership a select named, or a stand-in that the service refuses (not this workspace's)."""
    if not public_id:
        return None
    member = (
        Membership.objects.filter(workspace=workspace, public_id=public_id).select_related("user").first()
    )
    return member if member is not None else Membership(workspace_id=0, is_active=False)


@workspace_view
@require_POST
def fulfilment_start(request, order_id):
    order = access_order(request.membership, order_id)
    service_run(
        request,
        lambda: services.fulfilment_start(actor=request.membership, order=order),
        success=_("The order is in fulfilment: its first stage has started."),
    )
    return _back(request, order_id)
