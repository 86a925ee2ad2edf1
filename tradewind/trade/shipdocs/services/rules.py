"""The workspace's document rules and its certificate-of-origin table (the documents clerk and the leads keep
them). A change re-computes the checklists of the shipments still under way, in the worker."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tradewind.catalog.models import Category
from tradewind.core import geo
from tradewind.core.errors import ApplicationError, Conflict, ValidationFailed
from tradewind.core.trade import Incoterm, PaymentMethod
from tradewind.trade.shipdocs.choices import (
    DEFAULT_ORIGINS,
    DEFAULT_RULES,
    DocumentKind,
    OriginType,
    RuleTrigger,
    ShipdocsAuditAction,
)
from tradewind.trade.shipdocs.models import DocumentRule, OriginRule
from tradewind.trade.shipdocs.services.common import require_rules
from tradewind.workspaces.audit import audit_record

MAX_WORDS = 30
WORD_LIMIT = 40
RULE_FIELDS = ("trigger", "values", "category", "kind", "name", "notes", "is_active")


def shipdocs_workspace_setup(workspace) -> None:
    """A new workspace's default rules and origin table (keeps what exists)."""
    if not DocumentRule.objects.filter(workspace=workspace).exists():
        DocumentRule.objects.bulk_create(
            DocumentRule(workspace=workspace, trigger=trigger, values=list(values), kind=kind, position=i)
            for i, (trigger, values, kind) in enumerate(DEFAULT_RULES)
        )
    if not OriginRule.objects.filter(workspace=workspace).exists():
        OriginRule.objects.bulk_create(
            OriginRule(workspace=workspace, country=country, origin_type=origin_type)
            for country, origin_type in DEFAULT_ORIGINS
        )


def _resync_after_commit(workspace) -> None:
    """The open shipments' checklists follow the new rules (many shipments: the worker does it)."""
    from tradewind.trade.shipdocs import tasks

    workspace_id = workspace.pk
    transaction.on_commit(lambda: tasks.documents_resync_task(workspace_id))


def _changed(actor, target: str) -> None:
    audit_record(
        workspace=actor.workspace, actor=actor.user, action=ShipdocsAuditAction.RULES_CHANGED, target=target
    )
    _resync_after_commit(actor.workspace)


def _values(trigger: str, values, errors: list) -> list[str]:
    if trigger in (RuleTrigger.ALWAYS, RuleTrigger.PRODUCT_CATEGORY):
        return []
    if not isinstance(values, (list, tuple)):
        values = [values]
    cleaned = list(dict.fromkeys(str(v).strip() for v in values if v is not None and str(v).strip()))
    if trigger == RuleTrigger.INCOTERM:
        allowed, message = Incoterm.values, _("Choose the Incoterms the rule applies to.")
    elif trigger == RuleTrigger.PAYMENT_METHOD:
        allowed, message = PaymentMethod.values, _("Choose the payment methods the rule applies to.")
    elif trigger == RuleTrigger.DESTINATION:
        cleaned = [v.upper() for v in cleaned]
        allowed, message = geo.country_codes(), _("Choose the destination countries the rule applies to.")
    else:  # packing words
        cleaned = list(dict.fromkeys(v.casefold() for v in cleaned))
        if not cleaned or len(cleaned) > MAX_WORDS or any(len(v) > WORD_LIMIT for v in cleaned):
            errors.append(
                ValidationFailed(
                    _("Give 1 to %(n)d words of at most %(limit)d characters, one a line.")
                    % {"n": MAX_WORDS, "limit": WORD_LIMIT},
                    field="values",
                )
            )
        return cleaned
    if not cleaned or any(v not in allowed for v in cleaned):
        errors.append(ValidationFailed(message, field="values"))
    return cleaned


def _rule_values(workspace, fields: dict) -> dict:
    """The rule's fields cleaned as a whole (a change is checked with the rule's other fields)."""
    errors: list[ApplicationError] = []
    trigger, kind = fields.get("trigger"), fields.get("kind")
    if trigger not in RuleTrigger.values:
        errors.append(ValidationFailed(_("Choose what the rule looks at."), field="trigger"))
    if kind not in DocumentKind.values:
        errors.append(ValidationFailed(_("Choose the document the rule asks for."), field="kind"))
    name = (fields.get("name") or "").strip()
    notes = (fields.get("notes") or "").strip()
    if len(name) > 200:
        errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 200}, field="name"))
    if len(notes) > 2000:
        errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="notes"))
    if kind == DocumentKind.OTHER and not name:
        errors.append(ValidationFailed(_("Name the document."), field="name"))
    category = fields.get("category")
    if trigger == RuleTrigger.PRODUCT_CATEGORY:
        if not isinstance(category, Category) or category.workspace_id != workspace.pk:
            errors.append(ValidationFailed(_("Choose a category of this workspace."), field="category"))
    else:
        category = None
    values = _values(trigger, fields.get("values") or [], errors) if trigger in RuleTrigger.values else []
    if errors:
        raise ValidationFailed.all_of(errors)
    return {
        "trigger": trigger,
        "values": values,
        "category": category,
        "kind": kind,
        "name": name,
        "notes": notes,
        "is_active": bool(fields.get("is_active", True)),
    }


