"""A customer's contacts: e-mails and phones checked (E.164, read in the customer's country), one primary."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.choices import (
    Channel,
)
from tradewind.crm.hooks import contacts_hooks_run
from tradewind.crm.models import (
    Contact,
    Customer,
)
from tradewind.crm.normalize import (
    PhoneError,
    phone_e164,
)
from tradewind.crm.services.index import customer_reindex
from tradewind.crm.services.timeline import timeline_add


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
    contacts_hooks_run(actor=actor, customer=customer, emails=contact.emails)
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
