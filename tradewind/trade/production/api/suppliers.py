"""Suppliers under /api/v1/workspaces/{slug}/suppliers: every member reads them; the merchandiser and the
leads keep them (others get 403)."""

from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.trade.production import selectors, services
from tradewind.trade.production.access import access_supplier
from tradewind.trade.production.api.router import router
from tradewind.trade.production.api.schemas import SupplierFiltersIn, SupplierIn, SupplierOut, SupplierPatch

BASE = "/workspaces/{slug}/suppliers"
ONE = BASE + "/{supplier_id}"


@router.get(BASE, response=list[SupplierOut], summary="Suppliers, by name")
@paginate(PageWithCount)
def supplier_list(request, slug: str, filters: Query[SupplierFiltersIn]):
    """The current suppliers (or the archived ones, or all), searched by name, city, contact or notes."""
    m = api_membership(request, slug)
    return selectors.supplier_list(membership=m, filters=selectors.SupplierFilters(**filters.dict()))


@router.post(BASE, response=answers(SupplierOut, 403, 409, status=201), summary="Add a supplier")
def supplier_create(request, slug: str, payload: SupplierIn):
    """409: there is a supplier of that name already (in any case)."""
    m = api_membership(request, slug)
    return Status(201, services.supplier_create(actor=m, **payload.dict()))


@router.get(ONE, response=SupplierOut, summary="One supplier")
def supplier_detail(request, slug: str, supplier_id: UUID):
    return access_supplier(api_membership(request, slug), supplier_id)


@router.patch(ONE, response=answers(SupplierOut, 403, 409), summary="Change a supplier")
def supplier_update(request, slug: str, supplier_id: UUID, payload: SupplierPatch):
    m = api_membership(request, slug)
    supplier = access_supplier(m, supplier_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    return services.supplier_update(actor=m, supplier=supplier, **changes)


@router.post(ONE + "/archive", response=answers(SupplierOut, 403), summary="Archive a supplier")
def supplier_archive(request, slug: str, supplier_id: UUID):
    """No new production goes to an archived supplier; what it makes now goes on."""
    m = api_membership(request, slug)
    return services.supplier_archive(actor=m, supplier=access_supplier(m, supplier_id))


@router.post(ONE + "/restore", response=answers(SupplierOut, 403), summary="Bring back an archived supplier")
def supplier_restore(request, slug: str, supplier_id: UUID):
    m = api_membership(request, slug)
    return services.supplier_restore(actor=m, supplier=access_supplier(m, supplier_id))
