"""An order's production: placed with a supplier, its dates kept, its progress reported with photos. Each
change asks risk.py whether the order is still on time for its delivery date."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.trade.models import Order
from tradewind.trade.production.choices import ProductionStatus
from tradewind.trade.production.models import Production, ProgressPhoto, ProgressUpdate, Supplier
from tradewind.trade.production.photos import photo_store, photos_check
from tradewind.trade.production.services.common import (
    check_date,
    check_percent,
    clean_text,
    lock_order,
    order_history,
    require_in_fulfilment,
    require_work,
)
from tradewind.trade.production.services.risk import production_risk_check

DATE_FIELDS = ("planned_start", "planned_ready", "actual_start", "actual_ready", "expected_ready")
PRODUCTION_FIELDS = ("goods", *DATE_FIELDS, "progress", "status", "notes")
LENGTHS = {"goods": 300, "notes": 10_000}
NOTE_LENGTH = 10_000


def _supplier(actor, supplier) -> Supplier:
    if not isinstance(supplier, Supplier) or supplier.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a supplier of this workspace."), field="supplier")
    supplier = Supplier.objects.get(pk=supplier.pk)  # as it is now (archived since the form was shown?)
    if supplier.archived:
        raise ValidationFailed(
            _("%(name)s is archived: choose a current supplier.") % {"name": supplier.name}, field="supplier"
        )
    return supplier


def _start(values: dict):
    return values.get("actual_start") or values.get("planned_start")


def _expected_after_start(expected, start, errors: list, field="expected_ready") -> None:
    if expected and start and expected < start:
        errors.append(ValidationFailed(_("The goods cannot be ready before production starts."), field=field))


def clean_production(changes: dict, current: Production | None = None) -> dict:
    """The fields' rules, on the dates as they will be: a ready date not before its start (planned, actual,
    expected), actual dates not in the future, progress 0–100, a known status. Every refusal at once."""
    unknown = set(changes) - set(PRODUCTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown production fields: {sorted(unknown)}")
    errors: list[ValidationFailed] = []
    clean = clean_text(changes, LENGTHS, errors)
    for key in DATE_FIELDS:
        check_date(clean, key, errors, not_future=key.startswith("actual_"))
    if "progress" in clean:
        clean["progress"] = check_percent(clean["progress"], "progress", errors)
    if "status" in clean and clean["status"] not in ProductionStatus.values:
        errors.append(ValidationFailed(_("Choose a status from the list."), field="status"))
    dates = {key: clean[key] if key in clean else getattr(current, key, None) for key in DATE_FIELDS}
    if dates["planned_start"] and dates["planned_ready"] and dates["planned_ready"] < dates["planned_start"]:
        errors.append(
            ValidationFailed(
                _("The planned ready date cannot be before the planned start."), field="planned_ready"
            )
        )
    if dates["actual_start"] and dates["actual_ready"] and dates["actual_ready"] < dates["actual_start"]:
        errors.append(
            ValidationFailed(_("The goods cannot be ready before production started."), field="actual_ready")
        )
    _expected_after_start(dates["expected_ready"], _start(dates), errors)
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def _settle_status(production: Production) -> None:
    """What the dates say of the status: an actual ready date means ready (and 100 %); ready without one
    is ready today; a production that started is in production."""
    if production.status == ProductionStatus.CANCELLED:
        return
    if production.actual_ready or production.status == ProductionStatus.READY:
        production.status = ProductionStatus.READY
        production.actual_ready = production.actual_ready or timezone.localdate()
        production.progress = 100
    elif production.actual_start and production.status == ProductionStatus.PLANNED:
        production.status = ProductionStatus.IN_PROGRESS


def _locked(actor, order: Order) -> Order:
    require_work(actor, order)
    order = lock_order(order)
    require_in_fulfilment(order)
    return order


@transaction.atomic
def production_create(*, actor, order: Order, supplier: Supplier, **fields) -> Production:
    """Place (part of) a confirmed order with a supplier, with the dates known so far."""
    order = _locked(actor, order)
    fields = {key: value for key, value in fields.items() if value is not None}
    values = clean_production(fields)
    supplier = _supplier(actor, supplier)
    production = Production(workspace_id=order.workspace_id, order=order, supplier=supplier, created_by=actor)
    for key, value in values.items():
        setattr(production, key, value)
    _settle_status(production)
    production.save()
    order_history(actor, order, "production.added", {"supplier": supplier.name, "goods": production.goods})
    production_risk_check(actor=actor, order=order)
    production.refresh_from_db(fields=["late"])
    return production


@transaction.atomic
def production_update(*, actor, production: Production, supplier: Supplier | None = None, **changes):
    """Change the fields given (a date given as None is cleared)."""
    order = _locked(actor, production.order)
    production = (
        Production.objects.select_for_update(of=("self",)).select_related("supplier").get(pk=production.pk)
    )
    values = clean_production(changes, production)
    changed = []
    if supplier is not None and supplier.pk != production.supplier_id:
        production.supplier = _supplier(actor, supplier)
        changed.append("supplier")
    before_status = production.status
    for key, value in values.items():
        if getattr(production, key) != value:
            setattr(production, key, value)
            changed.append(key)
    _settle_status(production)
    if not changed and production.status == before_status:
        return production
    production.save()
    name = production.supplier.name
    if changed:
        order_history(actor, order, "production.changed", {"supplier": name, "fields": changed})
    if production.status != before_status:
        order_history(actor, order, "production.status", {"supplier": name, "status": production.status})
    production_risk_check(actor=actor, order=order)
    production.refresh_from_db(fields=["late"])
    return production


@transaction.atomic
def production_progress_add(
    *, actor, production: Production, progress: int, note: str = "", expected_ready=None, photos=()
) -> ProgressUpdate:
    """Record how far the factory is, what it now says of the ready date, and photos (images only). A new
    expected ready date past the order's delivery date puts the order at risk (risk.py)."""
    order = _locked(actor, production.order)
    production = (
        Production.objects.select_for_update(of=("self",)).select_related("supplier").get(pk=production.pk)
    )
    if production.status == ProductionStatus.CANCELLED:
        raise Conflict(
            _("The production at %(supplier)s is cancelled.") % {"supplier": production.supplier.name}
        )
    errors: list[ValidationFailed] = []
    values = clean_text({"note": note}, {"note": NOTE_LENGTH}, errors)
    progress = check_percent(progress, "progress", errors)
    if production.status == ProductionStatus.READY and progress not in (None, 100):
        errors.append(ValidationFailed(_("The goods are ready: progress is 100 %."), field="progress"))
    dates = {"expected_ready": expected_ready}
    check_date(dates, "expected_ready", errors)
    _expected_after_start(
        dates["expected_ready"], production.actual_start or production.planned_start, errors
    )
    if errors:
        raise ValidationFailed.all_of(errors)
    checked = photos_check(photos)  # before anything is stored
    update = ProgressUpdate.objects.create(
        workspace_id=order.workspace_id,
        production=production,
        note=values["note"],
        progress=progress,
        expected_ready=dates["expected_ready"],
        author=actor,
    )
    for upload, thumbnail in checked:
        _photo_save(actor, update, upload, thumbnail)
    production.progress = progress
    if dates["expected_ready"]:
        production.expected_ready = dates["expected_ready"]
    if production.status == ProductionStatus.PLANNED and progress > 0:
        production.status = ProductionStatus.IN_PROGRESS
        production.actual_start = production.actual_start or timezone.localdate()
    production.save()
    expected = dates["expected_ready"].isoformat() if dates["expected_ready"] else ""
    order_history(
        actor,
        order,
        "production.progress",
        {"supplier": production.supplier.name, "progress": progress, "expected": expected,
         "photos": len(checked)},
    )  # fmt: skip
    production_risk_check(actor=actor, order=order)
    return update


def _photo_save(actor, update: ProgressUpdate, upload, thumbnail) -> ProgressPhoto:
    stored, small = photo_store(actor=actor, upload=upload, thumbnail=thumbnail)
    return ProgressPhoto.objects.create(
        workspace_id=update.workspace_id, update=update, file=stored, thumbnail=small
    )


@transaction.atomic
def progress_photo_add(*, actor, update: ProgressUpdate, upload) -> ProgressPhoto:
    """One more photo for a progress update (the API sends them one at a time)."""
    production = update.production
    order = _locked(actor, production.order)
    [(upload, thumbnail)] = photos_check([upload])
    photo = _photo_save(actor, update, upload, thumbnail)
    order_history(
        actor, order, "production.photos_added", {"supplier": production.supplier.name, "photos": 1}
    )
    return photo
