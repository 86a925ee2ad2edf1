"""The workspace's workflow template (admins edit it) and the order team's defaults.

A template edit changes the orders that start afterwards; running orders keep the stages they were copied
with (the procedure a merchandiser is halfway through does not change under them).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from tradewind.trade.workflow import permissions
from tradewind.trade.workflow.choices import WorkflowAuditAction
from tradewind.trade.workflow.defaults import DEFAULT_STAGES
from tradewind.trade.workflow.models import STAGE_ROLES, TeamDefaults, WorkflowStage, WorkflowTemplate
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.audit import audit_record

MAX_STAGES = 20
MAX_ITEMS = 30
ITEM_LENGTH = 300


def workflow_template_ensure(workspace) -> WorkflowTemplate:
    """The workspace's template, made from the defaults (in the active language) the first time."""
    template = WorkflowTemplate.objects.filter(workspace=workspace, is_default=True).first()
    if template is not None:
        return template
    with transaction.atomic():
        template = WorkflowTemplate.objects.create(workspace=workspace, name=_("Order workflow"))
        WorkflowStage.objects.bulk_create(
            WorkflowStage(
                workspace=workspace,
                template=template,
                position=position,
                key=key,
                name=str(name),
                owner_role=role,
                sla_days=sla,
                parallel=parallel,
                checklist=[str(item) for item in items],
            )
            for position, (key, name, role, sla, parallel, items) in enumerate(DEFAULT_STAGES)
        )
    return template


def workflow_workspace_setup(workspace) -> None:
    with translation.override(translation.get_language() or "en"):
        workflow_template_ensure(workspace)
    TeamDefaults.objects.get_or_create(workspace=workspace)


def _require_admin(actor) -> None:
    if not permissions.can_edit_workflow(actor):
        raise PermissionDenied(_("Only administrators and managers change the order workflow."))


def stage_clean(values: dict) -> dict:
    """A stage's editable fields checked; every problem at once."""
    errors: list[ApplicationError] = []
    cleaned = {}
    if "name" in values:
        name = (values["name"] or "").strip()
        if not name:
            errors.append(ValidationFailed(_("Give the stage a name."), field="name"))
        elif len(name) > 120:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 120}, field="name"))
        cleaned["name"] = name
    if "owner_role" in values:
        if values["owner_role"] not in [r.value for r in STAGE_ROLES]:
            errors.append(ValidationFailed(_("Choose the role that owns the stage."), field="owner_role"))
        cleaned["owner_role"] = values["owner_role"]
    if "sla_days" in values:
        sla = values["sla_days"]
        if sla is not None and (not isinstance(sla, int) or isinstance(sla, bool) or not 1 <= sla <= 365):
            errors.append(ValidationFailed(_("A target between 1 and 365 days, or none."), field="sla_days"))
        cleaned["sla_days"] = sla
    if "parallel" in values:
        cleaned["parallel"] = bool(values["parallel"])
    if "checklist" in values:
        items = values["checklist"]
        if isinstance(items, str):
            items = items.splitlines()
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
            errors.append(ValidationFailed(_("The checklist is a list of lines."), field="checklist"))
            items = []
        items = [i.strip() for i in items if i.strip()]
        if len(items) > MAX_ITEMS:
            errors.append(ValidationFailed(_("At most %(n)d lines.") % {"n": MAX_ITEMS}, field="checklist"))
        if any(len(i) > ITEM_LENGTH for i in items):
            errors.append(
                ValidationFailed(
                    _("A line has at most %(n)d characters.") % {"n": ITEM_LENGTH}, field="checklist"
                )
            )
        cleaned["checklist"] = items
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


@transaction.atomic
def workflow_stage_update(*, actor, stage: WorkflowStage, ip: str | None = None, **values) -> WorkflowStage:
    _require_admin(actor)
    cleaned = stage_clean(values)
    changed = [field for field, value in cleaned.items() if getattr(stage, field) != value]
    for field in changed:
        setattr(stage, field, cleaned[field])
    if changed:
        stage.save(update_fields=[*changed, "updated_at"])
        _audit(actor, WorkflowAuditAction.STAGE_CHANGED, stage, changed, ip)
    return stage


@transaction.atomic
def workflow_stage_add(
    *, actor, name: str, owner_role: str, ip: str | None = None, **values
) -> WorkflowStage:
    """A new stage at the end (before "closed" when the template ends with it)."""
    _require_admin(actor)
    template = workflow_template_ensure(actor.workspace)
    stages = list(template.stages.all())
    if len(stages) >= MAX_STAGES:
        raise ValidationFailed(_("At most %(n)d stages.") % {"n": MAX_STAGES})
    cleaned = stage_clean({"name": name, "owner_role": owner_role, **values})
    key = _unique_key(cleaned["name"], {s.key for s in stages})
    position = (template.stages.aggregate(last=Max("position"))["last"] or 0) + 1
    if stages and stages[-1].key == "closed":
        position = stages[-1].position
        WorkflowStage.objects.filter(pk=stages[-1].pk).update(position=position + 1)
    stage = WorkflowStage.objects.create(
        workspace=actor.workspace, template=template, position=position, key=key, **cleaned
    )
    _audit(actor, WorkflowAuditAction.STAGE_ADDED, stage, [], ip)
    return stage


def _unique_key(name: str, taken: set[str]) -> str:
    base = slugify(name)[:32] or "stage"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def workflow_stage_delete(*, actor, stage: WorkflowStage, ip: str | None = None) -> None:
    _require_admin(actor)
    if WorkflowStage.objects.filter(template_id=stage.template_id).count() <= 1:
        raise ValidationFailed(_("A workflow keeps at least one stage."))
    _audit(actor, WorkflowAuditAction.STAGE_DELETED, stage, [], ip)
    stage.delete()


@transaction.atomic
def workflow_stage_move(*, actor, stage: WorkflowStage, up: bool) -> None:
    _require_admin(actor)
    stages = list(WorkflowStage.objects.filter(template_id=stage.template_id).select_for_update(of=("self",)))
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(stages):
        return
    stages[index], stages[other] = stages[other], stages[index]
    for position, s in enumerate(stages):
        if s.position != position:
            WorkflowStage.objects.filter(pk=s.pk).update(position=position)


@transaction.atomic
def team_defaults_set(*, actor, ip: str | None = None, **members) -> TeamDefaults:
    """Who takes each job on new orders: {"merchandiser": membership or None, …}."""
    _require_admin(actor)
    defaults, _created = TeamDefaults.objects.select_for_update(of=("self",)).get_or_create(
        workspace=actor.workspace
    )
    changed = []
    for field, member in members.items():
        if field not in TEAM_FIELDS.values():
            raise ValidationFailed(_("Unknown job: %(job)s.") % {"job": field})
        team_member_check(actor.workspace, member, field)
        if getattr(defaults, f"{field}_id") != (member.pk if member else None):
            setattr(defaults, field, member)
            changed.append(field)
    if changed:
        defaults.save(update_fields=changed)
        audit_record(
            workspace=actor.workspace,
            actor=actor.user,
            action=WorkflowAuditAction.TEAM_DEFAULTS_CHANGED,
            data={"jobs": changed},
            ip=ip,
        )
    return defaults


def team_member_check(workspace, member, field: str) -> None:
    if member is not None and (member.workspace_id != workspace.pk or not member.is_active):
        raise ValidationFailed(_("Choose an active member of this workspace."), field=field)


def _audit(actor, action: str, stage, fields: list[str], ip) -> None:
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=action,
        data={"stage": stage.name, "key": stage.key, "fields": fields},
        ip=ip,
    )
