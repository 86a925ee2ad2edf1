"""Tasks and boards under /api/v1/workspaces/{slug}/…, calling the same services as the UI."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, field_validator

from tradewind.activity.kinds import activity_text
from tradewind.activity.selectors import activities_of
from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.api.schemas import (
    NOT_BLANK,
    Input,
    LocalTime,
    SubjectKindOrBlank,
    Text,
    member_or,
    text,
)
from tradewind.tasks import selectors, services
from tradewind.tasks.access import access_board, access_task
from tradewind.tasks.choices import Priority, Recurrence, TaskStatus
from tradewind.workspaces.models import Membership

router = Router(tags=["tasks"])


class LabelOut(Schema):
    name: str


class TaskOut(Schema):
    id: UUID = Field(alias="public_id")
    code: str
    title: str
    description: str
    status: TaskStatus
    blocked_reason: str
    priority: Priority
    assignee: UUID | None = Field(None, alias="assignee.public_id")
    assignee_name: str | None = Field(None, alias="assignee.user.display_name")
    board: UUID | None = Field(None, alias="board.public_id")
    due_date: dt.date | None
    due_time: LocalTime | None
    due_at: dt.datetime | None
    is_overdue: bool
    recurrence: str
    subject_kind: str
    subject_id: UUID | None
    created_at: dt.datetime
    updated_at: dt.datetime
    completed_at: dt.datetime | None
    labels: list[LabelOut]


Title = text(200, required=True)
LabelName = text(40)
Weekday = Annotated[int, Field(ge=0, le=6)]


def _needs(field: str, when: dict, **rule) -> dict:
    """A JSON Schema if/then: the rule a service checks across fields, said in the document."""
    return {"if": {"properties": when, "required": list(when)}, "then": {"required": [field], **rule}}


class TaskIn(Input):
    # The services' rules across fields: a due time or a repeat needs a due date; weekly needs weekdays,
    # monthly a day of the month.
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _needs(
                    "due_date", {"due_time": {"type": "string"}}, properties={"due_date": {"type": "string"}}
                ),
                _needs(
                    "due_date",
                    {"recurrence": {"enum": ["daily", "weekly", "monthly"]}},
                    properties={"due_date": {"type": "string"}},
                ),
                _needs(
                    "recurrence_weekdays",
                    {"recurrence": {"const": "weekly"}},
                    properties={"recurrence_weekdays": {"minItems": 1}},
                ),
                _needs(
                    "recurrence_month_day",
                    {"recurrence": {"const": "monthly"}},
                    properties={"recurrence_month_day": {"type": "integer"}},
                ),
            ]
        }
    )
    title: Title
    description: Text = ""
    board: UUID | None = None
    assignee: UUID | None = None
    due_date: dt.date | None = None
    due_time: LocalTime | None = None
    priority: Priority = Priority.NORMAL
    status: Literal["todo", "in_progress"] = "todo"
    labels: list[LabelName] = Field([], max_length=50)
    subject_kind: SubjectKindOrBlank = Field("", description="With subject_id: the record the task is about.")
    subject_id: UUID | None = None
    recurrence: Recurrence = Recurrence.NONE
    recurrence_weekdays: list[Weekday] = Field([], max_length=7, description="0 = Monday … 6 = Sunday.")
    recurrence_month_day: int | None = Field(None, ge=1, le=31)


class TaskPatch(Input):
    # Fields that may not be cleared are not nullable: send them or leave them out.
    title: Title = None
    description: Text | None = None
    board: UUID | None = None
    assignee: UUID | None = None
    due_date: dt.date | None = None
    due_time: LocalTime | None = None
    priority: Priority = None
    labels: list[LabelName] = Field(
        None, max_length=50, description="The task's labels; [] removes them all."
    )

    @field_validator("labels", mode="before")
    @classmethod
    def _labels_not_null(cls, value):
        if value is None:
            raise ValueError("send a list of labels; [] removes them all")
        return value


class StatusIn(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _needs(
                    "blocked_reason",
                    {"status": {"const": "blocked"}},
                    properties={"blocked_reason": {"pattern": NOT_BLANK}},
                )
            ]
        }
    )
    status: TaskStatus
    blocked_reason: text(300) = Field("", description="What the task waits for; required when blocked.")


class CommentIn(Input):
    body: text(10_000, required=True)


class CommentOut(Schema):
    id: UUID = Field(alias="public_id")
    author: str | None = Field(None, alias="author.user.display_name")
    body: str
    created_at: dt.datetime


class EventOut(Schema):
    """A line of the task's history: `kind` as before the history became an activity stream (status,
    assigned…), `text` the change in the reader's words."""

    kind: str
    text: str
    actor: str | None = Field(None, alias="actor.user.display_name")
    data: dict
    at: dt.datetime

    @staticmethod
    def resolve_kind(entry) -> str:
        return entry.kind.removeprefix("tasks.")

    @staticmethod
    def resolve_text(entry) -> str:
        return activity_text(entry.kind, entry.data)


