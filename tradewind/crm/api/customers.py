"""Customers under /api/v1/workspaces/{slug}/customers: list, create, the duplicate check, read, change."""

from uuid import UUID

from django.utils import timezone
from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.responses import answers
from tradewind.api.schemas import ErrorOut
from tradewind.crm import selectors, services
from tradewind.crm.access import access_customer
from tradewind.crm.api.records import customer_out
from tradewind.crm.api.router import router
from tradewind.crm.api.schemas import (
    CustomerIn,
    CustomerOut,
    CustomerPatch,
    CustomerRecord,
    DuplicateCheckIn,
    DuplicateCheckOut,
    DuplicateOut,
    FilterIn,
)
from tradewind.crm.duplicates import duplicate_check


@router.get("/workspaces/{slug}/customers", response=list[CustomerRecord])
@paginate(PageWithoutCount)
def customer_list(request, slug: str, filters: Query[FilterIn]):
    """Filters as in the UI; `q` searches names, contacts, e-mails and phones (Chinese and accents too).
    Pages come without a total, so a list of millions stays fast: follow `next_offset`."""
    m = api_membership(request, slug)
    customers = selectors.customer_list(membership=m, filters=selectors.CustomerFilters(**filters.dict()))
    return _Serialised(m, customers.prefetch_related("contacts", "tags"))


class _Serialised:
    """Serialises only the rows the paginator slices out."""

    def __init__(self, m, queryset):
        self.m, self.queryset = m, queryset

    def __getitem__(self, item):
        now = timezone.now()
        return [customer_out(self.m, c, now=now) for c in self.queryset[item]]


# 409: possible duplicates (with the matches), or the private-customer limit (a plain ErrorOut).
SAVED_OR_DUPLICATE = {409: DuplicateOut | ErrorOut}


@router.post(
    "/workspaces/{slug}/customers", response=answers(CustomerOut, 403, status=201) | SAVED_OR_DUPLICATE
)
def customer_create(request, slug: str, payload: CustomerIn):
    """Create a customer. Possible duplicates answer 409 with the matches; send confirm_duplicates=true to
    save anyway (unless the workspace blocks exact duplicates of another rep's customer)."""
    m = api_membership(request, slug)
    data = payload.dict(exclude={"contacts", "grade", "tags", "pool", "confirm_duplicates"})
    customer = services.customer_create(
        actor=m,
        data=data,
        contacts=[c.dict() for c in payload.contacts],
        grade=payload.grade,
        tags=payload.tags,
        owner=None if payload.pool else "me",
        confirm_duplicates=payload.confirm_duplicates,
    )
    return Status(201, customer_out(m, customer))


@router.post(
    "/workspaces/{slug}/customers/duplicate-check",
    response=DuplicateCheckOut,
    summary="Who has this customer already?",
)
def customer_duplicate_check(request, slug: str, payload: DuplicateCheckIn):
    """Checks a proposed customer without creating it: exact matches (name, e-mail or web domain, phone)
    and similar names, with their owners."""
    from tradewind.crm.normalize import PhoneError, phone_e164

    m = api_membership(request, slug)
    phones = []
    for raw in payload.phones:
        try:
            phones.append(phone_e164(raw, payload.country))
        except PhoneError:
            continue
    matches = duplicate_check(
        workspace=m.workspace,
        name=payload.name,
        emails=payload.emails,
        phones=phones,
        website=payload.website,
    )
    return {"matches": [services.match_summary(x) for x in matches]}


@router.get("/workspaces/{slug}/customers/{customer_id}", response=CustomerRecord)
def customer_detail(request, slug: str, customer_id: UUID):
    m = api_membership(request, slug)
    return customer_out(m, access_customer(m, customer_id))


@router.patch(
    "/workspaces/{slug}/customers/{customer_id}",
    response=answers(CustomerOut, 403) | SAVED_OR_DUPLICATE,
)
def customer_update(request, slug: str, customer_id: UUID, payload: CustomerPatch):
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    sent = payload.dict(exclude_unset=True)
    sent.pop("confirm_duplicates", None)
    customer = services.customer_update(
        actor=m,
        customer=customer,
        data={k: v for k, v in sent.items() if k not in ("grade", "tags")},
        grade=sent.get("grade", ...),
        tags=sent.get("tags"),
        confirm_duplicates=payload.confirm_duplicates,
    )
    return customer_out(m, customer)
