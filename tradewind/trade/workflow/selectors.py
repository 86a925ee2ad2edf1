"""Reading orders in fulfilment: the board (orders by stage), the filtered list, "my orders" per job, and
one order's stages. A member sees the orders of customers they may see (trade.selectors' rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from tradewind.core.text import search_words
from tradewind.crm.models import Customer
from tradewind.crm.permissions import sees_every_customer
from tradewind.crm.search_index import search_text_condition
from tradewind.trade.choices import OrderStatus
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageItem, StageStatus, WorkflowTemplate
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.choices import Role

BOARD_CARDS = 20  # cards shown per column; the column's count says how many there are


@dataclass
class OrderFilters:
    q: str = ""
    stage: str = ""  # a stage key
    rep: int | None = None  # membership pk
    merchandiser: int | None = None
    customer_id: int | None = None
    country: str = ""
    at_risk: bool = False
    late: bool = False
    payment_overdue: bool = False
    etd_from: dt.date | None = None
    etd_to: dt.date | None = None
    closed: bool = False  # closed orders instead of running ones
    mine: str = ""  # a job ("merchandiser", "logistics", …, or "sales"): the orders where I hold it


def _visible(membership) -> QuerySet[Fulfilment]:
    fulfilments = Fulfilment.objects.filter(
        workspace_id=membership.workspace_id, order__status=OrderStatus.CONFIRMED
    )
    if sees_every_customer(membership):
        return fulfilments
    return fulfilments.filter(Q(order__customer__owner__isnull=True) | Q(order__customer__owner=membership))


def fulfilment_list(*, membership, filters: OrderFilters) -> QuerySet[Fulfilment]:
    """Running orders (or closed ones) by stage, then newest first."""
    fulfilments = _visible(membership).filter(closed_at__isnull=not filters.closed)
    if filters.stage:
        fulfilments = fulfilments.filter(stage_key=filters.stage)
    if filters.rep:
        fulfilments = fulfilments.filter(order__owner_id=filters.rep)
    if filters.merchandiser:
        fulfilments = fulfilments.filter(merchandiser_id=filters.merchandiser)
    if filters.customer_id:
        fulfilments = fulfilments.filter(order__customer_id=filters.customer_id)
    if filters.country:
        fulfilments = fulfilments.filter(order__customer__country=filters.country)
    for flag in ("at_risk", "late", "payment_overdue"):
        if getattr(filters, flag):
            fulfilments = fulfilments.filter(**{flag: True})
    if filters.etd_from:
        fulfilments = fulfilments.filter(next_etd__gte=filters.etd_from)
    if filters.etd_to:
        fulfilments = fulfilments.filter(next_etd__lte=filters.etd_to)
    if filters.mine:
        fulfilments = fulfilments.filter(_mine(membership, filters.mine))
    words = search_words(filters.q)
    if words:
        customers = Customer.objects.filter(workspace_id=membership.workspace_id).filter(
            search_text_condition(words)
        )
        fulfilments = fulfilments.filter(
            Q(order__customer_id__in=customers.values("pk"))
            | Q(order__number__icontains=filters.q.strip()[:40])
        )
    return fulfilments.select_related(
        "order__customer", "order__owner__user", "merchandiser__user", "logistics__user"
    ).order_by("stage_position", "-id")


def _mine(membership, job: str) -> Q:
    if job == Role.SALES:
        return Q(order__owner=membership)
    field = TEAM_FIELDS.get(job)
    if field is None:
        return Q(pk__in=[])
    return Q(**{field: membership})


def my_job(membership) -> str:
    """Which job "my orders" shows first for this member: their role's, the rep's for the leads."""
    return membership.role if membership.role in TEAM_FIELDS or membership.role == Role.SALES else Role.SALES


@dataclass
class Column:
    key: str
    name: str
    count: int
    cards: list


def board_columns(*, membership, filters: OrderFilters) -> list[Column]:
    """The workspace's stages as columns, each with its count and its first cards: one grouped count and
    one query per column, whatever the number of orders."""
    template = WorkflowTemplate.objects.filter(workspace_id=membership.workspace_id, is_default=True).first()
    stages = list(template.stages.values_list("key", "name")) if template else []
    base = fulfilment_list(membership=membership, filters=OrderFilters(**{**filters.__dict__, "stage": ""}))
    counts = dict(base.order_by().values_list("stage_key").annotate(n=Count("id")))
    # Running orders whose stage the template no longer has (an admin removed it) still show somewhere.
    known = {key for key, _name in stages}
    stages += [(key, key) for key in sorted(counts) if key not in known]
    return [
        Column(
            key,
            name,
            counts.get(key, 0),
            list(base.filter(stage_key=key)[:BOARD_CARDS]) if counts.get(key) else [],
        )
        for key, name in stages
    ]


def order_fulfilment(order) -> Fulfilment | None:
    """One order's fulfilment with its stages, their items and owners (three queries)."""
    items = Prefetch("items", queryset=StageItem.objects.select_related("done_by__user"))
    stages = Prefetch(
        "stages",
        queryset=OrderStage.objects.select_related("owner__user", "completed_by__user").prefetch_related(
            items
        ),
    )
    return (
        Fulfilment.objects.filter(order=order)
        .select_related(*(f"{field}__user" for field in TEAM_FIELDS.values()))
        .prefetch_related(stages)
        .first()
    )


def stage_counts(fulfilment) -> tuple[int, int]:
    """(done, all) stages: the progress line's figure."""
    stages = fulfilment.stages.all()
    return sum(1 for s in stages if s.status == StageStatus.DONE), len(stages)
