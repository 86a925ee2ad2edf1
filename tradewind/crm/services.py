"""Customer rules: the profile and its contacts, duplicates, the timeline and follow-ups.

Ownership and the public pool (claim, release, assign, auto-return, handover, merge) are in pool.py.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from tradewind.core.labels import labels_set
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import (
    CONTACT_CHANNELS,
    Channel,
    DuplicatePolicy,
    Incoterm,
    PriceSensitivity,
    Source,
    Stage,
)
from tradewind.crm.duplicates import Match, customer_keys, duplicate_check
from tradewind.crm.limits import check_private_room
from tradewind.crm.localtime import zone_for
from tradewind.crm.models import (
    Contact,
    Customer,
    CustomerGrade,
    CustomerKey,
    CustomerNameToken,
    CustomerTag,
    Tag,
    TimelineEntry,
)
from tradewind.crm.normalize import (
    PhoneError,
    name_key,
    name_tokens,
    phone_e164,
    phone_search_forms,
    search_text,
    website_domain,
)
from tradewind.crm.setup import crm_settings
from tradewind.crm.timeline_events import event_stored

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


# --- checks -----------------------------------------------------------------------------------------


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
        if clean["currency"] not in geo.currency_codes():
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


def _unreadable_phone(raw: str, country: str) -> str:
    if raw.strip().startswith(("+", "00")):  # it has a country code: the number itself is wrong
        return _("“%(phone)s” is not a valid number in the country of its code. Check the digits.") % {
            "phone": raw
        }
    if country:  # read as a number of the customer's country, and not one
        return _(
            "“%(phone)s” is not a valid number in %(country)s. Check the digits, or add the country code "
            "for a number abroad, e.g. +49 40 123456."
        ) % {"phone": raw, "country": geo.country_name(country)}
    return _("“%(phone)s” is not a phone number we can read. Add the country code, e.g. +49 40 123456.") % {
        "phone": raw
    }


def clean_contact(*, country: str, data: dict, field_prefix: str = "") -> dict:
    """Validate a contact: e-mails need a domain; phones become E.164, read in the customer's country.
    Every refusal at once (ValidationFailed.all_of), not one per submit."""
    errors: list[ValidationFailed] = []
    name = (data.get("name") or "").strip()
    if not name:
        errors.append(ValidationFailed(_("Enter the contact's name."), field=f"{field_prefix}name"))
    emails = []
    for raw in data.get("emails") or []:
        email = raw.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                ValidationFailed(
                    _("“%(email)s” is not a complete e-mail address (name@domain).") % {"email": raw},
                    field=f"{field_prefix}emails",
                )
            )
            continue
        emails.append(email)
    phones = []
    for raw in [*(data.get("phones") or [])]:
        if not raw.strip():
            continue
        try:
            phones.append(phone_e164(raw, country))
        except PhoneError:
            errors.append(ValidationFailed(_unreadable_phone(raw, country), field=f"{field_prefix}phones"))
    whatsapp = (data.get("whatsapp") or "").strip()
    if whatsapp:
        try:
            whatsapp = phone_e164(whatsapp, country)
        except PhoneError:
            errors.append(
                ValidationFailed(_unreadable_phone(whatsapp, country), field=f"{field_prefix}whatsapp")
            )
    if errors:
        raise ValidationFailed.all_of(errors)
    return {
        "name": name[:120],
        "title": (data.get("title") or "").strip()[:120],
        "emails": sorted(set(emails), key=emails.index),
        "phones": sorted(set(phones), key=phones.index),
        "whatsapp": whatsapp,
        "wechat": (data.get("wechat") or "").strip()[:60],
        "skype": (data.get("skype") or "").strip()[:80],
        "linkedin": (data.get("linkedin") or "").strip()[:200],
        "is_primary": bool(data.get("is_primary")),
        "notes": (data.get("notes") or "").strip(),
    }


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


# --- derived data -----------------------------------------------------------------------------------


def customer_reindex(customer: Customer) -> None:
    """Recompute what search and the duplicate check use, from the profile and the contacts."""
    contacts = list(customer.contacts.all())
    emails = [e for c in contacts for e in c.emails]
    phones = [p for c in contacts for p in c.phones] + [c.whatsapp for c in contacts if c.whatsapp]
    customer.name_key = name_key(customer.name)
    customer.search_text = search_text(
        customer.name,
        customer.name_latin,
        customer.city,
        customer.website,
        *[c.name for c in contacts],
        *emails,
        *phone_search_forms(phones),
        *[c.wechat for c in contacts],
    )
    customer.zone = zone_for(customer.country, customer.time_zone)
    Customer.objects.filter(pk=customer.pk).update(
        name_key=customer.name_key, search_text=customer.search_text, zone=customer.zone
    )
    keys = customer_keys(name=customer.name, emails=emails, phones=phones, website=customer.website)
    if customer.name_latin:
        latin = name_key(customer.name_latin)
        if latin:
            keys["name"].add(latin)
    CustomerKey.objects.filter(customer=customer).delete()
    CustomerKey.objects.bulk_create(
        [
            CustomerKey(workspace_id=customer.workspace_id, customer=customer, kind=kind, value=value[:200])
            for kind, values in keys.items()
            for value in values
        ],
        ignore_conflicts=True,
    )
    tokens = name_tokens(customer.name_key) | (
        name_tokens(name_key(customer.name_latin)) if customer.name_latin else set()
    )
    CustomerNameToken.objects.filter(customer=customer).delete()
    CustomerNameToken.objects.bulk_create(
        [CustomerNameToken(workspace_id=customer.workspace_id, customer=customer, token=t) for t in tokens],
        ignore_conflicts=True,
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


def timeline_add(customer, *, actor, channel: str, event: str, at=None, **data) -> TimelineEntry:
    """A system entry (ownership change, merge…) in the customer's history; `event` is a code of
    `timeline_events.EVENTS`, shown in the reader's language."""
    summary, data = event_stored(event, **data)
    return TimelineEntry.objects.create(
        workspace_id=customer.workspace_id,
        customer=customer,
        actor=actor,
        channel=channel,
        at=at or timezone.now(),
        summary=summary,
        data=data,
    )


