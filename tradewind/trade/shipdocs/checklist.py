"""Which documents a shipment needs, from the workspace's rules and the order — read only; the sync
(services/documents.py) makes the rows.

Read from the order: its Incoterm, its payment terms' methods, its letter of credit; from the shipment: the
destination (the port of discharge's country, else the buyer's destination port's, else the buyer's
country) and the goods (the shipment's lines, or the order's while the shipment names none) with their
products' categories and texts, where a packing word such as "wood" is looked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.trade.shipdocs.choices import DocumentKind, OriginType, RuleTrigger
from tradewind.trade.shipdocs.models import DocumentRule, LetterOfCredit, OriginRule

KIND_ORDER = list(DocumentKind.values)


@dataclass
class Requirement:
    kind: str
    rule_key: str
    name: str = ""
    origin_type: str = ""
    reasons: list[dict] = field(default_factory=list)
    from_lc: bool = False

    @property
    def position(self) -> int:
        return KIND_ORDER.index(self.kind)


def destination_country(shipment) -> str:
    """Where the goods go: the port of discharge's country (UN/LOCODE starts with it), else the buyer's."""
    customer = shipment.order.customer
    for port in (shipment.port_of_discharge, customer.destination_port):
        code = (port or "")[:2].upper()
        if len(port or "") == 5 and code in geo.country_codes():
            return code
    return (customer.country or "").upper()


def payment_methods(order) -> set[str]:
    return {m.get("method") for m in order.payment_terms or [] if isinstance(m, dict)}


def _goods(shipment) -> list:
    """The order lines the shipment carries (the whole order while it names no goods)."""
    lines = [line.order_line for line in shipment.lines.select_related("order_line__product__category")]
    if not lines:
        lines = list(shipment.order.lines.select_related("product__category"))
    return lines


def _goods_text(shipment, lines) -> str:
    parts = [shipment.remarks]
    for line in lines:
        parts += [line.name, line.specification]
        product = line.product
        if product is not None:
            parts += [product.description, *(f"{k} {v}" for k, v in product.specs or [] if k or v)]
    return " ".join(p for p in parts if p).casefold()


def origin_type_for(country: str, origins: list[OriginRule]) -> str:
    """The destination's certificate of origin from the table ("" when the table says none)."""
    by_country = {o.country: o.origin_type for o in origins}
    found = by_country.get(country, by_country.get(""))
    return "" if found in (None, OriginType.NONE) else found


def rule_key(kind: str, extra: str = "") -> str:
    """One document per kind; "other" documents are told apart by where they came from."""
    return kind if kind != DocumentKind.OTHER else f"other:{extra}"[:30]


def shipment_checklist(shipment, *, letter: LetterOfCredit | bool | None = False) -> list[Requirement]:
    """The documents the rules ask of `shipment`, each with why, in the checklist's order."""
    order = shipment.order
    workspace_id = shipment.workspace_id
    if letter is False:
        letter = LetterOfCredit.objects.filter(order=order).first()
    wanted: dict[str, Requirement] = {}

    def need(kind: str, reason: dict, *, name: str = "", extra: str = "", from_lc: bool = False) -> None:
        key = rule_key(kind, extra)
        requirement = wanted.setdefault(key, Requirement(kind=kind, rule_key=key))
        if reason not in requirement.reasons:
            requirement.reasons.append(reason)
        requirement.name = requirement.name or name
        requirement.from_lc = requirement.from_lc or from_lc

    methods = payment_methods(order)
    country = destination_country(shipment)
    lines = None
    text = None
    rules = DocumentRule.objects.filter(workspace_id=workspace_id, is_active=True).select_related("category")
    for rule in rules:
        values = [str(v) for v in rule.values or []]
        matched = None
        if rule.trigger == RuleTrigger.ALWAYS:
            matched = ""
        elif rule.trigger == RuleTrigger.INCOTERM and order.incoterm in values:
            matched = order.incoterm
        elif rule.trigger == RuleTrigger.PAYMENT_METHOD:
            matched = next((v for v in values if v in methods), None)
        elif rule.trigger == RuleTrigger.DESTINATION and country in values:
            matched = country
        elif rule.trigger == RuleTrigger.PRODUCT_CATEGORY and rule.category_id:
            lines = _goods(shipment) if lines is None else lines
            if any(
                line.product is not None and line.product.category_id == rule.category_id for line in lines
            ):
                matched = rule.category.name
        elif rule.trigger == RuleTrigger.PACKING_KEYWORD:
            lines = _goods(shipment) if lines is None else lines
            text = _goods_text(shipment, lines) if text is None else text
            matched = next((v for v in values if v.strip() and v.strip().casefold() in text), None)
        if matched is not None:
            need(
                rule.kind,
                {"trigger": rule.trigger, "value": matched},
                name=rule.name,
                extra=rule.public_id.hex[:12],
            )
    if letter is not None:
        reason = {"trigger": "lc", "value": letter.number}
        for kind in [DocumentKind.LC_PRESENTATION, *letter.documents_required]:
            if kind in DocumentKind.values:
                need(kind, reason, extra="lc", from_lc=True)
    origins = list(OriginRule.objects.filter(workspace_id=workspace_id))
    origin_type = origin_type_for(country, origins)
    if origin_type:
        need(DocumentKind.CERTIFICATE_OF_ORIGIN, {"trigger": "destination", "value": country})
    co = wanted.get(DocumentKind.CERTIFICATE_OF_ORIGIN)
    if co is not None:  # asked for by a rule or the L/C even where the table says none: a general one
        co.origin_type = origin_type or OriginType.GENERAL
    return sorted(wanted.values(), key=lambda r: (r.position, r.rule_key))


def reason_text(reason: dict) -> str:
    """Why a document is on the checklist, in the reader's language."""
    from tradewind.core.trade import PaymentMethod

    trigger, value = reason.get("trigger"), str(reason.get("value") or "")
    if trigger == RuleTrigger.ALWAYS:
        return _("every shipment")
    if trigger == RuleTrigger.INCOTERM:
        return _("Incoterm %(code)s") % {"code": value}
    if trigger == RuleTrigger.PAYMENT_METHOD:
        label = dict(PaymentMethod.choices).get(value, value)
        return _("paid by %(method)s") % {"method": label}
    if trigger == RuleTrigger.DESTINATION:
        return _("goods to %(country)s") % {"country": geo.country_name(value) or value}
    if trigger == RuleTrigger.PRODUCT_CATEGORY:
        return _("goods of the category %(name)s") % {"name": value}
    if trigger == RuleTrigger.PACKING_KEYWORD:
        return _("“%(word)s” in the goods or packing") % {"word": value}
    if trigger == "lc":
        return _("L/C %(number)s asks for it") % {"number": value}
    return value
