"""The activity stream of any record the caller may open: GET …/activity?subject_kind=…&subject_id=…"""

import datetime as dt
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tradewind.activity.kinds import activity_label, activity_text
from tradewind.activity.selectors import activities_of
from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.schemas import ErrorOut
from tradewind.core.subjects import subject_resolve

router = Router(tags=["activity"])


class SubjectIn(Schema):
    subject_kind: str = Field(max_length=40, description="e.g. crm.customer, tasks.task")
    subject_id: UUID


class ActivityOut(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    kind_label: str
    text: str
    actor: str | None = Field(None, alias="actor.user.display_name")
    data: dict
    at: dt.datetime

    @staticmethod
    def resolve_kind_label(entry) -> str:
        return activity_label(entry.kind)

    @staticmethod
    def resolve_text(entry) -> str:
        return activity_text(entry.kind, entry.data)


@router.get("/workspaces/{slug}/activity", response={200: list[ActivityOut], 404: ErrorOut})
@paginate(PageWithCount)
def activity_list(request, slug: str, subject: Query[SubjectIn]):
    """Newest first. A record that does not exist, or that the caller may not open, is a 404."""
    m = api_membership(request, slug)
    if subject_resolve(m, subject.subject_kind, subject.subject_id) is None:
        raise Http404
    return activities_of(
        workspace_id=m.workspace_id, subject=(subject.subject_kind, subject.subject_id)
    ).select_related("actor__user")
