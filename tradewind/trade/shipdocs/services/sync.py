"""The documents checklist of a shipment made real: the rules' documents created for the documents clerk,
the ones the rules no longer ask for removed — unless someone worked on them — and the L/C's presentation
deadline set on the documents it names, with a reminder to their owners before it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from tradewind.notifications.reminders import reminders_cancel, reminders_schedule
from tradewind.notifications.services import notify
from tradewind.trade.shipdocs.checklist import shipment_checklist
from tradewind.trade.shipdocs.choices import DocumentSource, DocumentStatus
from tradewind.trade.shipdocs.models import LetterOfCredit, ShipmentDocument
from tradewind.trade.shipdocs.services.common import document_data, history, require_change
from tradewind.trade.shipping.models import Shipment, ShipmentStatus
from tradewind.trade.workflow.team import order_team_member
from tradewind.workspaces.choices import Role

PRESENTATION_REMINDER = "shipdocs.presentation_due"
REMIND_DAYS_BEFORE = 3
REMIND_AT = dt.time(9, 0)
# The shipments whose papers are still being made: a rule change reaches these.
OPEN_STATUSES = (
    ShipmentStatus.PLANNED,
    ShipmentStatus.BOOKED,
    ShipmentStatus.SHIPPED,
    ShipmentStatus.ARRIVED,
)


@dataclass
class SyncResult:
    added: list[ShipmentDocument] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)  # document_data of each
    dropped: list[ShipmentDocument] = field(default_factory=list)  # kept (worked on), no longer required
    updated: list[ShipmentDocument] = field(default_factory=list)  # asked for again, or another form of CO
    changed: bool = False


def has_work(document: ShipmentDocument, versions: int | None = None) -> bool:
    """Someone did something with it: a status past "to prepare", a file, a courier, notes."""
    if versions is None:
        versions = document.versions.count()
    return bool(
        document.status != DocumentStatus.TO_PREPARE
        or versions
        or document.tracking_number
        or document.courier
        or document.notes
    )


@transaction.atomic
def shipment_documents_sync(*, shipment: Shipment, actor=None) -> SyncResult:
    """Compute the shipment's checklist from the rules and the order and make the documents match it:
    create the missing ones (owned by the order's documents clerk), delete the ones no rule asks for any
    more if nobody worked on them, keep and mark the others. Idempotent; `actor` None: the system (a
    rule changed). The order's history says what changed."""
    order = shipment.order
    require_change(actor, order)
    # One sync at a time per shipment: two at once would both create the same documents.
    shipment = (
        Shipment.objects.select_for_update(of=("self",))
        .select_related("order__customer", "workspace")
        .get(pk=shipment.pk)
    )
    order = shipment.order
    letter = LetterOfCredit.objects.filter(order=order).first()
    requirements = shipment_checklist(shipment, letter=letter)
    deadline = letter.presentation_deadline(shipment.bl_date) if letter else None
    existing = {
        d.rule_key: d
        for d in ShipmentDocument.objects.filter(shipment=shipment)
        .exclude(rule_key="")
        .annotate(n=Count("versions"))
    }
    result = SyncResult()
    clerk = None
    due_changed = False
    for requirement in requirements:
        document = existing.pop(requirement.rule_key, None)
        due = deadline if requirement.from_lc else None
        if document is None:
            if clerk is None:
                clerk = order_team_member(order, Role.DOCUMENTS) or False
            document = ShipmentDocument.objects.create(
                workspace_id=shipment.workspace_id,
                shipment=shipment,
                kind=requirement.kind,
                rule_key=requirement.rule_key,
                source=DocumentSource.RULES,
                name=requirement.name,
                origin_type=requirement.origin_type,
                reasons=requirement.reasons,
                owner=clerk or None,
                position=requirement.position,
                due_on=due,
                due_from_lc=requirement.from_lc,
                created_by=actor,
            )
            result.added.append(document)
            due_changed = due_changed or due is not None
            continue
        updates = {
            "required": True,
            "reasons": requirement.reasons,
            "origin_type": requirement.origin_type,
            "position": requirement.position,
        }
        if requirement.from_lc or document.due_from_lc:
            updates.update(due_on=due, due_from_lc=requirement.from_lc)
        if not document.name and requirement.name:
            updates["name"] = requirement.name
        changed = [k for k, v in updates.items() if getattr(document, k) != v]
        if changed:
            due_changed = due_changed or "due_on" in changed
            if "required" in changed or "origin_type" in changed:
                result.updated.append(document)
            for key in changed:
                setattr(document, key, updates[key])
            document.save(update_fields=[*changed, "updated_at"])
    for document in existing.values():  # the rules no longer ask for these
        if has_work(document, document.n):
            if document.required or document.due_from_lc:
                if document.due_from_lc:  # the L/C's deadline no longer binds it
                    document.due_on, document.due_from_lc = None, False
                document.required, document.reasons = False, []
                document.save(update_fields=["required", "reasons", "due_on", "due_from_lc", "updated_at"])
                result.dropped.append(document)
        else:
            result.removed.append(document_data(document))
            document.delete()
    result.changed = bool(result.added or result.removed or result.dropped or result.updated)
    if result.changed:
        history(
            actor,
            order,
            "checklist_synced",
            {
                "shipment": shipment.number,
                "added": [document_data(d) for d in result.added],
                "removed": result.removed,
                "dropped": [document_data(d) for d in result.dropped],
                "updated": [document_data(d) for d in result.updated],
            },
        )
        _tell_owners(actor, shipment, result.added)
    if due_changed:
        _plan_reminder(shipment, deadline)
    return result


def _tell_owners(actor, shipment, added: list[ShipmentDocument]) -> None:
    by_owner: dict[int, list[ShipmentDocument]] = {}
    for document in added:
        if document.owner_id:
            by_owner.setdefault(document.owner_id, []).append(document)
    for documents in by_owner.values():
        owner = documents[0].owner
        count, number = len(documents), shipment.number
        notify(
            recipients=[owner],
            kind="shipdocs.assigned",
            actor=actor,
            title=lambda count=count, number=number: (
                _("%(n)d documents to prepare for %(shipment)s") % {"n": count, "shipment": number}
            ),
            message=lambda documents=documents: ", ".join(d.display_name for d in documents),
            url=_documents_url(shipment),
            subject=("trade.order", shipment.order.public_id),
        )


def _documents_url(shipment) -> str:
    from django.urls import reverse

    return reverse("shipdocs:shipment_documents", args=[shipment.workspace.slug, shipment.public_id])


def _plan_reminder(shipment, deadline: dt.date | None) -> None:
    """Remind the owners of the L/C's documents some days before the presentation deadline, at nine in
    the morning of the workspace's zone."""
    if deadline is None:
        reminders_cancel(target_id=shipment.public_id, kinds=[PRESENTATION_REMINDER])
        return
    zone = zoneinfo.ZoneInfo(shipment.workspace.time_zone or "UTC")
    day = deadline - dt.timedelta(days=REMIND_DAYS_BEFORE)
    fire_at = dt.datetime.combine(day, REMIND_AT, tzinfo=zone)
    reminders_schedule(
        workspace=shipment.workspace,
        target_id=shipment.public_id,
        plan=[(PRESENTATION_REMINDER, fire_at)],
        kinds=[PRESENTATION_REMINDER],
    )


def presentation_reminder_fire(reminder) -> None:
    """The reminder's handler: the owners of the L/C's documents not yet with the buyer or the bank."""
    from tradewind.notifications.reminders import reminder_dedupe_key
    from tradewind.trade.shipdocs.choices import DONE_STATUSES

    shipment = (
        Shipment.objects.filter(public_id=reminder.target_id).select_related("workspace", "order").first()
    )
    if shipment is None:
        return
    open_documents = list(
        ShipmentDocument.objects.filter(shipment=shipment, due_from_lc=True)
        .exclude(status__in=DONE_STATUSES)
        .select_related("owner__user")
    )
    owners = {d.owner_id: d.owner for d in open_documents if d.owner is not None}
    if not owners:
        return
    due = min(d.due_on for d in open_documents if d.due_on)
    number = shipment.number
    notify(
        recipients=list(owners.values()),
        kind=PRESENTATION_REMINDER,
        title=lambda: (
            _("L/C documents of %(shipment)s are due by %(day)s") % {"shipment": number, "day": due}
        ),
        message=lambda: _("%(n)d documents are not with the bank yet.") % {"n": len(open_documents)},
        url=_documents_url(shipment),
        subject=("trade.order", shipment.order.public_id),
        dedupe_key=reminder_dedupe_key(reminder),
    )


def documents_resync_open(workspace_id: int) -> int:
    """After a rule changed: recompute the checklists of the workspace's shipments still under way that
    have one. Returns how many changed."""
    changed = 0
    shipments = (
        Shipment.objects.filter(workspace_id=workspace_id, status__in=OPEN_STATUSES, documents__isnull=False)
        .distinct()
        .select_related("order__customer", "workspace")
    )
    for shipment in shipments.iterator(chunk_size=200):
        changed += shipment_documents_sync(shipment=shipment).changed
    return changed


def documents_follow_shipments(*, since: dt.datetime) -> int:
    """The worker's pass: shipments under way changed since `since` (a new one, a new port of discharge,
    goods added) get their checklist made or brought up to the rules. Returns how many changed."""
    changed = 0
    shipments = Shipment.objects.filter(status__in=OPEN_STATUSES, updated_at__gte=since).select_related(
        "order__customer", "workspace"
    )
    for shipment in shipments.iterator(chunk_size=200):
        changed += shipment_documents_sync(shipment=shipment).changed
    return changed


def order_documents_resync(*, actor, order) -> None:
    """The order changed for documents (its L/C): its open shipments with a checklist follow."""
    shipments = Shipment.objects.filter(
        order=order, status__in=OPEN_STATUSES, documents__isnull=False
    ).distinct()
    for shipment in shipments:
        shipment_documents_sync(shipment=shipment, actor=actor)