class TaskFiltersIn(Input):
    board: UUID | None = None
    assignee: member_or("me", "none") = ""
    status: Literal["", "open", "todo", "in_progress", "blocked", "done", "cancelled"] = ""
    priority: Priority | None = None
    due: Literal["", "overdue", "today", "week", "none"] = ""
    label: text(200) = ""
    q: text(200) = ""
    sort: Literal["due", "-due", "priority", "created", "updated", "number", "title"] = "due"


BoardName = text(120, required=True)


class BoardIn(Input):
    name: BoardName = Field(description="Unique in the workspace (any case).")
    description: Text = ""


class BoardPatch(Input):
    name: BoardName = None
    description: Text | None = None
    is_archived: bool = None


class BoardOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    description: str
    is_archived: bool


class BoardProgressOut(BoardOut):
    total: int
    done: int
    overdue: int


class MyWorkOut(Schema):
    overdue: list[TaskOut]
    today: list[TaskOut]
    week: list[TaskOut]
    later: list[TaskOut]
    no_date: list[TaskOut]


def _member(membership, public_id) -> Membership | None:
    if public_id is None:
        return None
    return get_object_or_404(
        Membership.objects.select_related("user"), workspace=membership.workspace, public_id=public_id
    )


def _subject(kind: str, public_id):
    return (kind, public_id) if kind and public_id else None


@router.get("/workspaces/{slug}/tasks", response=list[TaskOut], summary="Tasks, filtered and sorted")
@paginate(PageWithCount)
def task_list(request, slug: str, filters: Query[TaskFiltersIn]):
    m = api_membership(request, slug)
    board = access_board(m, filters.board) if filters.board else None
    data = filters.dict(exclude={"board"})
    data["priority"] = data["priority"] or ""
    return selectors.task_list(membership=m, filters=selectors.TaskFilters(board=board, **data))


@router.get(
    "/workspaces/{slug}/my-work", response=MyWorkOut, summary="My open tasks, grouped by when they are due"
)
def my_work(request, slug: str):
    return selectors.my_work(membership=api_membership(request, slug))


@router.post("/workspaces/{slug}/tasks", response=answers(TaskOut, 403, status=201), summary="Create a task")
def task_create(request, slug: str, payload: TaskIn):
    m = api_membership(request, slug)
    task = services.task_create(
        actor=m,
        title=payload.title,
        description=payload.description,
        board=access_board(m, payload.board) if payload.board else None,
        assignee=_member(m, payload.assignee),
        due_date=payload.due_date,
        due_time=payload.due_time,
        priority=payload.priority,
        status=payload.status,
        labels=payload.labels,
        subject=_subject(payload.subject_kind, payload.subject_id),
        recurrence=payload.recurrence,
        recurrence_weekdays=payload.recurrence_weekdays,
        recurrence_month_day=payload.recurrence_month_day,
    )
    return Status(201, task)


