import datetime as dt
from typing import Literal
from uuid import UUID

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tradewind.api.auth import api_membership, api_user
from tradewind.api.pagination import PageWithCount
from tradewind.api.schemas import Input, text
from tradewind.workspaces import selectors
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

router = Router(tags=["workspaces"])


class WorkspaceOut(Schema):
    slug: str
    name: str
    country: str
    time_zone: str
    currency: str
    my_role: str


class MemberOut(Schema):
    id: UUID = Field(alias="public_id")
    email: str = Field(alias="user.email")
    full_name: str = Field(alias="user.full_name")
    role: str
    is_active: bool
    joined_at: dt.datetime = Field(alias="created_at")


class MemberFilters(Input):
    q: text(200) = ""
    role: Role | None = None
    status: Literal["", "inactive", "all"] = ""


def _workspace_out(m: Membership) -> WorkspaceOut:
    w = m.workspace
    return WorkspaceOut(
        slug=w.slug,
        name=w.name,
        country=w.country,
        time_zone=w.time_zone,
        currency=w.currency,
        my_role=m.role,
    )


@router.get("/workspaces", response=list[WorkspaceOut], summary="My workspaces")
def workspace_list(request):
    """With a token: only the token's workspace. With a session: every workspace you are active in."""
    if isinstance(request.auth, Membership):
        return [_workspace_out(request.auth)]
    memberships = Membership.objects.filter(user=api_user(request), is_active=True).select_related(
        "workspace"
    )
    return [_workspace_out(m) for m in memberships.order_by("workspace__name")]


@router.get("/workspaces/{slug}", response=WorkspaceOut, summary="One of my workspaces")
def workspace_detail(request, slug: str):
    return _workspace_out(api_membership(request, slug))


@router.get("/workspaces/{slug}/members", response=list[MemberOut], summary="Members of a workspace")
@paginate(PageWithCount)
def member_list(request, slug: str, filters: Query[MemberFilters]) -> QuerySet[Membership]:
    membership = api_membership(request, slug)
    return selectors.member_list(workspace=membership.workspace, **filters.dict())
