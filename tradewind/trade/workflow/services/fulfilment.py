"""A confirmed order's way through its stages: start, the team, ticking the procedure, completing a stage
(its checklist done, or with a reason), the hand-off to the next owner, and the end.

When a stage starts, the member holding its role on the order gets a task about the order, due at the
stage's target (the task's own notification tells them). Completing the last stage closes the order's
fulfilment. Gates registered by other apps (workflow/gates.py) may refuse a completion with their reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.choices import OrderStatus
from tradewind.trade.workflow import permissions
from tradewind.trade.workflow.choices import WorkflowAuditAction
from tradewind.trade.workflow.gates import stage_blockers
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageItem, StageStatus, TeamDefaults
from tradewind.trade.workflow.services.templates import team_member_check, workflow_template_ensure
from tradewind.trade.workflow.team import TEAM_FIELDS, order_team_member
from tradewind.workspaces.audit import audit_record

FINISHED_POSITION = 32767  # the board's order for a closed fulfilment: after every stage


def _history(actor, order, kind: str, data: dict | None = None, *, on_timeline: bool = False) -> None:
    data = {"number": order.number, **(data or {})}
    activity_record(
        workspace_id=order.workspace_id,
        subject=("trade.order", order.public_id),
        kind=kind,
        actor=actor,
        data=data,
    )
    if on_timeline:  # the customer's timeline: the order's big steps, for whoever reads the buyer's story
        activity_record(
            workspace_id=order.workspace_id,
            subject=("crm.customer", order.customer.public_id),
            kind=kind,
            actor=actor,
            data={"channel": "system", **data},
        )
    broadcast_on_commit(order.workspace, "orders")


@transaction.atomic
def fulfilment_start(*, actor, order) -> Fulfilment:
    """The confirmed order's stages copied from the workspace's template, its team from the defaults, and
    the first stage started. Idempotent: an order already started is returned as it is."""
    existing = Fulfilment.objects.filter(order=order).first()
    if existing is not None:
        return existing
    if not permissions.can_start(actor, order):
        raise PermissionDenied(_("Whoever records the buyer's confirmation starts the order's fulfilment."))
    if order.status != OrderStatus.CONFIRMED:
        raise Conflict(_("Only a confirmed order goes into fulfilment."))
    template = workflow_template_ensure(order.workspace)
    defaults = TeamDefaults.objects.filter(workspace_id=order.workspace_id).first()
    team = {field: getattr(defaults, field) if defaults else None for field in TEAM_FIELDS.values()}
    fulfilment = Fulfilment.objects.create(
        workspace_id=order.workspace_id,
        order=order,
        template=template,
        **{field: m for field, m in team.items() if m is not None and m.is_active},
    )
    for stage in template.stages.all():
        order_stage = OrderStage.objects.create(
            workspace_id=order.workspace_id,
            fulfilment=fulfilment,
            key=stage.key,
            name=stage.name,
            position=stage.position,
            owner_role=stage.owner_role,
            sla_days=stage.sla_days,
            parallel=stage.parallel,
        )
        StageItem.objects.bulk_create(
            StageItem(workspace_id=order.workspace_id, stage=order_stage, position=i, text=text[:300])
            for i, text in enumerate(stage.checklist)
        )
    _history(actor, order, "workflow.started")
    _advance(actor, fulfilment)
    return fulfilment


def _stages(fulfilment) -> list[OrderStage]:
    return list(
        OrderStage.objects.filter(fulfilment=fulfilment)
        .select_for_update(of=("self",))
        .order_by("position", "id")
    )


def _advance(actor, fulfilment) -> None:
    """Start what may run now, then set the board's column (the first stage not done) or close the
    fulfilment. A stage starts when every stage before it is done — except the one just before, when that
    one may run beside it (QC beside booking)."""
    stages = _stages(fulfilment)
    for i, stage in enumerate(stages):
        if stage.status != StageStatus.WAITING:
            continue
        earlier_done = all(s.status == StageStatus.DONE for s in stages[: max(i - 1, 0)])
        previous = stages[i - 1] if i else None
        if earlier_done and (previous is None or previous.status == StageStatus.DONE or previous.parallel):
            _stage_start(actor, fulfilment, stage)
        else:
            break
    open_stages = [s for s in stages if s.status != StageStatus.DONE]
    first = open_stages[0] if open_stages else None
    fulfilment.stage_key = first.key if first else ""
    fulfilment.stage_name = first.name if first else ""
    fulfilment.stage_position = first.position if first else FINISHED_POSITION
    fulfilment.late = any(_is_late(s) for s in open_stages)
    if first is None and fulfilment.closed_at is None:
        fulfilment.closed_at = timezone.now()
        _history(actor, fulfilment.order, "workflow.closed", on_timeline=True)
    fulfilment.save(
        update_fields=["stage_key", "stage_name", "stage_position", "late", "closed_at", "updated_at"]
    )


def _is_late(stage, now=None) -> bool:
    return (
        stage.status == StageStatus.ACTIVE
        and stage.due_at is not None
        and stage.due_at < (now or timezone.now())
    )


def _stage_start(actor, fulfilment, stage: OrderStage) -> None:
    order = fulfilment.order
    now = timezone.now()
    stage.status, stage.started_at = StageStatus.ACTIVE, now
    stage.due_at = now + dt.timedelta(days=stage.sla_days) if stage.sla_days else None
    stage.owner = order_team_member(order, stage.owner_role)
    stage.task = _stage_task(actor, order, stage)
    stage.save(update_fields=["status", "started_at", "due_at", "owner", "task", "updated_at"])
    _history(
        actor,
        order,
        "workflow.stage_started",
        {"stage": stage.name, "name": stage.owner.user.display_name if stage.owner else ""},
    )


def _stage_task(actor, order, stage):
    """The hand-off: a task for the stage's owner about the order, with its procedure. None when nobody
    holds the role (the order page says so) or the task cannot be made for them."""
    if stage.owner is None:
        return None
    from tradewind.tasks.services import task_create

    items = StageItem.objects.filter(stage=stage).values_list("text", flat=True)
    creator = actor if actor is not None and actor.is_active and actor.role != "viewer" else stage.owner
    due = timezone.localdate(stage.due_at) if stage.due_at else None
    with contextlib.suppress(ApplicationError):
        return task_create(
            actor=creator,
            title=_("%(stage)s: order %(number)s (%(customer)s)")
            % {"stage": stage.name, "number": order.number, "customer": order.customer.name},
            description="\n".join(f"- [ ] {text}" for text in items),
            assignee=stage.owner,
            due_date=due,
            subject=("trade.order", order.public_id),
        )
    return None


def _locked(fulfilment: Fulfilment) -> Fulfilment:
    return (
        Fulfilment.objects.select_for_update(of=("self",))
        .select_related("order__customer", "order__workspace")
        .get(pk=fulfilment.pk)
    )


@transaction.atomic
def stage_item_toggle(*, actor, item: StageItem, done: bool) -> StageItem:
    stage = item.stage
    order = stage.fulfilment.order
    if not permissions.can_work_stage(actor, order, stage):
        raise PermissionDenied(_("This stage is %(role)s's work.") % {"role": _role_label(stage.owner_role)})
    if stage.status == StageStatus.DONE:
        raise Conflict(_("The stage “%(stage)s” is done already.") % {"stage": stage.name})
    item = StageItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    if bool(item.done_at) != done:
        item.done_at, item.done_by = (timezone.now(), actor) if done else (None, None)
        item.save(update_fields=["done_at", "done_by", "updated_at"])
        broadcast_on_commit(order.workspace, "orders")
    return item


@transaction.atomic
def stage_complete(
    *, actor, stage: OrderStage, override_reason: str = "", ip: str | None = None
) -> OrderStage:
    """Complete a stage: its checklist done, or open with a reason (kept, audited). Starts what follows."""
    fulfilment = _locked(stage.fulfilment)
    order = fulfilment.order
    stage = OrderStage.objects.select_for_update(of=("self",)).get(pk=stage.pk)
    if not permissions.can_work_stage(actor, order, stage):
        raise PermissionDenied(_("This stage is %(role)s's work.") % {"role": _role_label(stage.owner_role)})
    if order.status == OrderStatus.CANCELLED:
        raise Conflict(_("Order %(number)s is cancelled.") % {"number": order.number})
    if stage.status != StageStatus.ACTIVE:
        raise Conflict(
            _("The stage “%(stage)s” is done already.") % {"stage": stage.name}
            if stage.status == StageStatus.DONE
            else _("The stage “%(stage)s” has not started yet.") % {"stage": stage.name}
        )
    blockers = stage_blockers(stage.key, order)
    if blockers:
        raise Conflict(" ".join(blockers))
    override_reason = (override_reason or "").strip()
    open_items = StageItem.objects.filter(stage=stage, done_at__isnull=True).count()
    if open_items and not override_reason:
        raise ValidationFailed(
            _("%(n)d step(s) of the checklist are open: tick them, or say why the stage is complete anyway.")
            % {"n": open_items},
            field="override_reason",
        )
    if len(override_reason) > 2000:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="override_reason")
    stage.status, stage.completed_at, stage.completed_by = StageStatus.DONE, timezone.now(), actor
    stage.override_reason = override_reason if open_items else ""
    stage.save(update_fields=["status", "completed_at", "completed_by", "override_reason", "updated_at"])
    if stage.override_reason:
        audit_record(
            workspace=order.workspace,
            actor=actor.user,
            action=WorkflowAuditAction.STAGE_OVERRIDDEN,
            target=order.number,
            data={"stage": stage.name, "open": open_items, "reason": override_reason},
            ip=ip,
        )
    _task_done(actor, stage)
    _history(
        actor,
        order,
        "workflow.stage_completed",
        {"stage": stage.name, "reason": stage.override_reason},
        on_timeline=True,
    )
    _advance(actor, fulfilment)
    return stage


def _task_done(actor, stage) -> None:
    if stage.task_id is None:
        return
    from tradewind.tasks.choices import OPEN_STATUSES, TaskStatus
    from tradewind.tasks.services import task_set_status

    task = stage.task
    if task.status in OPEN_STATUSES:
        with contextlib.suppress(ApplicationError):
            task_set_status(actor=actor, task=task, status=TaskStatus.DONE)


@transaction.atomic
def fulfilment_team_set(*, actor, fulfilment: Fulfilment, **members) -> Fulfilment:
    """Name who does each job on this order ({"merchandiser": membership or None, …}). An active stage of
    that job passes to the new person, with a task for them."""
    fulfilment = _locked(fulfilment)
    order = fulfilment.order
    if not permissions.can_set_team(actor, order):
        raise PermissionDenied(_("The order's sales rep or a manager names its team."))
    errors: list[ApplicationError] = []
    changed = []
    for field, member in members.items():
        if field not in TEAM_FIELDS.values():
            errors.append(ValidationFailed(_("Unknown job: %(job)s.") % {"job": field}))
            continue
        try:
            team_member_check(order.workspace, member, field)
        except ValidationFailed as error:
            errors.append(error)
            continue
        if getattr(fulfilment, f"{field}_id") != (member.pk if member else None):
            setattr(fulfilment, field, member)
            changed.append(field)
    if errors:
        raise ValidationFailed.all_of(errors)
    if not changed:
        return fulfilment
    fulfilment.save(update_fields=[*changed, "updated_at"])
    roles = {role for role, field in TEAM_FIELDS.items() if field in changed}
    for stage in OrderStage.objects.filter(
        fulfilment=fulfilment, status=StageStatus.ACTIVE, owner_role__in=roles
    ):
        new_owner = order_team_member(order, stage.owner_role)
        if new_owner != stage.owner:
            _task_cancel(actor, stage)
            stage.owner = new_owner
            stage.task = _stage_task(actor, order, stage)
            stage.save(update_fields=["owner", "task", "updated_at"])
    _history(
        actor,
        order,
        "workflow.team_changed",
        {"jobs": [str(_role_label(role)) for role in sorted(roles)]},
    )
    return fulfilment


def _task_cancel(actor, stage) -> None:
    if stage.task_id is None:
        return
    from tradewind.tasks.choices import OPEN_STATUSES, TaskStatus
    from tradewind.tasks.services import task_set_status

    if stage.task.status in OPEN_STATUSES:
        with contextlib.suppress(ApplicationError):
            task_set_status(actor=actor, task=stage.task, status=TaskStatus.CANCELLED)


@transaction.atomic
def fulfilment_stop(*, actor, order) -> None:
    """The order was cancelled: its open stages' tasks are cancelled; the stages stay as they were, for
    the record."""
    fulfilment = Fulfilment.objects.filter(order=order).first()
    if fulfilment is None:
        return
    for stage in OrderStage.objects.filter(fulfilment=fulfilment, status=StageStatus.ACTIVE).select_related(
        "task"
    ):
        _task_cancel(actor, stage)
    Fulfilment.objects.filter(pk=fulfilment.pk).update(late=False, updated_at=timezone.now())
    broadcast_on_commit(order.workspace, "orders")


def _role_label(role: str) -> str:
    from tradewind.workspaces.choices import Role

    return str(Role(role).label) if role in Role.values else role


def stage_url(order) -> str:
    return reverse("trade:order", args=[order.workspace.slug, order.public_id]) + "#stages"
