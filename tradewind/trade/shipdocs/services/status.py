"""A document moved along its statuses (to prepare → drafted → checked → sent to buyer → original sent),
the courier that carried the originals, and the balance check before the original B/L goes out."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import money_format
from tradewind.trade.shipdocs import permissions
from tradewind.trade.shipdocs.checklist import payment_methods
from tradewind.trade.shipdocs.choices import (
    BANK_METHODS,
    GENERATED_KINDS,
    NEEDS_FILE_FROM,
    DocumentKind,
    DocumentStatus,
    ShipdocsAuditAction,
    status_rank,
)
from tradewind.trade.shipdocs.models import ShipmentDocument
from tradewind.trade.shipdocs.services.common import document_data, history, require_change
from tradewind.trade.shipdocs.services.documents import _day, _texts, _version_create
from tradewind.workspaces.audit import audit_record


def _release_check(actor, document, override_reason: str) -> None:
    """The original B/L releases the goods: while the buyer owes the balance (and the documents do not go
    through the banks), only a lead sends it, with a reason (audited) — unless shipping released it."""
    from tradewind.trade.receivables.selectors import order_balance_open
    from tradewind.trade.shipping.models import ReleaseStatus

    shipment = document.shipment
    order = shipment.order
    if (
        document.kind != DocumentKind.BILL_OF_LADING
        or shipment.release_status == ReleaseStatus.ORIGINALS_SENT
    ):
        return
    if payment_methods(order) & set(BANK_METHODS):
        return
    balance = order_balance_open(order)
    if balance is None:
        return
    reason = (override_reason or "").strip()
    if not reason:
        raise Conflict(
            _(
                "The buyer still owes %(amount)s and the original B/L releases the goods. "
                "A manager may send it with a reason."
            )
            % {"amount": money_format(balance)},
            field="override_reason",
        )
    if not permissions.can_release_unpaid(actor):
        raise PermissionDenied(_("Only a manager sends the original B/L while the balance is unpaid."))
    audit_record(
        workspace=order.workspace,
        actor=actor.user,
        action=ShipdocsAuditAction.ORIGINALS_RELEASED_UNPAID,
        target=f"{order.number} {shipment.number}",
        data={"reason": reason[:2000], "balance": str(balance)},
    )


@transaction.atomic
def document_status_set(
    *,
    actor,
    document: ShipmentDocument,
    status: str,
    courier: str | None = None,
    tracking_number: str | None = None,
    sent_on: dt.date | None = None,
    override_reason: str = "",
) -> ShipmentDocument:
    """Move a document along (or back, to correct a slip). From "checked" on, a file must be there (the
    CI and PL keep the PDF generated from the order); "original sent" needs the courier and the tracking
    number, and for the B/L the balance paid (or a manager's reason)."""
    order = document.shipment.order
    require_change(actor, order)
    document = (
        ShipmentDocument.objects.select_for_update(of=("self",))
        .select_related("shipment__order__customer", "shipment__workspace", "owner__user")
        .get(pk=document.pk)
    )
    if status not in DocumentStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    if status == document.status:
        raise Conflict(
            _("It is “%(status)s” already.") % {"status": document.get_status_display()}, field="status"
        )
    errors: list[ApplicationError] = []
    texts = _texts(
        {
            "courier": courier if courier is not None else document.courier,
            "tracking_number": tracking_number if tracking_number is not None else document.tracking_number,
        },
        errors,
    )
    sent_on = _day(sent_on, "sent_on", errors)
    forward = status_rank(status) > status_rank(document.status)
    needs_file = forward and status_rank(status) >= status_rank(NEEDS_FILE_FROM)
    if needs_file and document.kind not in GENERATED_KINDS and not document.versions.exists():
        errors.append(
            ValidationFailed(
                _("Upload the document first: only a file can be checked and sent."), field="status"
            )
        )
    if status == DocumentStatus.ORIGINAL_SENT:
        if not texts["courier"]:
            errors.append(ValidationFailed(_("Which courier carries the originals?"), field="courier"))
        if not texts["tracking_number"]:
            errors.append(ValidationFailed(_("Give the courier's tracking number."), field="tracking_number"))
        if sent_on is not None and sent_on > timezone.localdate():
            errors.append(
                ValidationFailed(_("The originals cannot have been sent in the future."), field="sent_on")
            )
    if errors:
        raise ValidationFailed.all_of(errors)
    if status == DocumentStatus.ORIGINAL_SENT:
        _release_check(actor, document, override_reason)
    if needs_file and document.kind in GENERATED_KINDS and not document.versions.exists():
        _keep_generated(actor, document)
    previous = document.status
    document.status = status
    document.status_changed_at = timezone.now()
    document.status_changed_by = actor
    fields = ["status", "status_changed_at", "status_changed_by", "updated_at"]
    if status == DocumentStatus.ORIGINAL_SENT:
        document.courier, document.tracking_number = texts["courier"], texts["tracking_number"]
        document.originals_sent_on = sent_on or timezone.localdate()
        fields += ["courier", "tracking_number", "originals_sent_on"]
    document.save(update_fields=fields)
    history(
        actor,
        order,
        "status_changed",
        {
            "shipment": document.shipment.number,
            **document_data(document),
            "from": previous,
            "to": status,
            "courier": document.courier if status == DocumentStatus.ORIGINAL_SENT else "",
            "tracking": document.tracking_number if status == DocumentStatus.ORIGINAL_SENT else "",
        },
    )
    return document


def _keep_generated(actor, document) -> None:
    """The CI or PL as it was checked: its PDF (in the order's language), kept as the first version."""
    from tradewind.trade.shipdocs.pdf import shipment_pdf

    shipment = document.shipment
    kind = "invoice" if document.kind == DocumentKind.COMMERCIAL_INVOICE else "packing_list"
    prefix = "CI" if kind == "invoice" else "PL"
    content = shipment_pdf(shipment, kind=kind, language=shipment.order.language)
    _version_create(
        actor,
        document,
        ContentFile(content, name=f"{prefix}-{shipment.number}.pdf"),
        max_bytes=len(content) + 1,
    )
