"""Overdue milestones: the day after a milestone's due date passes unpaid, the order's sales rep and its
finance person hear of it; once it is overdue by the workspace's escalation days (7 by default), the
managers do. Each is told once per deadline: the `OverdueNotice` row's `told_at` / `escalated_at` are
claimed by a conditional update in the transaction that sends the notification (two workers, or a job
run twice, cannot both claim it), and the notifications carry a dedupe key besides. The order board's
"payment overdue" flag follows.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.money import Money, money_format
from tradewind.notifications.services import notify
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import OrderPayment
from tradewind.trade.payment_terms import milestone_text
from tradewind.trade.receivables.models import OverdueNotice
from tradewind.trade.receivables.selectors import workspace_today
from tradewind.trade.receivables.services.common import (
    ORDER,
    history,
    order_overdue_flag_sync,
    order_url,
    receivables_settings,
)
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership
from tradewind.workspaces.permissions import ADMINS


def managers_of(workspace) -> list[Membership]:
    """Who hears of an escalated payment: the managers, or the admins where there is none."""
    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related(
        "user", "workspace"
    )
    return list(members.filter(role=Role.MANAGER)) or list(members.filter(role__in=ADMINS))


def _label(payment: OrderPayment) -> str:
    return milestone_text(
        {"percent": payment.percent, "method": payment.method, "event": payment.event, "days": payment.days}
    )


def _open(payment: OrderPayment) -> Money:
    return Money(payment.amount - payment.received, payment.order.currency)


def _tell(payment: OrderPayment, notice: OverdueNotice, now: dt.datetime) -> bool:
    """The rep and finance, once."""
    from tradewind.trade.workflow.team import order_team_member

    if not OverdueNotice.objects.filter(pk=notice.pk, told_at__isnull=True).update(told_at=now):
        return False  # told already
    order = payment.order
    owed, due = _open(payment), payment.due_on
    history(
        None, order, "receivables.milestone_overdue", {"milestone": _label(payment), "due": due.isoformat()}
    )
    notify(
        recipients=[order.owner, order_team_member(order, Role.FINANCE)],
        kind="receivables.overdue",
        title=lambda: (
            _("%(customer)s is late paying %(order)s")
            % {
                "customer": order.customer.name,
                "order": order.number,
            }
        ),
        message=lambda: (
            _("%(amount)s was due on %(due)s (%(milestone)s).")
            % {"amount": money_format(owed), "due": due, "milestone": _label(payment)}
        ),
        url=order_url(order),
        subject=(ORDER, order.public_id),
        dedupe_key=f"recv-overdue:{payment.public_id}:{due:%Y%m%d}",
    )
    return True


def _escalate(payment: OrderPayment, notice: OverdueNotice, now: dt.datetime, days: int) -> bool:
    """The managers, once, when the milestone is overdue by the escalation days."""
    if not OverdueNotice.objects.filter(pk=notice.pk, escalated_at__isnull=True).update(escalated_at=now):
        return False
    order = payment.order
    owed, due = _open(payment), payment.due_on
    rep = order.owner.user.display_name if order.owner else "—"
    history(
        None, order, "receivables.milestone_escalated",
        {"milestone": _label(payment), "due": due.isoformat(), "days": days},
    )  # fmt: skip
    notify(
        recipients=managers_of(order.workspace),
        kind="receivables.escalated",
        title=lambda: (
            _("%(order)s: %(amount)s overdue for %(days)d days")
            % {"order": order.number, "amount": money_format(owed), "days": days}
        ),
        message=lambda: (
            _("%(customer)s has not paid what was due on %(due)s. Sales rep: %(rep)s.")
            % {"customer": order.customer.name, "due": due, "rep": rep}
        ),
        url=order_url(order),
        subject=(ORDER, order.public_id),
        dedupe_key=f"recv-escalated:{payment.public_id}:{due:%Y%m%d}",
    )
    return True


def receivables_overdue_check(*, now: dt.datetime | None = None) -> int:
    """The worker's pass: every unpaid milestone of a confirmed order past its due date (in its workspace's
    day) whose people were not all told yet. Answers how many notifications went out (rep/finance counted
    once, managers once)."""
    now = now or timezone.now()
    horizon = now.date() + dt.timedelta(days=1)  # no zone is a day behind UTC−12: cheaper than per zone
    candidates = (
        OrderPayment.objects.filter(
            order__status=OrderStatus.CONFIRMED, received__lt=F("amount"), due_on__lt=horizon
        )
        .filter(Q(overdue_notice__isnull=True) | Q(overdue_notice__escalated_at__isnull=True))
        .select_related("order__workspace", "order__customer", "order__owner__user")
        .order_by("order_id", "position")
    )
    sent, todays, escalation = 0, {}, {}
    for payment in candidates.iterator(chunk_size=500):
        workspace = payment.order.workspace
        if workspace.pk not in todays:
            todays[workspace.pk] = workspace_today(workspace, now)
            escalation[workspace.pk] = receivables_settings(workspace).escalation_days
        today = todays[workspace.pk]
        if payment.due_on >= today:
            continue
        with transaction.atomic():
            notice, _created = OverdueNotice.objects.get_or_create(
                payment=payment,
                defaults={
                    "workspace_id": workspace.pk,
                    "order_id": payment.order_id,
                    "due_on": payment.due_on,
                },
            )
            told = _tell(payment, notice, now)
            if (today - payment.due_on).days >= escalation[workspace.pk]:
                sent += _escalate(payment, notice, now, escalation[workspace.pk])
            if told:
                sent += 1
                order_overdue_flag_sync(payment.order, today)
    return sent
