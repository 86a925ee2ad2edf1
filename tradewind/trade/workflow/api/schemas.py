"""What the workflow's API reads and answers."""

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from tradewind.api.schemas import Input, text
from tradewind.trade.api.answers import RefOut

ROLES = Literal["sales", "merchandiser", "documents", "logistics", "finance", "service"]


class StageItemOut(Schema):
    id: UUID
    text: str
    done_at: dt.datetime | None
    done_by: RefOut | None


class StageOut(Schema):
    id: UUID
    key: str
    name: str
    owner_role: str
    owner: RefOut | None
    status: Literal["waiting", "active", "done"]
    sla_days: int | None
    parallel: bool
    started_at: dt.datetime | None
    due_at: dt.datetime | None
    late: bool
    completed_at: dt.datetime | None
    completed_by: RefOut | None
    override_reason: str
    blockers: list[str] = Field(description="Why the stage cannot be completed now (another app's gate).")
    task: UUID | None = Field(description="The task its owner got when it started.")
    items: list[StageItemOut]


class TeamOut(Schema):
    merchandiser: RefOut | None
    documents: RefOut | None
    logistics: RefOut | None
    finance: RefOut | None
    service: RefOut | None


class FlagsOut(Schema):
    stage: str = Field(description="The key of the first stage not done; empty once closed.")
    stage_name: str
    at_risk: bool
    risk_reason: str
    late: bool
    payment_overdue: bool
    next_etd: dt.date | None
    closed_at: dt.datetime | None


class FulfilmentOut(FlagsOut):
    order: RefOut
    team: TeamOut
    stages: list[StageOut]


class FulfilmentRowOut(FlagsOut):
    order: RefOut
    customer: RefOut
    sales_rep: RefOut | None
    merchandiser: RefOut | None
    delivery_date: dt.date | None


class ColumnOut(Schema):
    key: str
    name: str
    count: int
    cards: list[FulfilmentRowOut]


class FiltersIn(Input):
    q: text(100) = ""
    stage: text(40) = ""
    rep: UUID | None = None
    merchandiser: UUID | None = None
    country: text(2) = ""
    at_risk: bool = False
    late: bool = False
    payment_overdue: bool = False
    etd_from: dt.date | None = None
    etd_to: dt.date | None = None
    closed: bool = False
    mine: Literal["", "sales", "merchandiser", "documents", "logistics", "finance", "service"] = Field(
        "", description="Only the orders where you hold this job."
    )


class TeamIn(Input):
    """Only the jobs sent change; null: nobody (the workspace's default applies to new stages)."""

    merchandiser: UUID | None = None
    documents: UUID | None = None
    logistics: UUID | None = None
    finance: UUID | None = None
    service: UUID | None = None


class CompleteIn(Input):
    override_reason: text(2000) = Field(
        "", description="Required when checklist steps are open: why the stage is complete anyway."
    )


class StageItemIn(Input):
    done: bool


class TemplateStageOut(Schema):
    id: UUID
    key: str
    name: str
    owner_role: str
    sla_days: int | None
    parallel: bool
    checklist: list[str]


class TemplateOut(Schema):
    name: str
    stages: list[TemplateStageOut]


class TemplateStageIn(Input):
    name: text(120, required=True)
    owner_role: ROLES
    sla_days: int | None = Field(None, ge=1, le=365)
    parallel: bool = False
    checklist: list[text(300)] = Field(default_factory=list, max_length=30)


class TemplateStagePatch(Input):
    name: text(120, required=True) | None = None
    owner_role: ROLES | None = None
    sla_days: int | None = Field(None, ge=1, le=365)
    parallel: bool | None = None
    checklist: list[text(300)] | None = Field(None, max_length=30)


class MoveIn(Input):
    up: bool
