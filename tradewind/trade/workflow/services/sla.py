"""Stages past their target: flagged on the board, their owner and the order's sales rep told once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.notifications.services import notify
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageStatus
from tradewind.trade.workflow.services.fulfilment import stage_url

BATCH = 500


def stages_late_tell(*, now=None) -> int:
    """Tell about every active stage that passed its target since the last run; returns how many. Each
    stage is told once (`late_told_at`, and the notification's dedupe key if a run is repeated)."""
    now = now or timezone.now()
    told = 0
    while True:
        with transaction.atomic():
            stages = list(
                OrderStage.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=StageStatus.ACTIVE, due_at__lt=now, late_told_at__isnull=True)
                .select_related(
                    "fulfilment__order__customer",
                    "fulfilment__order__owner__user",
                    "fulfilment__order__workspace",
                    "owner__user",
                )
                .order_by("due_at")[:BATCH]
            )
            if not stages:
                return told
            for stage in stages:
                _tell(stage)
            OrderStage.objects.filter(pk__in=[s.pk for s in stages]).update(late_told_at=now)
            Fulfilment.objects.filter(pk__in={s.fulfilment_id for s in stages}).update(late=True)
            told += len(stages)


def _tell(stage) -> None:
    order = stage.fulfilment.order
    notify(
        recipients=[stage.owner, order.owner],
        kind="workflow.stage_late",
        title=lambda: (
            _("%(stage)s of order %(number)s is past its target")
            % {"stage": stage.name, "number": order.number}
        ),
        message=lambda: order.customer.name,
        url=stage_url(order),
        subject=("trade.order", order.public_id),
        dedupe_key=f"workflow.stage_late:{stage.public_id}",
    )
