"""The workspace's competitors (managers and admins keep them; everyone reads them) and lost reasons."""

from uuid import UUID

from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.trade.inquiries import selectors, services
from tradewind.trade.inquiries.access import access_competitor
from tradewind.trade.inquiries.api.router import router
from tradewind.trade.inquiries.api.schemas import CompetitorIn, CompetitorOut, CompetitorPatch, LostReasonOut


@router.get("/workspaces/{slug}/competitors", response=list[CompetitorOut])
def competitor_list(request, slug: str):
    """The competitors the team has noted, by name."""
    return selectors.competitors(membership=api_membership(request, slug))


@router.post("/workspaces/{slug}/competitors", response=answers(CompetitorOut, 403, 409, status=201))
def competitor_create(request, slug: str, payload: CompetitorIn):
    """409: there is a competitor of that name already (in any case)."""
    m = api_membership(request, slug)
    return Status(201, services.competitor_create(actor=m, **payload.dict()))


@router.patch("/workspaces/{slug}/competitors/{competitor_id}", response=answers(CompetitorOut, 403, 409))
def competitor_update(request, slug: str, competitor_id: UUID, payload: CompetitorPatch):
    m = api_membership(request, slug)
    competitor = access_competitor(m, competitor_id)
    changes = {k: getattr(payload, k) or "" for k in payload.model_fields_set}
    return services.competitor_update(actor=m, competitor=competitor, **changes)


@router.delete("/workspaces/{slug}/competitors/{competitor_id}", response=answers(None, 403, status=204))
def competitor_delete(request, slug: str, competitor_id: UUID):
    """Delete a competitor; the inquiries lost to it keep it in their history."""
    m = api_membership(request, slug)
    services.competitor_delete(actor=m, competitor=access_competitor(m, competitor_id))
    return Status(204, None)


@router.get("/workspaces/{slug}/lost-reasons", response=list[LostReasonOut])
def lost_reason_list(request, slug: str):
    """Why inquiries are lost: the workspace's list, in its order."""
    return selectors.lost_reasons(membership=api_membership(request, slug))
