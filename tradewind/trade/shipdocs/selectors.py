"""Reading shipping documents: a shipment's checklist with its progress, an order's documents per shipment
and its L/C's warnings, the documents list (mine, due, by status), the L/Cs by expiry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.shipdocs.checklist import reason_text, shipment_checklist
from tradewind.trade.shipdocs.choices import DONE_STATUSES, DocumentKind, DocumentStatus
from tradewind.trade.shipdocs.models import (
    DocumentRule,
    DocumentVersion,
    LetterOfCredit,
    OriginRule,
    ShipmentDocument,
)
from tradewind.trade.shipping.models import Shipment, ShipmentStatus


def _visible(queryset, membership, customer_path: str):
    """Only what belongs to orders of customers the member may see in full (DESIGN §3.5)."""
    queryset = queryset.filter(workspace_id=membership.workspace_id)
    if sees_every_customer(membership):
        return queryset
    return queryset.filter(
        Q(**{f"{customer_path}__owner__isnull": True}) | Q(**{f"{customer_path}__owner": membership})
    )


@dataclass
class Progress:
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def progress_of(documents) -> Progress:
    """How many of the documents still asked for are with the buyer (or the bank)."""
    asked = [d for d in documents if d.required or d.source == "manual"]
    return Progress(done=sum(d.status in DONE_STATUSES for d in asked), total=len(asked))


def shipment_documents(shipment) -> list[ShipmentDocument]:
    """The shipment's documents in the checklist's order, each with its versions (newest first) and the
    reasons it is asked for, in the reader's language (`reason_texts`)."""
    documents = list(
        ShipmentDocument.objects.filter(shipment=shipment)
        .select_related("owner__user", "status_changed_by__user")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("file", "uploaded_by__user"))
        )
    )
    for document in documents:
        document.reason_texts = [reason_text(r) for r in document.reasons or []]
        document.overdue = bool(
            document.due_on
            and document.due_on < timezone.localdate()
            and document.status not in DONE_STATUSES
        )
    return documents


def checklist_stale(shipment, documents) -> list[str]:
    """What a recompute would change (read only: the page offers the button): the names of documents the
    rules now ask for that are missing, and of ones they no longer ask for."""
    wanted = {r.rule_key: r for r in shipment_checklist(shipment)}
    have = {d.rule_key: d for d in documents if d.rule_key}
    missing = [wanted[k] for k in wanted.keys() - have.keys()]
    extra = [have[k] for k in have.keys() - wanted.keys() if have[k].required]
    changes = [str(DocumentKind(r.kind).label) for r in missing]
    changes += [d.display_name for d in extra]
    return sorted(changes)


def letter_warnings(letter: LetterOfCredit | None, order, shipments) -> list[str]:
    """Discrepancies a bank would refuse: shipped after the latest shipment date, documents past the
    presentation deadline, the L/C expired, an invoice above the L/C's amount."""
    if letter is None:
        return []
    found = []
    today = timezone.localdate()
    if letter.expiry_date < today:
        found.append(_("The L/C expired on %(day)s.") % {"day": letter.expiry_date})
    for shipment in shipments:
        shipped = shipment.bl_date or shipment.etd
        if letter.latest_shipment_date and shipped and shipped > letter.latest_shipment_date:
            found.append(
                _("%(shipment)s ships on %(shipped)s, after the L/C's latest shipment date %(latest)s.")
                % {"shipment": shipment.number, "shipped": shipped, "latest": letter.latest_shipment_date}
            )
    if letter.amount is not None and order.total > letter.amount:
        found.append(_("The order's total is above the L/C's amount: the bank may refuse the invoice."))
    return found


@dataclass
class ShipmentProgress:
    shipment: Shipment
    progress: Progress
    overdue: int = 0
    next_due: object = None


@dataclass
class OrderDocuments:
    shipments: list[ShipmentProgress] = field(default_factory=list)
    letter: LetterOfCredit | None = None
    warnings: list[str] = field(default_factory=list)
    pays_by_lc: bool = False


def order_documents(order) -> OrderDocuments:
    """The order page's panel: each shipment's documents progress, the L/C and what is wrong with it."""
    from tradewind.trade.shipdocs.checklist import payment_methods

    shipments = list(
        Shipment.objects.filter(order=order).exclude(status=ShipmentStatus.CANCELLED).order_by("sequence")
    )
    documents = ShipmentDocument.objects.filter(shipment__in=shipments).only(
        "shipment_id", "status", "required", "source", "due_on"
    )
    by_shipment: dict[int, list] = {}
    for document in documents:
        by_shipment.setdefault(document.shipment_id, []).append(document)
    today = timezone.localdate()
    rows = []
    for shipment in shipments:
        docs = by_shipment.get(shipment.pk, [])
        open_due = [d.due_on for d in docs if d.due_on and d.status not in DONE_STATUSES]
        rows.append(
            ShipmentProgress(
                shipment=shipment,
                progress=progress_of(docs),
                overdue=sum(day < today for day in open_due),
                next_due=min(open_due) if open_due else None,
            )
        )
    letter = LetterOfCredit.objects.filter(order=order).first()
    return OrderDocuments(
        shipments=rows,
        letter=letter,
        warnings=letter_warnings(letter, order, shipments),
        pays_by_lc="lc" in payment_methods(order),
    )


@dataclass
class DocumentFilters:
    q: str = ""
    status: str = ""  # a status, "open" (not with the buyer yet), or "" for all
    mine: bool = False
    due: str = ""  # "overdue", "week" (due within seven days)
    kind: str = ""


def document_list(*, membership, filters: DocumentFilters) -> QuerySet[ShipmentDocument]:
    """The documents of the orders the member may see, soonest due first (then newest)."""
    documents = _visible(ShipmentDocument.objects.all(), membership, "shipment__order__customer")
    if filters.status == "open":
        documents = documents.exclude(status__in=DONE_STATUSES)
    elif filters.status in DocumentStatus.values:
        documents = documents.filter(status=filters.status)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.mine:
        documents = documents.filter(owner=membership)
    today = timezone.localdate()
    if filters.due == "overdue":
        documents = documents.filter(due_on__lt=today).exclude(status__in=DONE_STATUSES)
    elif filters.due == "week":
        documents = documents.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=7))
    q = filters.q.strip()[:40]
    if q:
        documents = documents.filter(
            Q(shipment__number__icontains=q)
            | Q(shipment__order__number__icontains=q)
            | Q(shipment__order__buyer_name__icontains=q)
            | Q(tracking_number__icontains=q)
        )
    return documents.select_related("shipment__order__customer", "owner__user").order_by(
        "due_on", "-shipment_id", "position", "id"
    )


def letters_of_credit(*, membership) -> QuerySet[LetterOfCredit]:
    """The L/Cs of orders the member may see, soonest expiry first."""
    return (
        _visible(LetterOfCredit.objects.all(), membership, "order__customer")
        .select_related("order__customer")
        .order_by("expiry_date", "id")
    )


def rules(*, workspace) -> QuerySet[DocumentRule]:
    return DocumentRule.objects.filter(workspace=workspace).select_related("category")


def origin_rules(*, workspace) -> list[OriginRule]:
    """By country name; the "every other country" row last."""
    from tradewind.core import geo

    rows = list(OriginRule.objects.filter(workspace=workspace))
    return sorted(rows, key=lambda o: (o.country == "", geo.country_name(o.country) if o.country else ""))
