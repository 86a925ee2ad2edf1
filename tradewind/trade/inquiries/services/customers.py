"""A customer's inquiries when the CRM changes the customer: merged into another one, or answered on its
timeline. Registered as the CRM's hooks (crm/hooks.py) in registry.py; both run inside the CRM's
transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tradewind.activity.services import activities_insert
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm.choices import CONTACT_CHANNELS
from tradewind.crm.models import Customer
from tradewind.trade.inquiries.choices import InquiryStatus
from tradewind.trade.inquiries.models import Inquiry
from tradewind.trade.inquiries.services.common import SUBJECT
from tradewind.trade.inquiries.services.states import inquiry_mark_responded
from tradewind.workspaces.models import Membership

# An inquiry still waiting for its first answer (a quoted one was answered by its quotation).
WAITING = (InquiryStatus.NEW, InquiryStatus.ASSIGNED)


@transaction.atomic
def inquiries_customer_move(*, actor: Membership, survivor: Customer, merged: Customer) -> int:
    """A duplicate customer is merged into `survivor` (crm's customer_merge, before `merged` is deleted):
    its inquiries, open or closed, become the survivor's — their contacts moved with the CRM's, their
    assignees and clocks unchanged — each with a line in its history. Returns how many moved."""
    inquiries = list(
        Inquiry.objects.select_for_update(of=("self",))
        .filter(workspace_id=merged.workspace_id, customer=merged)
        .values_list("pk", "public_id")
    )
    if not inquiries:
        return 0
    now = timezone.now()
    Inquiry.objects.filter(pk__in=[pk for pk, _id in inquiries]).update(customer=survivor, updated_at=now)
    activities_insert(
        {
            "workspace_id": survivor.workspace_id,
            "subject_kind": SUBJECT,
            "subject_id": public_id,
            "kind": "inquiry.customer_merged",
            "actor_id": actor.pk if actor else None,
            "at": now,
            "data": {"from": merged.name, "name": survivor.name},
        }
        for _pk, public_id in inquiries
    )
    broadcast_on_commit(survivor.workspace, "inquiries", {"customer": str(survivor.public_id)})
    return len(inquiries)


@transaction.atomic
def inquiries_respond_from_timeline(
    *, actor: Membership | None, customer: Customer, channel: str, at: dt.datetime
) -> int:
    """A contact with the buyer logged on the customer's timeline (a call, an e-mail, a WhatsApp …, not a
    note) by the rep an inquiry is assigned to is that inquiry's first response: each open inquiry of the
    customer assigned to the rep and still unanswered, received by then, counts as answered at `at`.
    A colleague's contact answers nobody else's inquiry. Returns how many were answered."""
    if actor is None or channel not in CONTACT_CHANNELS:
        return 0
    waiting = Inquiry.objects.filter(
        workspace_id=customer.workspace_id,
        customer=customer,
        assignee=actor,
        status__in=WAITING,
        first_response_at__isnull=True,
        received_at__lte=at,
    ).order_by("received_at", "pk")
    answered = 0
    for inquiry in waiting:
        inquiry_mark_responded(inquiry=inquiry, at=at, actor=actor)
        answered += 1
    return answered
