"""A shipment's containers: type, number (ISO 6346, checked), seal, cartons, gross weight, volume. The
shipment's totals follow them. Air and courier shipments carry none; a container's number may wait until
the box is stuffed, but a full container load does not sail without it (services/shipments.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.numbers import decimal_number, whole_number
from tradewind.core.trade import ContainerType
from tradewind.trade.shipping.choices import NO_CONTAINERS
from tradewind.trade.shipping.containers import container_number_check
from tradewind.trade.shipping.models import Container, Shipment, ShipmentMode
from tradewind.trade.shipping.services.common import announce, history, lock_shipment, require_change_of
from tradewind.trade.shipping.services.goods import CARTONS_MAX, require_packing_open, totals_update

CONTAINER_FIELDS = ("container_type", "number", "seal_number", "cartons", "gross_kg", "cbm")
GROSS_KG_BOUNDS = (Decimal(0), Decimal("1000000"))
CBM_BOUNDS = (Decimal(0), Decimal("10000"))


def container_clean(shipment: Shipment, values: dict, *, container: Container | None = None) -> dict:
    """The fields given, by the rules: a container type that fits the mode, a valid ISO 6346 number not
    already in the shipment, the seal within its length, cartons whole, weight (2 decimals) and volume
    (4 decimals) not negative. Every refusal at once."""
    unknown = set(values) - set(CONTAINER_FIELDS)
    if unknown:
        raise TypeError(f"unknown container fields: {sorted(unknown)}")
    errors: list[ApplicationError] = []
    clean = {}
    if "container_type" in values:
        kind = values["container_type"]
        if kind not in ContainerType.values:
            errors.append(
                ValidationFailed(_("Choose a container type from the list."), field="container_type")
            )
        elif (kind == ContainerType.LCL) != (shipment.mode == ShipmentMode.SEA_LCL):
            errors.append(
                ValidationFailed(
                    _("An LCL shipment travels as LCL; a full container load in 20GP, 40GP, 40HQ …"),
                    field="container_type",
                )
            )
        clean["container_type"] = kind
    if "number" in values:
        number = (values["number"] or "").strip()
        if number:
            try:
                number = container_number_check(number)
            except ValidationFailed as error:
                errors.append(error)
            else:
                others = shipment.containers.filter(number=number)
                if container is not None:
                    others = others.exclude(pk=container.pk)
                if others.exists():
                    errors.append(
                        ValidationFailed(
                            _("Container %(number)s is in this shipment already.") % {"number": number},
                            field="number",
                        )
                    )
        clean["number"] = number
    if "seal_number" in values:
        seal = (values["seal_number"] or "").strip().upper()
        if len(seal) > 40:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 40}, field="seal_number"))
        clean["seal_number"] = seal
    if "cartons" in values:
        clean["cartons"] = (
            whole_number(
                values["cartons"], "cartons", 0, CARTONS_MAX, _("The cartons are a whole number."), errors
            )
            or 0
        )
    if "gross_kg" in values:
        clean["gross_kg"] = decimal_number(
            values["gross_kg"], "gross_kg", GROSS_KG_BOUNDS, 2,
            _("The gross weight is 0 to 1,000,000 kg with at most two decimals."), errors,
        ) or Decimal(0)  # fmt: skip
    if "cbm" in values:
        clean["cbm"] = decimal_number(
            values["cbm"], "cbm", CBM_BOUNDS, 4,
            _("The volume is 0 to 10,000 CBM with at most four decimals."), errors,
        ) or Decimal(0)  # fmt: skip
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def _require_containers(shipment: Shipment) -> None:
    if shipment.mode in NO_CONTAINERS:
        raise ValidationFailed(
            _("An air or courier shipment carries no containers: record its cartons with the goods."),
            field="container_type",
        )


def _label(container: Container) -> str:
    return container.number or container.get_container_type_display()


@transaction.atomic
def container_add(*, actor, shipment: Shipment, **fields) -> Container:
    """A container in the shipment (its type required; the number may follow once it is stuffed)."""
    shipment = lock_shipment(shipment)
    require_change_of(actor, shipment)
    require_packing_open(shipment)
    _require_containers(shipment)
    if not fields.get("container_type"):
        raise ValidationFailed(_("Choose a container type from the list."), field="container_type")
    values = container_clean(shipment, fields)
    position = (shipment.containers.aggregate(n=Max("position"))["n"] or 0) + 1
    container = Container.objects.create(
        workspace_id=shipment.workspace_id, shipment=shipment, position=position, **values
    )
    totals_update(shipment)
    history(actor, shipment, "shipping.container_added", {"container": _label(container)})
    announce(shipment)
    return container


@transaction.atomic
def container_update(*, actor, container: Container, **changes) -> Container:
    shipment = lock_shipment(container.shipment)
    require_change_of(actor, shipment)
    require_packing_open(shipment)
    container = Container.objects.get(pk=container.pk)
    values = container_clean(shipment, changes, container=container)
    changed = [field for field, value in values.items() if getattr(container, field) != value]
    if not changed:
        return container
    for field in changed:
        setattr(container, field, values[field])
    container.save()
    totals_update(shipment)
    history(
        actor, shipment, "shipping.container_changed", {"container": _label(container), "fields": changed}
    )
    announce(shipment)
    return container


@transaction.atomic
def container_remove(*, actor, container: Container) -> None:
    shipment = lock_shipment(container.shipment)
    require_change_of(actor, shipment)
    require_packing_open(shipment)
    label = _label(container)
    Container.objects.filter(pk=container.pk).delete()
    totals_update(shipment)
    history(actor, shipment, "shipping.container_removed", {"container": label})
    announce(shipment)
