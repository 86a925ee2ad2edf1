"""The document rules and the certificate-of-origin table: every member reads them, the documents clerk and
the leads change them (403 for the others). A change re-computes the open shipments' checklists."""

from uuid import UUID

from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.catalog.access import access_category
from tradewind.trade.shipdocs import selectors, services
from tradewind.trade.shipdocs.access import access_origin_rule, access_rule
from tradewind.trade.shipdocs.api.router import router
from tradewind.trade.shipdocs.api.schemas import (
    ShipdocsOriginIn,
    ShipdocsOriginOut,
    ShipdocsOriginPatch,
    ShipdocsRuleIn,
    ShipdocsRuleOut,
    ShipdocsRulePatch,
)

RULES = "/workspaces/{slug}/shipping-documents/rules"
ORIGINS = "/workspaces/{slug}/shipping-documents/origin"


def _rule_out(rule) -> dict:
    return {
        "id": rule.public_id,
        "trigger": rule.trigger,
        "values": list(rule.values or []),
        "category": {"id": rule.category.public_id, "name": rule.category.name} if rule.category else None,
        "kind": rule.kind,
        "name": rule.name,
        "notes": rule.notes,
        "is_active": rule.is_active,
        "position": rule.position,
    }


def _origin_out(origin) -> dict:
    return {
        "id": origin.public_id,
        "country": origin.country,
        "origin_type": origin.origin_type,
        "notes": origin.notes,
    }


@router.get(
    RULES, response=list[ShipdocsRuleOut], url_name="shipdocs_rule_list", summary="The document rules"
)
def rule_list(request, slug: str):
    """In their order: each says which document a shipment needs when its Incoterm, payment method,
    destination, product category or a word in its goods matches."""
    m = api_membership(request, slug)
    return [_rule_out(r) for r in selectors.rules(workspace=m.workspace)]


@router.post(
    RULES,
    response=answers(ShipdocsRuleOut, 403, status=201),
    url_name="shipdocs_rule_create",
    summary="Add a rule",
)
def rule_create(request, slug: str, payload: ShipdocsRuleIn):
    """422: values that do not fit the trigger (an unknown Incoterm, country or method; no words)."""
    m = api_membership(request, slug)
    data = payload.dict()
    data["category"] = access_category(m, payload.category) if payload.category else None
    return Status(201, _rule_out(services.rule_create(actor=m, **data)))


@router.get(RULES + "/{document_rule_id}", response=ShipdocsRuleOut, url_name="shipdocs_rule_detail")
def rule_detail(request, slug: str, document_rule_id: UUID):
    return _rule_out(access_rule(api_membership(request, slug), document_rule_id))


@router.patch(
    RULES + "/{document_rule_id}",
    response=answers(ShipdocsRuleOut, 403),
    url_name="shipdocs_rule_update",
    summary="Change a rule",
)
def rule_update(request, slug: str, document_rule_id: UUID, payload: ShipdocsRulePatch):
    """The fields you send; the rule is checked whole."""
    m = api_membership(request, slug)
    rule = access_rule(m, document_rule_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    for key in ("trigger", "kind", "is_active"):
        if changes.get(key, 0) is None:
            changes.pop(key)
    if "values" in changes:
        changes["values"] = changes["values"] or []
    if "category" in changes:
        changes["category"] = access_category(m, changes["category"]) if changes["category"] else None
    return _rule_out(services.rule_update(actor=m, rule=rule, **changes))


@router.delete(
    RULES + "/{document_rule_id}", response=answers(None, 403, status=204), url_name="shipdocs_rule_delete"
)
def rule_delete(request, slug: str, document_rule_id: UUID):
    """Documents it asked for that carry work stay on their checklists."""
    m = api_membership(request, slug)
    services.rule_delete(actor=m, rule=access_rule(m, document_rule_id))
    return Status(204, None)


@router.get(
    ORIGINS,
    response=list[ShipdocsOriginOut],
    url_name="shipdocs_origin_list",
    summary="Certificates of origin by destination",
)
def origin_list(request, slug: str):
    """The row with an empty country is for every other country."""
    m = api_membership(request, slug)
    return [_origin_out(o) for o in selectors.origin_rules(workspace=m.workspace)]


@router.post(
    ORIGINS, response=answers(ShipdocsOriginOut, 403, 409, status=201), url_name="shipdocs_origin_create"
)
def origin_create(request, slug: str, payload: ShipdocsOriginIn):
    """409: the country has a row already."""
    m = api_membership(request, slug)
    return Status(201, _origin_out(services.origin_rule_create(actor=m, **payload.dict())))


@router.patch(
    ORIGINS + "/{origin_rule_id}",
    response=answers(ShipdocsOriginOut, 403, 409),
    url_name="shipdocs_origin_update",
)
def origin_update(request, slug: str, origin_rule_id: UUID, payload: ShipdocsOriginPatch):
    m = api_membership(request, slug)
    origin = access_origin_rule(m, origin_rule_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set if getattr(payload, k) is not None}
    return _origin_out(services.origin_rule_update(actor=m, origin=origin, **changes))


@router.delete(
    ORIGINS + "/{origin_rule_id}", response=answers(None, 403, status=204), url_name="shipdocs_origin_delete"
)
def origin_delete(request, slug: str, origin_rule_id: UUID):
    m = api_membership(request, slug)
    services.origin_rule_delete(actor=m, origin=access_origin_rule(m, origin_rule_id))
    return Status(204, None)
