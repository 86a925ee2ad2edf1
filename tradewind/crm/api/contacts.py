"""A customer's contacts and timeline."""

from uuid import UUID

from ninja import Status
from ninja.pagination import paginate

from tradewind.activity.selectors import activities_of
from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.crm import services
from tradewind.crm.access import access_contact
from tradewind.crm.api.records import customer_with_details
from tradewind.crm.api.router import router
from tradewind.crm.api.schemas import (
    ContactIO,
    ContactOut,
    TimelineIn,
    TimelineOut,
)
from tradewind.crm.services.timeline import customer_subject


@router.get("/workspaces/{slug}/customers/{customer_id}/contacts", response=list[ContactOut])
def contact_list(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    return list(customer_with_details(m, customer_id).contacts.all())


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/contacts",
    response=answers(ContactOut, 403, status=201),
)
def contact_add(request, slug: str, customer_id: UUID, payload: ContactIO):
    m = api_membership(request, slug)
    customer = customer_with_details(m, customer_id)
    return Status(201, services.contact_save(actor=m, customer=customer, data=payload.dict()))


@router.patch(
    "/workspaces/{slug}/customers/{customer_id}/contacts/{contact_id}",
    response=answers(ContactOut, 403),
)
def contact_update(request, slug: str, customer_id: UUID, contact_id: UUID, payload: ContactIO):
    m = api_membership(request, slug)
    customer = customer_with_details(m, customer_id)
    contact = access_contact(m, customer, contact_id)
    return services.contact_save(actor=m, customer=customer, data=payload.dict(), contact=contact)


@router.get("/workspaces/{slug}/customers/{customer_id}/timeline", response=list[TimelineOut])
@paginate(PageWithCount)
def timeline_list(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    customer = customer_with_details(m, customer_id)
    return activities_of(workspace_id=m.workspace_id, subject=customer_subject(customer)).select_related(
        "actor__user"
    )


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/timeline",
    response=answers(TimelineOut, 403, status=201),
)
def timeline_log(request, slug: str, customer_id: UUID, payload: TimelineIn):
    m = api_membership(request, slug)
    customer = customer_with_details(m, customer_id)
    contact = access_contact(m, customer, payload.contact) if payload.contact else None
    entry = services.timeline_log(
        actor=m,
        customer=customer,
        channel=payload.channel,
        summary=payload.summary,
        at=payload.at,
        outcome=payload.outcome,
        next_step=payload.next_step,
        contact=contact,
        next_follow_up_on=payload.next_follow_up_on,
    )
    return Status(201, entry)