@transaction.atomic
def rule_create(
    *, actor, trigger: str, kind: str, values=(), category=None, name="", notes="", is_active=True
) -> DocumentRule:
    """Add a rule at the end of the list."""
    require_rules(actor)
    cleaned = _rule_values(
        actor.workspace,
        {
            "trigger": trigger,
            "kind": kind,
            "values": values,
            "category": category,
            "name": name,
            "notes": notes,
            "is_active": is_active,
        },
    )
    last = DocumentRule.objects.filter(workspace=actor.workspace).aggregate(m=Max("position"))["m"]
    rule = DocumentRule.objects.create(workspace=actor.workspace, position=(last or 0) + 1, **cleaned)
    _changed(actor, str(rule.get_kind_display()))
    return rule


@transaction.atomic
def rule_update(*, actor, rule: DocumentRule, **changes) -> DocumentRule:
    require_rules(actor)
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields: {sorted(unknown)}")
    current = {f: getattr(rule, f) for f in RULE_FIELDS}
    cleaned = _rule_values(actor.workspace, {**current, **changes})
    for key, value in cleaned.items():
        setattr(rule, key, value)
    rule.save()
    _changed(actor, str(rule.get_kind_display()))
    return rule


@transaction.atomic
def rule_delete(*, actor, rule: DocumentRule) -> None:
    """Delete a rule; documents it asked for that carry work stay on their checklists."""
    require_rules(actor)
    label = str(rule.get_kind_display())
    rule.delete()
    _changed(actor, label)


# --- the origin table --------------------------------------------------------------------------------------


def _origin_values(fields: dict) -> dict:
    errors: list[ApplicationError] = []
    country = (fields.get("country") or "").strip().upper()
    if country and country not in geo.country_codes():
        errors.append(ValidationFailed(_("Choose a country from the list."), field="country"))
    if fields.get("origin_type") not in OriginType.values:
        errors.append(ValidationFailed(_("Choose the certificate of origin."), field="origin_type"))
    notes = (fields.get("notes") or "").strip()
    if len(notes) > 2000:
        errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="notes"))
    if errors:
        raise ValidationFailed.all_of(errors)
    return {"country": country, "origin_type": fields["origin_type"], "notes": notes}


def _origin_save(origin: OriginRule) -> None:
    taken = OriginRule.objects.filter(workspace_id=origin.workspace_id, country=origin.country)
    message = (
        _("%(country)s has a row already; change that one.") % {"country": geo.country_name(origin.country)}
        if origin.country
        else _("There is a row for every other country already; change that one.")
    )
    if taken.exclude(pk=origin.pk).exists():
        raise Conflict(message, field="country")
    try:
        with transaction.atomic():
            origin.save()
    except IntegrityError:  # the same country saved at the same moment
        raise Conflict(message, field="country") from None


@transaction.atomic
def origin_rule_create(*, actor, country: str, origin_type: str, notes: str = "") -> OriginRule:
    """A destination country's certificate of origin (empty country: every other country)."""
    require_rules(actor)
    origin = OriginRule(
        workspace=actor.workspace,
        **_origin_values({"country": country, "origin_type": origin_type, "notes": notes}),
    )
    _origin_save(origin)
    _changed(actor, origin.country or "*")
    return origin


@transaction.atomic
def origin_rule_update(*, actor, origin: OriginRule, **changes) -> OriginRule:
    require_rules(actor)
    unknown = set(changes) - {"country", "origin_type", "notes"}
    if unknown:
        raise TypeError(f"unknown origin fields: {sorted(unknown)}")
    current = {"country": origin.country, "origin_type": origin.origin_type, "notes": origin.notes}
    for key, value in _origin_values({**current, **changes}).items():
        setattr(origin, key, value)
    _origin_save(origin)
    _changed(actor, origin.country or "*")
    return origin


@transaction.atomic
def origin_rule_delete(*, actor, origin: OriginRule) -> None:
    """Without a row a country falls to the "every other country" row (without that one: no certificate)."""
    require_rules(actor)
    country = origin.country
    origin.delete()
    _changed(actor, country or "*")
