"""Customers: the profile rules, the duplicate guard, creating and changing a customer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core import geo, money
from tradewind.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from tradewind.core.labels import labels_set
from tradewind.core.realtime import broadcast_on_commit
from tradewind.core.trade import Incoterm
from tradewind.crm import permissions
from tradewind.crm.choices import (
    Channel,
    DuplicatePolicy,
    PriceSensitivity,
    Source,
    Stage,
)
from tradewind.crm.duplicates import Match, duplicate_check
from tradewind.crm.hooks import contacts_hooks_run
from tradewind.crm.models import (
    Contact,
    Customer,
    CustomerGrade,
    CustomerTag,
    Tag,
)
from tradewind.crm.normalize import (
    website_domain,
)
from tradewind.crm.selectors.settings import crm_settings
from tradewind.crm.services.contacts import clean_contact
from tradewind.crm.services.index import customer_reindex
from tradewind.crm.services.limits import check_private_room
from tradewind.crm.services.timeline import timeline_add

PROFILE_FIELDS = (
    "name", "name_latin", "country", "city", "address", "website", "industry", "source", "source_detail",
    "stage", "languages", "time_zone", "products", "typical_volume", "incoterm", "named_place",
    "payment_terms", "currency", "destination_port", "packaging", "certifications", "price_sensitivity",
    "notes",
)  # fmt: skip


class DuplicatesFound(ApplicationError):
    """The proposed customer looks like existing ones. `blocked`: the workspace forbids it outright;
    otherwise the caller may confirm and go ahead."""

    code = "duplicate"
    status = 409

    def __init__(self, message, *, matches: list[Match], blocked: bool):
        super().__init__(message, field="name")
        self.matches = matches
        self.blocked = blocked

    def details(self) -> dict:
        return {"blocked": self.blocked, "matches": [match_summary(m) for m in self.matches]}


def match_summary(match: Match) -> dict:
    """What anyone may know of a match: it exists, its name, its owner, why it matched."""
    customer = match.customer
    return {
        "id": str(customer.public_id),
        "name": customer.name,
        "owner": customer.owner.user.display_name if customer.owner else None,
        "in_pool": customer.owner_id is None,
        "exact": match.exact,
        "score": match.score,
        "reasons": [{"reason": code, "value": value} for code, value in match.reasons],
    }


# Checked for every imported row: built once (a choices class's `.values` is recomputed on each access).
_PROFILE_CHOICES = {
    "source": frozenset(Source.values),
    "stage": frozenset(Stage.values),
    "incoterm": frozenset(["", *Incoterm.values]),
    "price_sensitivity": frozenset(PriceSensitivity.values),
}


def clean_profile(workspace, data: dict) -> dict:
    """The house rules for a customer profile (the fields given): trimmed text, a known country, source,
    stage, Incoterm, time zone and currency, a UN/LOCODE port. Raises ValidationFailed naming the field.
    The import checks every row with it too (imports/rows.py)."""
    clean = {k: (data.get(k) or "") for k in PROFILE_FIELDS if k in data}
    clean = {k: v.strip() if isinstance(v, str) else v for k, v in clean.items()}
    if "name" in clean and not clean["name"]:
        raise ValidationFailed(_("Enter the company name."), field="name")
    if "country" in clean:
        clean["country"] = clean["country"].upper()
        if clean["country"] not in geo.country_codes():
            raise ValidationFailed(
                _("“%(code)s” is not a country code. Use two letters, e.g. DE, US, AE.")
                % {"code": clean["country"]},
                field="country",
            )
    for key, allowed in _PROFILE_CHOICES.items():
        if key in clean and clean[key] not in allowed:
            raise ValidationFailed(_("Choose a value from the list."), field=key)
    if clean.get("website"):
        host = website_domain(clean["website"]) or ""
        if " " in clean["website"] or "." not in host:
            raise ValidationFailed(
                _("“%(website)s” is not a web address, e.g. www.acme.de.") % {"website": clean["website"]},
                field="website",
            )
    if clean.get("time_zone") and clean["time_zone"] not in geo.time_zones():
        raise ValidationFailed(_("Choose a time zone from the list."), field="time_zone")
    if clean.get("time_zone") and clean.get("country"):
        # The override picks one of the country's zones (Chicago in the US), not a zone elsewhere.
        zones = geo.country_time_zones(clean["country"])
        if zones and clean["time_zone"] not in zones:
            raise ValidationFailed(
                _("%(zone)s is not a time zone of %(country)s. Choose one of its zones, or leave it empty.")
                % {"zone": clean["time_zone"], "country": geo.country_name(clean["country"])},
                field="time_zone",
            )
    if clean.get("currency"):
        clean["currency"] = clean["currency"].upper()
        if clean["currency"] not in money.currency_codes():
            raise ValidationFailed(_("Use a three-letter currency code, e.g. USD, EUR."), field="currency")
    if clean.get("destination_port"):
        clean["destination_port"] = clean["destination_port"].upper().replace(" ", "")
        if len(clean["destination_port"]) != 5 or not clean["destination_port"].isalnum():
            raise ValidationFailed(
                _("A UN/LOCODE has five characters, e.g. DEHAM."), field="destination_port"
            )
    return clean


def _clean_grade(workspace, grade) -> CustomerGrade | None:
    if grade is None or grade == "":
        return None
    if isinstance(grade, CustomerGrade):
        if grade.workspace_id != workspace.pk:
            raise ValidationFailed(_("This workspace has no such grade."), field="grade")
        return grade
    found = CustomerGrade.objects.filter(workspace=workspace, code__iexact=str(grade)).first()
    if found is None:
        raise ValidationFailed(
            _("This workspace has no grade “%(grade)s”.") % {"grade": grade}, field="grade"
        )
    return found


def _guard_duplicates(actor, matches: list[Match], *, confirmed: bool) -> None:
    """Another rep's exact duplicate is blocked or warned (workspace rule); anything else warns."""
    if not matches:
        return
    foreign_exact = [m for m in matches if m.exact and m.customer.owner_id not in (None, actor.pk)]
    if foreign_exact and crm_settings(actor.workspace).duplicate_policy == DuplicatePolicy.BLOCK:
        owner = foreign_exact[0].customer.owner.user.display_name
        raise DuplicatesFound(
            _(
                "%(customer)s already belongs to %(owner)s. "
                "Ask them or a manager instead of creating it again."
            )
            % {"customer": foreign_exact[0].customer.name, "owner": owner},
            matches=matches,
            blocked=True,
        )
    if not confirmed:
        raise DuplicatesFound(
            _("This customer may exist already. Check the matches; confirm to save anyway."),
            matches=matches,
            blocked=False,
        )


