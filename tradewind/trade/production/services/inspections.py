"""QC inspections (验货): booked with the team's own QC or a third party, their result with the defects
found, the report and photos. A failed inspection blocks booking (selectors.inspection_blocks_booking,
the workflow's gate) until a later inspection at the same factory passes or a manager accepts the risk,
with a reason, in the audit log and the order's history."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.files.services import clean_file_name, stored_file_delete, stored_file_save
from tradewind.notifications.services import notify
from tradewind.trade.models import Order
from tradewind.trade.production import permissions
from tradewind.trade.production.choices import (
    InspectionAgency,
    InspectionKind,
    InspectionResult,
    ProductionAuditAction,
)
from tradewind.trade.production.models import Inspection, InspectionPhoto, Production
from tradewind.trade.production.photos import photo_store, photos_check
from tradewind.trade.production.services.common import (
    ORDER,
    check_date,
    clean_text,
    lock_order,
    order_history,
    order_url,
    require_in_fulfilment,
    require_work,
)
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import Role

INSPECTION_FIELDS = ("production", "agency", "agency_name", "kind", "inspector", "inspected_on", "notes")
LENGTHS = {"agency_name": 120, "inspector": 120, "notes": 10_000, "defects": 10_000, "reason": 2_000}
# Uncertain results need their words: what failed, what the remarks are.
NEEDS_DEFECTS = (InspectionResult.FAIL, InspectionResult.PASS_WITH_REMARKS)


def clean_inspection(order: Order, changes: dict, current: Inspection | None = None) -> dict:
    """The booking's rules: a known agency (another company named), kind and date, a production of the
    same order. Every refusal at once."""
    unknown = set(changes) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown inspection fields: {sorted(unknown)}")
    errors: list[ValidationFailed] = []
    clean = clean_text(changes, LENGTHS, errors)
    if "agency" in clean and clean["agency"] not in InspectionAgency.values:
        errors.append(ValidationFailed(_("Choose who inspects from the list."), field="agency"))
    if "kind" in clean and clean["kind"] not in InspectionKind.values:
        errors.append(ValidationFailed(_("Choose the kind of inspection from the list."), field="kind"))
    if "inspected_on" in clean:
        if clean["inspected_on"] is None:
            errors.append(ValidationFailed(_("Enter the inspection date."), field="inspected_on"))
        check_date(clean, "inspected_on", errors)
    production = clean.get("production")
    if production is not None and (not isinstance(production, Production) or production.order_id != order.pk):
        errors.append(ValidationFailed(_("Choose a production of this order."), field="production"))
    agency = clean.get("agency", getattr(current, "agency", InspectionAgency.OWN))
    if agency == InspectionAgency.OTHER and not clean.get("agency_name", getattr(current, "agency_name", "")):
        errors.append(ValidationFailed(_("Name the inspection company."), field="agency_name"))
    if errors:
        raise ValidationFailed.all_of(errors)
    if agency != InspectionAgency.OTHER:
        clean["agency_name"] = ""
    return clean


def _locked(actor, order: Order) -> Order:
    require_work(actor, order)
    order = lock_order(order)
    require_in_fulfilment(order)
    return order


def _relocked(actor, inspection: Inspection) -> tuple[Order, Inspection]:
    order = _locked(actor, inspection.order)
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("production__supplier", "report")
        .get(pk=inspection.pk)
    )
    return order, inspection


@transaction.atomic
def inspection_book(
    *,
    actor,
    order: Order,
    inspected_on,
    agency: str = InspectionAgency.OWN,
    agency_name: str = "",
    kind: str = InspectionKind.PRE_SHIPMENT,
    inspector: str = "",
    production: Production | None = None,
    notes: str = "",
) -> Inspection:
    """Book an inspection of a confirmed order (its result pending)."""
    order = _locked(actor, order)
    values = clean_inspection(
        order,
        {"inspected_on": inspected_on, "agency": agency, "agency_name": agency_name, "kind": kind,
         "inspector": inspector, "production": production, "notes": notes},
    )  # fmt: skip
    inspection = Inspection.objects.create(
        workspace_id=order.workspace_id, order=order, created_by=actor, **values
    )
    order_history(
        actor,
        order,
        "production.inspection_booked",
        {"agency": inspection.agency_label, "on": inspection.inspected_on.isoformat()},
    )
    return inspection


@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, **changes) -> Inspection:
    """Change the booking: who inspects, when, at which factory, notes."""
    order, inspection = _relocked(actor, inspection)
    values = clean_inspection(order, changes, inspection)
    changed = [key for key, value in values.items() if getattr(inspection, key) != value]
    if not changed:
        return inspection
    for key in changed:
        setattr(inspection, key, values[key])
    inspection.save()
    order_history(actor, order, "production.inspection_changed", {"fields": changed})
    return inspection


@transaction.atomic
def inspection_record_result(
    *, actor, inspection: Inspection, result: str, defects: str = "", report=None, photos=()
) -> Inspection:
    """The inspection's result (pass / pass with remarks / fail) with the defects found, and the report
    and photos if sent with it. A new result replaces an earlier one (a typo corrected) and the risk a
    manager accepted for the earlier one."""
    order, inspection = _relocked(actor, inspection)
    errors: list[ValidationFailed] = []
    values = clean_text({"defects": defects}, LENGTHS, errors)
    if result not in InspectionResult.values or result == InspectionResult.PENDING:
        errors.append(ValidationFailed(_("Choose pass, pass with remarks or fail."), field="result"))
    elif result in NEEDS_DEFECTS and not values["defects"]:
        message = (
            _("Say which defects failed the inspection.")
            if result == InspectionResult.FAIL
            else _("Say what the remarks are.")
        )
        errors.append(ValidationFailed(message, field="defects"))
    if errors:
        raise ValidationFailed.all_of(errors)
    if inspection.inspected_on > timezone.localdate():
        raise Conflict(
            _("The inspection is on %(date)s: record its result once it has taken place.")
            % {"date": date_format(inspection.inspected_on, "DATE_FORMAT")}
        )
    if report is not None:
        _check_report(report)
    checked = photos_check(photos)  # everything refused before anything is stored
    changed = inspection.result != result or inspection.defects != values["defects"]
    if changed:
        inspection.result, inspection.defects = result, values["defects"]
        inspection.decided_at, inspection.decided_by = timezone.now(), actor
        inspection.risk_accepted_at = inspection.risk_accepted_by = None
        inspection.risk_reason = ""
        inspection.save()
        order_history(
            actor,
            order,
            "production.inspection_result",
            {"agency": inspection.agency_label, "result": result, "defects": values["defects"][:300]},
        )
        if result == InspectionResult.FAIL:
            _tell_failed(actor, order, inspection)
    if report is not None:
        _report_save(actor, order, inspection, report)
    _photos_save(actor, order, inspection, checked)
    return inspection


def _tell_failed(actor, order: Order, inspection: Inspection) -> None:
    from tradewind.trade.workflow.team import order_team_member

    number, agency = order.number, inspection.agency_label
    notify(
        recipients=[order.owner, order_team_member(order, Role.MERCHANDISER)],
        kind="production.inspection_failed",
        title=lambda: _("QC failed on %(number)s (%(agency)s)") % {"number": number, "agency": agency},
        message=lambda: inspection.defects[:300],
        url=order_url(order),
        actor=actor,
        subject=(ORDER, order.public_id),
    )


def _check_report(upload) -> None:
    name = clean_file_name(getattr(upload, "name", "") or "report")
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.ATTACHMENT_EXTENSIONS]
    if extension not in allowed:
        raise ValidationFailed(
            _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(allowed)},
            field="report",
        )


def _report_save(actor, order: Order, inspection: Inspection, upload) -> None:
    stored = stored_file_save(
        workspace=order.workspace,
        content=upload,
        name=getattr(upload, "name", "report"),
        uploaded_by=actor,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
    )
    old = inspection.report
    inspection.report = stored
    inspection.save(update_fields=["report", "updated_at"])
    if old is not None:
        stored_file_delete(old)  # the new report replaces it
    order_history(actor, order, "production.inspection_report", {"name": stored.original_name})


def _photos_save(actor, order: Order, inspection: Inspection, checked) -> list[InspectionPhoto]:
    photos = []
    for upload, thumbnail in checked:
        stored, small = photo_store(actor=actor, upload=upload, thumbnail=thumbnail)
        photos.append(
            InspectionPhoto.objects.create(
                workspace_id=order.workspace_id, inspection=inspection, file=stored, thumbnail=small
            )
        )
    if photos:
        order_history(
            actor,
            order,
            "production.inspection_photos",
            {"agency": inspection.agency_label, "photos": len(photos)},
        )
    return photos


@transaction.atomic
def inspection_report_attach(*, actor, inspection: Inspection, upload) -> Inspection:
    """Attach the inspection report (replacing an earlier one): a document type the workspace accepts."""
    order, inspection = _relocked(actor, inspection)
    _check_report(upload)
    _report_save(actor, order, inspection, upload)
    return inspection


@transaction.atomic
def inspection_photos_add(*, actor, inspection: Inspection, uploads) -> list[InspectionPhoto]:
    """Photos of the goods, the defects, the cartons: images only, all refused if one is not."""
    order, inspection = _relocked(actor, inspection)
    checked = photos_check(uploads)
    if not checked:
        raise ValidationFailed(_("Choose the photos to add."), field="photos")
    return _photos_save(actor, order, inspection, checked)


@transaction.atomic
def inspection_accept_risk(*, actor, inspection: Inspection, reason: str) -> Inspection:
    """A manager lets the goods go on to booking despite the failed inspection (the buyer agreed to a
    discount, the defects are reworked at the port …): the reason is required, audited and in the order's
    history."""
    if not permissions.can_accept_qc_risk(actor, inspection.order):
        raise PermissionDenied(_("Only a manager accepts the risk of a failed inspection."))
    order = lock_order(inspection.order)
    require_in_fulfilment(order)
    inspection = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
    reason = (reason or "").strip()
    if len(reason) > LENGTHS["reason"]:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": LENGTHS["reason"]}, field="reason")
    if not reason:
        raise ValidationFailed(_("Say why the risk is accepted."), field="reason")
    if inspection.result != InspectionResult.FAIL:
        raise Conflict(_("Only a failed inspection's risk is accepted."))
    if inspection.risk_accepted_at is not None:
        raise Conflict(_("The risk of this inspection was accepted already."))
    inspection.risk_accepted_at, inspection.risk_accepted_by = timezone.now(), actor
    inspection.risk_reason = reason
    inspection.save(update_fields=["risk_accepted_at", "risk_accepted_by", "risk_reason", "updated_at"])
    audit_record(
        workspace=order.workspace,
        actor=actor.user,
        action=ProductionAuditAction.QC_RISK_ACCEPTED,
        target=order.number,
        data={"inspection": str(inspection.public_id), "reason": reason[:500]},
    )
    order_history(actor, order, "production.inspection_risk_accepted", {"reason": reason[:300]})
    return inspection
