"""Suppliers: the factories production is placed with. The merchandiser and the leads keep the list; an
archived supplier takes no new production and keeps its past orders."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.trade.production import permissions
from tradewind.trade.production.models import Supplier
from tradewind.trade.production.services.common import clean_text, supplier_history

SUPPLIER_FIELDS = ("name", "contact_person", "phone", "email", "city", "country", "notes")
LENGTHS = {
    "name": 200, "contact_person": 120, "phone": 40, "email": 254, "city": 100, "country": 2, "notes": 10_000,
}  # fmt: skip


def _require_keeper(actor) -> None:
    if not permissions.can_manage_suppliers(actor):
        raise PermissionDenied(_("Only the merchandiser or a manager keeps the suppliers."))


def clean_supplier(values: dict) -> dict:
    """A name (required), a complete e-mail address, a known country; every refusal at once."""
    unknown = set(values) - set(SUPPLIER_FIELDS)
    if unknown:
        raise TypeError(f"unknown supplier fields: {sorted(unknown)}")
    errors: list[ValidationFailed] = []
    clean = clean_text(values, LENGTHS, errors)
    if "name" in clean and not clean["name"]:
        errors.append(ValidationFailed(_("Give the supplier a name."), field="name"))
    if clean.get("email"):
        clean["email"] = clean["email"].lower()
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors.append(
                ValidationFailed(
                    _("“%(email)s” is not a complete e-mail address (name@domain).")
                    % {"email": clean["email"][:80]},
                    field="email",
                )
            )
    if clean.get("country"):
        clean["country"] = clean["country"].upper()
        if clean["country"] not in geo.country_codes():
            errors.append(ValidationFailed(_("Choose a country from the list."), field="country"))
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def _save(supplier: Supplier) -> None:
    taken = (
        Supplier.objects.filter(workspace_id=supplier.workspace_id)
        .annotate(lower=Lower("name"))
        .filter(lower=supplier.name.lower())
        .exclude(pk=supplier.pk)
    )
    message = _("There is a supplier “%(name)s” already.") % {"name": supplier.name}
    if taken.exists():
        raise Conflict(message, field="name")
    try:
        with transaction.atomic():
            supplier.save()
    except IntegrityError:  # the same name saved at the same moment
        raise Conflict(message, field="name") from None


@transaction.atomic
def supplier_create(
    *,
    actor,
    name: str,
    contact_person: str = "",
    phone: str = "",
    email: str = "",
    city: str = "",
    country: str = "",
    notes: str = "",
) -> Supplier:
    _require_keeper(actor)
    values = clean_supplier(
        {"name": name, "contact_person": contact_person, "phone": phone, "email": email, "city": city,
         "country": country, "notes": notes}
    )  # fmt: skip
    supplier = Supplier(workspace=actor.workspace, **values)
    _save(supplier)
    supplier_history(actor, supplier, "production.supplier_created")
    return supplier


@transaction.atomic
def supplier_update(*, actor, supplier: Supplier, **changes) -> Supplier:
    """Change the fields given."""
    _require_keeper(actor)
    supplier = Supplier.objects.select_for_update(of=("self",)).get(pk=supplier.pk)
    changed = []
    for key, value in clean_supplier(changes).items():
        if getattr(supplier, key) != value:
            setattr(supplier, key, value)
            changed.append(key)
    if changed:
        _save(supplier)
        supplier_history(actor, supplier, "production.supplier_changed", {"fields": changed})
    return supplier


@transaction.atomic
def supplier_archive(*, actor, supplier: Supplier) -> Supplier:
    """No new production goes to an archived supplier; what it makes now goes on."""
    return _set_archived(actor, supplier, True)


@transaction.atomic
def supplier_restore(*, actor, supplier: Supplier) -> Supplier:
    return _set_archived(actor, supplier, False)


def _set_archived(actor, supplier: Supplier, archived: bool) -> Supplier:
    _require_keeper(actor)
    supplier = Supplier.objects.select_for_update(of=("self",)).get(pk=supplier.pk)
    if supplier.archived == archived:
        return supplier
    supplier.archived = archived
    supplier.save(update_fields=["archived", "updated_at"])
    kind = "production.supplier_archived" if archived else "production.supplier_restored"
    supplier_history(actor, supplier, kind)
    return supplier