# --- customers --------------------------------------------------------------------------------------


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


@transaction.atomic
def contact_save(*, actor, customer: Customer, data: dict, contact: Contact | None = None) -> Contact:
    """Add or change a contact. Its e-mails and phones join the duplicate check."""
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot change this customer."))
    clean = clean_contact(country=customer.country, data=data)
    if contact is None:
        contact = Contact(workspace_id=customer.workspace_id, customer=customer)
    for key, value in clean.items():
        setattr(contact, key, value)
    if not customer.contacts.exclude(pk=contact.pk).exists():
        contact.is_primary = True
    contact.save()
    if contact.is_primary:
        customer.contacts.exclude(pk=contact.pk).update(is_primary=False)
    customer_reindex(customer)
    return contact


@transaction.atomic
def contact_delete(*, actor, contact: Contact) -> None:
    customer = contact.customer
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot change this customer."))
    name = contact.name
    contact.delete()
    customer_reindex(customer)
    # A buyer's person gone from the profile stays findable in its history.
    timeline_add(customer, actor=actor, channel=Channel.SYSTEM, event="contact_removed", name=name)


# --- timeline and follow-ups ------------------------------------------------------------------------


def _cadence(customer: Customer) -> int:
    return customer.grade.follow_up_days if customer.grade else 14


@transaction.atomic
def timeline_log(
    *,
    actor,
    customer: Customer,
    channel: str,
    summary: str,
    at: dt.datetime | None = None,
    outcome: str = "",
    next_step: str = "",
    contact: Contact | None = None,
    next_follow_up_on: dt.date | None = None,
) -> TimelineEntry:
    """Log an interaction. A contact with the customer (call, e-mail, visit …) restarts the follow-up
    clock: the next follow-up is the given date, or the interaction's day plus the grade's cadence (today
    at the earliest). One logged after a later contact was (an old call noted late) changes neither."""
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot log interactions for this customer."))
    if channel not in (Channel.NOTE, *CONTACT_CHANNELS):
        raise ValidationFailed(_("Choose how you were in touch."), field="channel")
    summary = (summary or "").strip()
    if not summary:
        raise ValidationFailed(_("Say what happened."), field="summary")
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):  # "2026-11-27T10:00" from an API client: in the reader's time zone
        at = timezone.make_aware(at)
    if at > now + dt.timedelta(minutes=5):
        raise ValidationFailed(
            _("An interaction cannot be in the future; plan it as a follow-up."), field="at"
        )
    if contact is not None and contact.customer_id != customer.pk:
        raise ValidationFailed(_("Choose one of this customer's contacts."), field="contact")
    if next_follow_up_on is not None and next_follow_up_on < timezone.localdate():
        raise ValidationFailed(_("The next follow-up cannot be in the past."), field="next_follow_up_on")
    entry = TimelineEntry.objects.create(
        workspace_id=customer.workspace_id,
        customer=customer,
        actor=actor,
        channel=channel,
        at=at,
        summary=summary,
        outcome=(outcome or "").strip()[:300],
        next_step=(next_step or "").strip()[:300],
        contact=contact,
    )
    fields = {}
    latest = channel in CONTACT_CHANNELS and (
        customer.last_contact_at is None or at > customer.last_contact_at
    )
    if latest:
        fields["last_contact_at"] = at
        fields["next_follow_up_on"] = next_follow_up_on or max(
            timezone.localdate(at) + dt.timedelta(days=_cadence(customer)), timezone.localdate()
        )
        fields["return_warned_at"] = None
    elif next_follow_up_on is not None:
        fields["next_follow_up_on"] = next_follow_up_on
    if fields:
        Customer.objects.filter(pk=customer.pk).update(**fields, updated_at=now)
        for key, value in fields.items():
            setattr(customer, key, value)
    broadcast_on_commit(customer.workspace, "customers", {"customer": str(customer.public_id)})
    return entry


@transaction.atomic
def follow_up_set(*, actor, customer: Customer, on: dt.date | None) -> Customer:
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot plan follow-ups for this customer."))
    if on is not None and on < timezone.localdate():
        raise ValidationFailed(_("The next follow-up cannot be in the past."), field="next_follow_up_on")
    Customer.objects.filter(pk=customer.pk).update(next_follow_up_on=on, updated_at=timezone.now())
    customer.next_follow_up_on = on
    return customer
