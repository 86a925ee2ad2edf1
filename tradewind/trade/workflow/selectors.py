"""Reading orders in fulfilment: the board (orders by stage), the filtered list, "my orders" per job, and
one order's stages. A member sees the orders of customers they may see (trade.selectors' rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from tradewind.core.text import search_words
from tradewind.crm.models import Customer
from tradewind.crm.permissions import sees_every_customer
from tradewind.crm.search_index import search_text_condition
from tradewind.trade.choices import OrderStatus
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageItem, StageStatus, WorkflowStage
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

BOARD_CARDS = 20  # cards shown per column; the column's count says how many there are

# What a row or a card shows (_rows.html, board.html, the API's row_out): whole orders and customers are
# several times the columns shown. The rep and the merchandiser come in one query for all rows
# (_member_prefetches): joined into each column's query, they made PostgreSQL sort the whole column.
ROW_FIELDS = (
    "stage_key", "stage_name", "stage_position", "at_risk", "risk_reason", "late", "payment_overdue",
    "next_etd", "closed_at", "merchandiser", "order__public_id", "order__number", "order__delivery_date",
    "order__owner", "order__customer__public_id", "order__customer__name",
)  # fmt: skip


def _member_prefetches() -> list[Prefetch]:
    members = Membership.objects.select_related("user").only("public_id", "user__full_name", "user__email")
    return [Prefetch("order__owner", queryset=members), Prefetch("merchandiser", queryset=members)]


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


def fulfilment_rows(*, membership, filters: OrderFilters) -> QuerySet[Fulfilment]:
    """fulfilment_list with what a row or a card shows."""
    return _rows(fulfilment_list(membership=membership, filters=filters)).prefetch_related(
        *_member_prefetches()
    )


def _rows(fulfilments: QuerySet[Fulfilment]) -> QuerySet[Fulfilment]:
    return fulfilments.select_related("order__customer").only(*ROW_FIELDS)


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
    return fulfilments.order_by("stage_position", "-id")


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
    """The workspace's stages as columns, each with its count and its first cards: one grouped count, one
    query per column with orders and two for the cards' people, whatever the number of orders."""
    stages = list(
        WorkflowStage.objects.filter(
            template__workspace_id=membership.workspace_id, template__is_default=True
        )
        .order_by("position", "id")
        .values_list("key", "name")
    )
    base = fulfilment_list(membership=membership, filters=OrderFilters(**{**filters.__dict__, "stage": ""}))
    counts = dict(base.order_by().values_list("stage_key").annotate(n=Count("id")))
    cards = {key: list(_rows(base).filter(stage_key=key)[:BOARD_CARDS]) for key in counts if counts[key]}
    prefetch_related_objects([f for column in cards.values() for f in column], *_member_prefetches())
    # Running orders whose stage the template no longer has (an admin removed it) still show somewhere.
    known = {key for key, _name in stages}
    stages += [(key, key) for key in sorted(counts) if key not in known]
    return [
        Column(
            key,
            name,
            counts.get(key, 0),
            cards.get(key, []),
        )
        for key, name in stages
    ]


def order_fulfilment(order) -> Fulfilment | None:
    """One order's fulfilment with its stages, their items and owners, and its team (four queries)."""
    items = Prefetch("items", queryset=StageItem.objects.select_related("done_by__user"))
    stages = Prefetch(
        "stages",
        queryset=OrderStage.objects.select_related("owner__user", "completed_by__user").prefetch_related(
            items
        ),
    )
    fulfilment = Fulfilment.objects.filter(order=order).prefetch_related(stages).first()
    if fulfilment is not None:
        _team_load(fulfilment)
    return fulfilment


def _team_load(fulfilment) -> None:
    """The order's team in one query (joined to the fulfilment, five members and their users made a
    eleven-table query that took longer to plan than to run)."""
    ids = {getattr(fulfilment, f"{field}_id") for field in TEAM_FIELDS.values()} - {None}
    members = {m.pk: m for m in Membership.objects.filter(pk__in=ids).select_related("user")}
    for field in TEAM_FIELDS.values():
        member_id = getattr(fulfilment, f"{field}_id")
        if member_id is not None:
            setattr(fulfilment, field, members[member_id])


def stage_counts(fulfilment) -> tuple[int, int]:
    """(done, all) stages: the progress line's figure."""
    stages = fulfilment.stages.all()
    return sum(1 for s in stages if s.status == StageStatus.DONE), len(stages)
