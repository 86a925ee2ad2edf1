"""One document's life: added by hand, given to someone (owner, due date, tracking, notes), its file versions
(each upload kept), its removal. Its statuses are in status.py."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, ValidationFailed
from tradewind.files.services import clean_file_name, stored_file_delete, stored_file_save
from tradewind.notifications.services import notify
from tradewind.trade.shipdocs import permissions
from tradewind.trade.shipdocs.checklist import KIND_ORDER
from tradewind.trade.shipdocs.choices import (
    DocumentKind,
    DocumentSource,
    DocumentStatus,
    OriginType,
)
from tradewind.trade.shipdocs.models import DocumentVersion, ShipmentDocument
from tradewind.trade.shipdocs.services.common import document_data, history, require_change, require_upload
from tradewind.workspaces.models import Membership

TEXT_LIMITS = {"name": 200, "courier": 60, "tracking_number": 60, "notes": 4000}
UPDATE_FIELDS = ("name", "owner", "due_on", "courier", "tracking_number", "notes")


def _texts(values: dict, errors: list) -> dict:
    cleaned = {}
    for key, limit in TEXT_LIMITS.items():
        if key in values:
            text = (values[key] or "").strip()
            if len(text) > limit:
                errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=key))
            cleaned[key] = text
    return cleaned


def _owner(order, member, errors: list):
    if member is None:
        return None
    if (
        not isinstance(member, Membership)
        or member.workspace_id != order.workspace_id
        or not permissions.can_hold_documents(member)
    ):
        errors.append(
            ValidationFailed(
                _("Choose the documents clerk, logistics or a manager of this workspace."), field="owner"
            )
        )
        return None
    return member


def _day(value, field: str, errors: list):
    if value is not None and not isinstance(value, dt.date):
        errors.append(ValidationFailed(_("Enter a valid date."), field=field))
        return None
    return value


@transaction.atomic
def document_add(
    *,
    actor,
    shipment,
    kind: str,
    name: str = "",
    origin_type: str = "",
    owner=None,
    due_on=None,
    notes: str = "",
) -> ShipmentDocument:
    """A document the rules do not ask for (a beneficiary's certificate the buyer wants, say)."""
    order = shipment.order
    require_change(actor, order)
    errors: list[ApplicationError] = []
    if kind not in DocumentKind.values:
        errors.append(ValidationFailed(_("Choose the kind of document."), field="kind"))
    texts = _texts({"name": name, "notes": notes}, errors)
    if kind == DocumentKind.OTHER and not texts["name"]:
        errors.append(ValidationFailed(_("Name the document."), field="name"))
    if origin_type and (kind != DocumentKind.CERTIFICATE_OF_ORIGIN or origin_type not in OriginType.values):
        errors.append(ValidationFailed(_("Only a certificate of origin has a form."), field="origin_type"))
    owner = _owner(order, owner, errors)
    due_on = _day(due_on, "due_on", errors)
    if errors:
        raise ValidationFailed.all_of(errors)
    document = ShipmentDocument.objects.create(
        workspace_id=shipment.workspace_id,
        shipment=shipment,
        kind=kind,
        source=DocumentSource.MANUAL,
        origin_type=origin_type,
        owner=owner,
        due_on=due_on,
        position=KIND_ORDER.index(kind),
        created_by=actor,
        **texts,
    )
    history(actor, order, "document_added", {"shipment": shipment.number, **document_data(document)})
    if owner is not None:
        _tell_owner(actor, document)
    return document


def _tell_owner(actor, document) -> None:
    shipment = document.shipment
    notify(
        recipients=[document.owner],
        kind="shipdocs.assigned",
        actor=actor,
        title=lambda: (
            _("%(document)s of %(shipment)s is yours")
            % {"document": document.display_name, "shipment": shipment.number}
        ),
        url=_url(document),
        subject=("trade.order", shipment.order.public_id),
    )


def _url(document) -> str:
    from django.urls import reverse

    shipment = document.shipment
    return reverse("shipdocs:shipment_documents", args=[shipment.workspace.slug, shipment.public_id])


@transaction.atomic
def document_update(*, actor, document: ShipmentDocument, **changes) -> ShipmentDocument:
    """Change the name, owner, due date, courier, tracking number or notes. A due date the L/C sets is the
    L/C's to change."""
    order = document.shipment.order
    require_change(actor, order)
    unknown = set(changes) - set(UPDATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    errors: list[ApplicationError] = []
    values = _texts(changes, errors)
    if "owner" in changes:
        values["owner"] = _owner(order, changes["owner"], errors)
    if "due_on" in changes:
        values["due_on"] = _day(changes["due_on"], "due_on", errors)
        if document.due_from_lc and values["due_on"] != document.due_on:
            errors.append(
                ValidationFailed(
                    _("The L/C's presentation deadline sets this date; change the L/C."), field="due_on"
                )
            )
    if values.get("name") == "" and document.kind == DocumentKind.OTHER:
        errors.append(ValidationFailed(_("Name the document."), field="name"))
    if errors:
        raise ValidationFailed.all_of(errors)
    changed = [key for key, value in values.items() if getattr(document, key) != value]
    if not changed:
        return document
    for key in changed:
        setattr(document, key, values[key])
    document.save(update_fields=[*changed, "updated_at"])
    data = {"shipment": document.shipment.number, **document_data(document)}
    if "owner" in changed:
        history(
            actor,
            order,
            "owner_changed",
            {**data, "to": document.owner.user.display_name if document.owner else ""},
        )
        if document.owner is not None:
            _tell_owner(actor, document)
    if {"courier", "tracking_number"} & set(changed):
        history(
            actor,
            order,
            "tracking_changed",
            {**data, "courier": document.courier, "tracking": document.tracking_number},
        )
    return document


def _version_create(actor, document, upload, *, max_bytes: int, note: str = "") -> DocumentVersion:
    stored = stored_file_save(
        workspace=document.shipment.workspace,
        content=upload,
        name=getattr(upload, "name", "") or "document",
        uploaded_by=actor,
        max_bytes=max_bytes,
    )
    last = DocumentVersion.objects.filter(document=document).aggregate(m=Max("number"))["m"] or 0
    return DocumentVersion.objects.create(
        workspace_id=document.workspace_id,
        document=document,
        number=last + 1,
        file=stored,
        uploaded_by=actor,
        note=note,
    )


@transaction.atomic
def document_version_add(*, actor, document: ShipmentDocument, upload, note: str = "") -> DocumentVersion:
    """A new version of the document's file (each kept, with who and when): an accepted type within the
    attachment size limit (TRADEWIND_ATTACHMENT_EXTENSIONS, TRADEWIND_ATTACHMENT_MAX_MB), never a program.
    The first file of a document to prepare makes it a draft."""
    order = document.shipment.order
    require_upload(actor, order)
    document = (
        ShipmentDocument.objects.select_for_update(of=("self",))
        .select_related("shipment__order", "shipment__workspace", "owner__user")
        .get(pk=document.pk)
    )
    name = clean_file_name(getattr(upload, "name", "") or "file")
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in django_settings.ATTACHMENT_EXTENSIONS]
    note = (note or "").strip()
    if extension not in allowed:
        raise ValidationFailed(
            _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(allowed)},
            field="file",
        )
    if "\x00" in note:
        raise ValidationFailed(_("The note holds a character that cannot be stored."), field="note")
    if len(note) > 300:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 300}, field="note")
    version = _version_create(
        actor, document, upload, max_bytes=django_settings.ATTACHMENT_MAX_BYTES, note=note
    )
    data = {
        "shipment": document.shipment.number,
        **document_data(document),
        "number": version.number,
        "file": version.file.original_name,
    }
    history(actor, order, "version_uploaded", data)
    if document.status == DocumentStatus.TO_PREPARE:
        document.status, document.status_changed_at, document.status_changed_by = (
            DocumentStatus.DRAFTED,
            timezone.now(),
            actor,
        )
        document.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    if document.owner is not None and document.owner_id != actor.pk:
        shipment = document.shipment
        notify(
            recipients=[document.owner],
            kind="shipdocs.version_uploaded",
            actor=actor,
            title=lambda: (
                _("New file for %(document)s of %(shipment)s")
                % {"document": document.display_name, "shipment": shipment.number}
            ),
            url=_url(document),
            subject=("trade.order", order.public_id),
        )
    return version


@transaction.atomic
def document_delete(*, actor, document: ShipmentDocument) -> None:
    """Remove a document the rules do not ask for (added by hand, or dropped by the rules); its files go
    with it. One the rules ask for stays: change the rules instead."""
    order = document.shipment.order
    require_change(actor, order)
    if document.source == DocumentSource.RULES and document.required:
        raise Conflict(_("The document rules ask for this document; change the rules to drop it."))
    files = [v.file for v in document.versions.select_related("file")]
    data = {"shipment": document.shipment.number, **document_data(document)}
    document.delete()
    for stored in files:
        stored_file_delete(stored)
    history(actor, order, "document_removed", data)