@router.get("/workspaces/{slug}/tasks/{task_id}", response=TaskOut, summary="One task")
def task_detail(request, slug: str, task_id: UUID):
    return access_task(api_membership(request, slug), task_id)


@router.patch("/workspaces/{slug}/tasks/{task_id}", response=answers(TaskOut, 403))
def task_update(request, slug: str, task_id: UUID, payload: TaskPatch):
    """Change the fields you send; send `null` to clear board, assignee or due date."""
    m = api_membership(request, slug)
    task = access_task(m, task_id)
    sent = payload.dict(exclude_unset=True)
    changes = {}
    for key in ("title", "description", "priority", "labels", "due_date", "due_time"):
        if key in sent:
            changes[key] = sent[key]
    if "board" in sent:
        changes["board"] = access_board(m, sent["board"]) if sent["board"] else None
    if "assignee" in sent:
        changes["assignee"] = _member(m, sent["assignee"])
    return services.task_update(actor=m, task=task, **changes)


@router.post("/workspaces/{slug}/tasks/{task_id}/status", response=answers(TaskOut, 403))
def task_status(request, slug: str, task_id: UUID, payload: StatusIn):
    m = api_membership(request, slug)
    return services.task_set_status(
        actor=m, task=access_task(m, task_id), status=payload.status, blocked_reason=payload.blocked_reason
    )


@router.post("/workspaces/{slug}/tasks/{task_id}/complete", response=answers(TaskOut, 403))
def task_complete(request, slug: str, task_id: UUID):
    m = api_membership(request, slug)
    return services.task_set_status(actor=m, task=access_task(m, task_id), status=TaskStatus.DONE)


@router.get("/workspaces/{slug}/tasks/{task_id}/comments", response=list[CommentOut])
def comment_list(request, slug: str, task_id: UUID):
    task = access_task(api_membership(request, slug), task_id)
    return task.comments.select_related("author__user")


@router.post("/workspaces/{slug}/tasks/{task_id}/comments", response=answers(CommentOut, 403, status=201))
def comment_add(request, slug: str, task_id: UUID, payload: CommentIn):
    m = api_membership(request, slug)
    return Status(201, services.task_comment_add(actor=m, task=access_task(m, task_id), body=payload.body))


@router.get("/workspaces/{slug}/tasks/{task_id}/history", response=list[EventOut])
@paginate(PageWithCount)
def task_history(request, slug: str, task_id: UUID):
    task = access_task(api_membership(request, slug), task_id)
    return activities_of(workspace_id=task.workspace_id, subject=services.task_subject(task)).select_related(
        "actor__user"
    )


@router.get("/workspaces/{slug}/boards", response=list[BoardProgressOut], tags=["boards"])
def board_list(request, slug: str, archived: bool = False):
    return selectors.boards_with_progress(membership=api_membership(request, slug), archived=archived)


@router.post("/workspaces/{slug}/boards", response=answers(BoardOut, 403, status=201), tags=["boards"])
def board_create(request, slug: str, payload: BoardIn):
    m = api_membership(request, slug)
    return Status(201, services.board_create(actor=m, name=payload.name, description=payload.description))


@router.get("/workspaces/{slug}/boards/{board_id}", response=BoardOut, tags=["boards"])
def board_detail(request, slug: str, board_id: UUID):
    return access_board(api_membership(request, slug), board_id)


@router.patch(
    "/workspaces/{slug}/boards/{board_id}",
    response=answers(BoardOut, 403),
    tags=["boards"],
)
def board_update(request, slug: str, board_id: UUID, payload: BoardPatch):
    m = api_membership(request, slug)
    board = access_board(m, board_id)
    sent = payload.dict(exclude_unset=True)
    return services.board_update(
        actor=m,
        board=board,
        name=sent.get("name", board.name),
        description=sent.get("description", board.description),
        is_archived=sent.get("is_archived", board.is_archived),
    )
