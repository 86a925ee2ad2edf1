"""Pool actions: claim, release, assign, merge — audited with the caller's IP, as in the UI."""

from uuid import UUID

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.core.net import client_ip
from tradewind.crm import services
from tradewind.crm.access import access_customer
from tradewind.crm.api.records import customer_out
from tradewind.crm.api.router import router
from tradewind.crm.api.schemas import (
    AssignIn,
    CustomerOut,
    MergeIn,
    ReleaseIn,
)
from tradewind.workspaces.access import access_membership


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/claim",
    response=answers(CustomerOut, 403, 409),
)
def customer_claim(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    return customer_out(m, services.customer_claim(actor=m, customer=customer, ip=client_ip(request)))


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/release",
    response=answers(CustomerOut, 403, 409),
)
def customer_release(request, slug: str, customer_id: UUID, payload: ReleaseIn):
    m = api_membership(request, slug)
    customer = services.customer_release(
        actor=m, customer=access_customer(m, customer_id), reason=payload.reason, ip=client_ip(request)
    )
    return customer_out(m, customer)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/assign",
    response=answers(CustomerOut, 403, 409),
)
def customer_assign(request, slug: str, customer_id: UUID, payload: AssignIn):
    m = api_membership(request, slug)
    to = access_membership(m, payload.owner) if payload.owner else None
    customer = services.customer_assign(
        actor=m, customer=access_customer(m, customer_id), to=to, ip=client_ip(request)
    )
    return customer_out(m, customer)


@router.post(
    "/workspaces/{slug}/customers/{customer_id}/merge",
    response=answers(CustomerOut, 403),
)
def customer_merge(request, slug: str, customer_id: UUID, payload: MergeIn):
    m = api_membership(request, slug)
    survivor = access_customer(m, customer_id)
    merged = access_customer(m, payload.merged)
    services.customer_merge(actor=m, survivor=survivor, merged=merged, ip=client_ip(request))
    return customer_out(m, access_customer(m, customer_id))
