"""What the after-sales services share: the case as a subject, its history (on the case, the order and the
customer's timeline), the workspace's settings, numbers, the realtime announcement."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tradewind.activity.services import activity_record
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.aftersales.models import AftersalesSettings
from tradewind.workspaces.sequences import sequence_next

CASE = "aftersales.case"
ORDER = "trade.order"
CUSTOMER = "crm.customer"


def case_subject(case) -> tuple[str, object]:
    return (CASE, case.public_id)


def case_url(case) -> str:
    return reverse("aftersales:detail", args=[case.workspace.slug, case.public_id])


def history(actor, case, kind: str, data: dict | None = None, *, on_order=False, on_timeline=False) -> None:
    """An entry in the case's history; `on_order`: also in its order's; `on_timeline`: also on the
    customer's timeline (what the buyer claimed and what they were given)."""
    data = {"number": case.number, "order": case.order.number, **(data or {})}
    kind = f"aftersales.{kind}"
    activity_record(
        workspace_id=case.workspace_id, subject=case_subject(case), kind=kind, actor=actor, data=data
    )
    if on_order:
        activity_record(
            workspace_id=case.workspace_id, subject=(ORDER, case.order.public_id), kind=kind, actor=actor,
            data=data,
        )  # fmt: skip
    if on_timeline:
        activity_record(
            workspace_id=case.workspace_id,
            subject=(CUSTOMER, case.customer.public_id),
            kind=kind,
            actor=actor,
            data={"channel": "system", **data},
        )


def announce(workspace, case=None) -> None:
    """The cases list refreshes itself; the order page and board show the order's cases."""
    broadcast_on_commit(workspace, "aftersales", {"case": str(case.public_id)} if case else {})
    broadcast_on_commit(workspace, "orders")


def aftersales_settings(workspace) -> AftersalesSettings:
    """The workspace's after-sales rules (made with their defaults the first time they are read)."""
    found = AftersalesSettings.objects.filter(workspace=workspace).first()
    if found is None:
        found, _created = AftersalesSettings.objects.get_or_create(workspace=workspace)
    return found


def workspace_today(workspace, now: dt.datetime | None = None) -> dt.date:
    """Today in the workspace's time zone: a follow-up falls due on the team's day."""
    import zoneinfo

    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(workspace.time_zone or "UTC")).date()


def number_next(workspace, prefix: str) -> str:
    """AS-2026-0001 / CN-2026-0001: a gap-free count per workspace, kind and year."""
    year = workspace_today(workspace).year
    return f"{prefix}-{year}-{sequence_next(workspace=workspace, key=f'{prefix.lower()}-{year}'):04d}"