def _set_tags(customer: Customer, names) -> None:
    labels_set(
        record=customer,
        names=names,
        label_model=Tag,
        link_model=CustomerTag,
        record_field="customer",
        label_field="tag",
    )


@transaction.atomic
def customer_create(
    *,
    actor,
    data: dict,
    contacts: list[dict] = (),
    grade=None,
    tags: list[str] = (),
    owner="me",
    confirm_duplicates: bool = False,
) -> Customer:
    """Create a customer owned by the actor (or in the pool with owner=None), after the duplicate check."""
    if not permissions.can_create(actor):
        raise PermissionDenied(_("Your role cannot add customers."))
    workspace = actor.workspace
    profile = clean_profile(workspace, {**{"source": Source.OTHER, "stage": Stage.LEAD}, **data})
    if not profile.get("name"):
        raise ValidationFailed(_("Enter the company name."), field="name")
    if not profile.get("country"):
        raise ValidationFailed(_("Choose the customer's country."), field="country")
    grade = _clean_grade(workspace, grade)
    clean_contacts = [
        clean_contact(country=profile["country"], data=c, field_prefix=f"contacts.{i}.")
        for i, c in enumerate(contacts)
    ]
    if owner == "me":
        owner = actor if permissions.can_own_customers(actor) else None
    if owner is not None and owner.pk == actor.pk:
        check_private_room(actor, grade)
    matches = duplicate_check(
        workspace=workspace,
        name=profile["name"],
        emails=[e for c in clean_contacts for e in c["emails"]],
        phones=[p for c in clean_contacts for p in c["phones"]]
        + [c["whatsapp"] for c in clean_contacts if c["whatsapp"]],
        website=profile.get("website", ""),
    )
    _guard_duplicates(actor, matches, confirmed=confirm_duplicates)
    now = timezone.now()
    customer = Customer.objects.create(
        workspace=workspace, grade=grade, owner=owner, owned_since=now if owner else None, **profile
    )
    # One primary contact: the first marked so, else the first.
    primary = next(
        (c for c in clean_contacts if c["is_primary"]), clean_contacts[0] if clean_contacts else None
    )
    for c in clean_contacts:
        c["is_primary"] = c is primary
    for c in clean_contacts:
        Contact.objects.create(workspace=workspace, customer=customer, **c)
    _set_tags(customer, tags)
    customer_reindex(customer)
    timeline_add(customer, actor=actor, channel=Channel.SYSTEM, event="created")
    emails = [e for c in clean_contacts for e in c["emails"]]
    contacts_hooks_run(actor=actor, customer=customer, emails=emails)
    broadcast_on_commit(workspace, "customers", {"customer": str(customer.public_id)})
    return customer


@transaction.atomic
def customer_update(
    *, actor, customer: Customer, data: dict, grade=..., tags=None, confirm_duplicates: bool = False
) -> Customer:
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot change this customer."))
    workspace = actor.workspace
    profile = clean_profile(workspace, data)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    renamed = ("name" in profile and profile["name"] != customer.name) or (
        "website" in profile and profile["website"] != customer.website
    )
    if renamed:
        contacts = list(customer.contacts.all())
        matches = duplicate_check(
            workspace=workspace,
            name=profile.get("name", customer.name),
            emails=[e for c in contacts for e in c.emails],
            phones=[p for c in contacts for p in c.phones],
            website=profile.get("website", customer.website),
            exclude_id=customer.pk,
        )
        _guard_duplicates(actor, matches, confirmed=confirm_duplicates)
    for key, value in profile.items():
        setattr(customer, key, value)
    if grade is not ...:
        customer.grade = _clean_grade(workspace, grade)
    customer.save()
    if tags is not None:
        _set_tags(customer, tags)
    customer_reindex(customer)
    broadcast_on_commit(workspace, "customers", {"customer": str(customer.public_id)})
    return customer
