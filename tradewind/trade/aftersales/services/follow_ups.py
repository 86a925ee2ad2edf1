"""The follow-up after delivery: N days (the workspace's setting) after a shipment reached the buyer —
delivered, else arrived (ATA), else its ETA — customer service asks the buyer how the goods arrived.

The worker's periodic job plans each shipment's follow-up exactly once (one FollowUp row per shipment,
made first in the plan's transaction): a task for the order's customer service person (else the order's
sales rep), about the customer, due that day; the customer's next follow-up in the CRM brought forward to
that day through the CRM's own service; a line in the order's history and on the customer's timeline; the
person told. A shipment that arrived more than WINDOW_DAYS before its follow-up fell due is left alone:
old shipments are not followed up in bulk when the feature is switched on or the worker was away.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import ApplicationError
from tradewind.core.realtime import broadcast_on_commit
from tradewind.notifications.services import notify
from tradewind.trade.aftersales.models import FollowUp
from tradewind.trade.aftersales.services.common import CUSTOMER, ORDER, aftersales_settings, workspace_today
from tradewind.trade.aftersales.shipments import (
    shipments_due_for_follow_up,
    workspaces_with_unplanned_shipments,
)
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Workspace

log = logging.getLogger(__name__)

WINDOW_DAYS = 30


def follow_ups_plan(*, now: dt.datetime | None = None) -> int:
    """Plan the follow-ups that fell due (in each workspace's day); returns how many were planned."""
    now = now or timezone.now()
    planned = 0
    for workspace in Workspace.objects.filter(pk__in=workspaces_with_unplanned_shipments()):
        days = aftersales_settings(workspace).follow_up_days
        today = workspace_today(workspace, now)
        arrived_by = today - dt.timedelta(days=days)
        shipments = shipments_due_for_follow_up(
            workspace_id=workspace.pk,
            arrived_by=arrived_by,
            not_before=arrived_by - dt.timedelta(days=WINDOW_DAYS),
        )
        for shipment in shipments.iterator(chunk_size=500):
            if follow_up_plan(shipment=shipment, days=days, today=today) is not None:
                planned += 1
    return planned


def follow_up_person(order):
    """Who follows up: the order's customer service person, else its sales rep (None if neither is
    active)."""
    from tradewind.trade.workflow.team import order_team_member

    return order_team_member(order, Role.SERVICE) or order_team_member(order, Role.SALES)


@transaction.atomic
def follow_up_plan(*, shipment, days: int, today: dt.date) -> FollowUp | None:
    """Plan one shipment's follow-up; None when it is planned already (by an earlier or a parallel run)."""
    from tradewind.trade.aftersales.shipments import shipment_arrival

    order = shipment.order
    arrived = shipment_arrival(shipment)
    person = follow_up_person(order)
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                workspace_id=shipment.workspace_id,
                shipment=shipment,
                order=order,
                customer=order.customer,
                arrived_on=arrived,
                due_on=arrived + dt.timedelta(days=days),
                assignee=person,
            )
    except IntegrityError:
        return None
    if person is not None:
        with translation.override(person.user.language or translation.get_language() or "en"):
            follow_up.task = _task(follow_up, person, today)
            follow_up.customer_follow_up_on = _crm_follow_up(follow_up, person, today)
            follow_up.save(update_fields=["task", "customer_follow_up_on", "updated_at"])
            _tell(follow_up, person)
    data = {
        "number": order.number,
        "shipment": shipment.number,
        "name": person.user.display_name if person else "",
        "due": follow_up.due_on.isoformat(),
    }
    for subject in ((ORDER, order.public_id), (CUSTOMER, order.customer.public_id)):
        activity_record(
            workspace_id=shipment.workspace_id,
            subject=subject,
            kind="aftersales.follow_up.planned",
            data={"channel": "system", **data} if subject[0] == CUSTOMER else data,
        )
    broadcast_on_commit(shipment.workspace, "orders")
    return follow_up


def _title(follow_up: FollowUp) -> str:
    return _("Follow up with %(customer)s: how did shipment %(shipment)s arrive?") % {
        "customer": follow_up.customer.name,
        "shipment": follow_up.shipment.number,
    }


def _task(follow_up: FollowUp, person, today: dt.date):
    """The person's task about the customer, due today; none if the tasks app refuses it (a reader's
    role): the follow-up stays planned and is still on the order's history."""
    from tradewind.tasks.services import task_create

    description = _(
        "Order %(order)s, shipment %(shipment)s reached the buyer on %(arrived)s. Ask how the goods arrived "
        "and whether anything is wrong; open an after-sales case if so."
    ) % {
        "order": follow_up.order.number,
        "shipment": follow_up.shipment.number,
        "arrived": follow_up.arrived_on.isoformat(),
    }
    try:
        with transaction.atomic():
            return task_create(
                actor=person,
                title=_title(follow_up)[:200],
                description=description,
                assignee=person,
                due_date=today,
                subject=(CUSTOMER, follow_up.customer.public_id),
            )
    except ApplicationError as error:
        log.info("follow-up task for shipment %s not made: %s", follow_up.shipment_id, error)
        return None


def _crm_follow_up(follow_up: FollowUp, person, today: dt.date) -> dt.date | None:
    """Bring the customer's next follow-up (the CRM's) forward to today, through the CRM's service; a
    customer with an earlier one keeps it."""
    from tradewind.crm.services import follow_up_set

    customer = follow_up.customer
    on = max(today, timezone.localdate())  # the CRM refuses a day past in the server's zone
    if customer.next_follow_up_on is not None and customer.next_follow_up_on <= on:
        return None
    try:
        with transaction.atomic():
            follow_up_set(actor=person, customer=customer, on=on)
    except ApplicationError as error:
        log.info("next follow-up of customer %s not set: %s", customer.pk, error)
        return None
    return on


def _tell(follow_up: FollowUp, person) -> None:
    task = follow_up.task
    if task is not None:
        url = reverse("tasks:detail", args=[follow_up.order.workspace.slug, task.public_id])
    else:
        url = reverse("crm:detail", args=[follow_up.order.workspace.slug, follow_up.customer.public_id])
    notify(
        recipients=[person],
        kind="aftersales.follow_up_due",
        title=_title(follow_up),
        url=url,
        subject=(CUSTOMER, follow_up.customer.public_id),
        dedupe_key=f"aftersales-fu:{follow_up.shipment.public_id}",
    )
