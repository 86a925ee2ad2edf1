"""Price lists under /api/v1/workspaces/{slug}/price-lists: the lists, their prices (quantity tiers), the
customers they are agreed with, and the price a customer is quoted for a product (catalog/pricing.py).

Unit prices travel as strings with up to four decimals ("12.5000"), like every decimal of the catalog.
"""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.decimals import decimal_text_in, decimal_text_out
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.api.schemas import CurrencyCode, Input, text
from tradewind.catalog import pricing, selectors, services
from tradewind.catalog.access import access_price_list, access_product, access_product_price
from tradewind.catalog.api.products import STRICT_INPUT
from tradewind.catalog.api.router import router
from tradewind.core.errors import ValidationFailed
from tradewind.crm.access import access_customer

# 0 to 1,000,000,000 with at most four decimals (services.price_lists.PRICE_MAX, PRICE_PLACES).
PRICE = r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,4})?|1000000000(\.0{1,4})?"
UnitPrice = decimal_text_in(PRICE, "12.50", "0 to 1000000000, at most four decimals; a string")
UnitPriceOut = decimal_text_out(4, "A unit price with four decimals, as a string.")
# -90 to 1000 with at most two decimals.
PERCENT = r"-?(0|[1-9][0-9]?)(\.[0-9]{1,2})?|-?90(\.0{1,2})?|([1-9][0-9]{2})(\.[0-9]{1,2})?|1000(\.0{1,2})?"
Percent = decimal_text_in(PERCENT, "5", "percent, -90 to 1000, at most two decimals")
GRADE = "A customer grade code (A, B…) for the customers the list is for; empty or null: every customer."
QUANTITY = Field(1, ge=1, le=1_000_000_000, description="The quantity this price applies from (a tier).")


class PriceListIn(Input):
    model_config = STRICT_INPUT
    name: text(120, required=True)
    currency: CurrencyCode
    grade: text(10) | None = Field(None, description=GRADE)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    notes: text(2000) = ""


class PriceListPatch(Input):
    model_config = STRICT_INPUT
    name: text(120, required=True) = None
    currency: CurrencyCode = Field(None, description="Only while the list has no prices.")
    grade: text(10) | None = Field(None, description=GRADE)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    notes: text(2000) | None = None


class PriceListCopyIn(Input):
    model_config = STRICT_INPUT
    name: text(120, required=True)
    change_percent: Percent | None = Field(None, description="Raise (5) or lower (-3) every price, in %.")
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class PriceListFiltersIn(Input):
    q: text(200) = ""
    currency: CurrencyCode | Literal[""] = ""
    period: Literal["", "current", "upcoming", "expired"] = ""


class PriceIn(Input):
    model_config = STRICT_INPUT
    product: UUID = Field(description="The product's id.")
    min_quantity: int = QUANTITY
    unit_price: UnitPrice


class QuoteIn(Input):
    customer: UUID | None = Field(None, description="The customer quoted; none: the lists for everyone.")
    currency: CurrencyCode
    quantity: int = Field(1, ge=1, le=1_000_000_000)
    on: dt.date | None = Field(None, description="The quotation's date; today by default.")


class PriceListOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    currency: str
    grade: str | None = Field(None, alias="grade.code")
    valid_from: dt.date | None
    valid_until: dt.date | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime


class PriceListRowOut(PriceListOut):
    price_count: int
    customer_count: int

    @staticmethod
    def resolve_customer_count(price_list) -> int:
        return price_list.customer_count or 0


class PriceOut(Schema):
    id: UUID = Field(alias="public_id")
    product: UUID = Field(alias="product.public_id")
    sku: str = Field(alias="product.sku")
    min_quantity: int
    unit_price: UnitPriceOut


class CustomerRefOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class QuotedPriceOut(Schema):
    found: bool
    unit_price: UnitPriceOut | None = None
    currency: str
    min_quantity: int | None = Field(None, description="The tier the price comes from.")
    price_list: UUID | None = None
    price_list_name: str | None = None


def _grade(m, code):
    if not code:
        return None
    from tradewind.crm.models import CustomerGrade

    grade = CustomerGrade.objects.filter(workspace_id=m.workspace_id, code__iexact=code.strip()).first()
    if grade is None:
        raise ValidationFailed(_("No customer grade “%(code)s”.") % {"code": code}, field="grade")
    return grade


def _list_fields(m, payload: Input) -> dict:
    values = {}
    for field in payload.model_fields_set:
        value = getattr(payload, field)
        if field == "grade":
            value = _grade(m, value)
        elif field == "notes" and value is None:
            value = ""
        values[field] = value
    return values


@router.get("/workspaces/{slug}/price-lists", response=list[PriceListRowOut], summary="Price lists")
@paginate(PageWithCount)
def price_list_list(request, slug: str, filters: Query[PriceListFiltersIn]):
    """By currency and name, with how many prices and agreed customers each has."""
    m = api_membership(request, slug)
    return selectors.price_list_list(
        membership=m, filters=selectors.PriceListFilters(**filters.dict()), today=timezone.localdate()
    )


@router.post("/workspaces/{slug}/price-lists", response=answers(PriceListOut, 403, 409, status=201))
def price_list_create(request, slug: str, payload: PriceListIn):
    """409: a list of that name exists. 422: a currency the workspace does not trade in."""
    m = api_membership(request, slug)
    fields = _list_fields(m, payload)
    return Status(201, services.price_list_create(actor=m, **fields))


@router.get("/workspaces/{slug}/price-lists/{price_list_id}", response=PriceListOut)
def price_list_detail(request, slug: str, price_list_id: UUID):
    return access_price_list(api_membership(request, slug), price_list_id)


@router.patch("/workspaces/{slug}/price-lists/{price_list_id}", response=answers(PriceListOut, 403, 409))
def price_list_update(request, slug: str, price_list_id: UUID, payload: PriceListPatch):
    """409: another list has that name, or a currency change of a list with prices."""
    m = api_membership(request, slug)
    price_list = access_price_list(m, price_list_id)
    return services.price_list_update(actor=m, price_list=price_list, **_list_fields(m, payload))


@router.delete("/workspaces/{slug}/price-lists/{price_list_id}", response=answers(None, 403, status=204))
def price_list_delete(request, slug: str, price_list_id: UUID):
    m = api_membership(request, slug)
    services.price_list_delete(actor=m, price_list=access_price_list(m, price_list_id))
    return Status(204, None)


@router.post(
    "/workspaces/{slug}/price-lists/{price_list_id}/copy",
    response=answers(PriceListOut, 403, 409, status=201),
)
def price_list_copy(request, slug: str, price_list_id: UUID, payload: PriceListCopyIn):
    """A new list in the same currency with every price, changed by `change_percent` if given."""
    m = api_membership(request, slug)
    source = access_price_list(m, price_list_id)
    return Status(201, services.price_list_copy(actor=m, source=source, **payload.dict()))


@router.get("/workspaces/{slug}/price-lists/{price_list_id}/prices", response=list[PriceOut])
@paginate(PageWithCount)
def price_list_prices(request, slug: str, price_list_id: UUID, q: text(200) = ""):
    """By SKU, then from the smallest quantity tier; `q` searches the products as the catalog does."""
    m = api_membership(request, slug)
    return selectors.price_list_prices(price_list=access_price_list(m, price_list_id), q=q)


@router.put("/workspaces/{slug}/price-lists/{price_list_id}/prices", response=answers(PriceOut, 403, 409))
def price_set(request, slug: str, price_list_id: UUID, payload: PriceIn):
    """Set the product's price from `min_quantity` on: a new tier, or a new price for the tier. 409: the
    product is discontinued."""
    m = api_membership(request, slug)
    price_list = access_price_list(m, price_list_id)
    product = access_product(m, payload.product)
    return services.product_price_set(
        actor=m,
        price_list=price_list,
        product=product,
        min_quantity=payload.min_quantity,
        unit_price=payload.unit_price,
    )


@router.delete(
    "/workspaces/{slug}/price-lists/{price_list_id}/prices/{price_id}",
    response=answers(None, 403, status=204),
)
def price_remove(request, slug: str, price_list_id: UUID, price_id: UUID):
    m = api_membership(request, slug)
    price = access_product_price(m, access_price_list(m, price_list_id), price_id)
    services.product_price_remove(actor=m, price=price)
    return Status(204, None)


@router.get("/workspaces/{slug}/price-lists/{price_list_id}/customers", response=list[CustomerRefOut])
def price_list_customers(request, slug: str, price_list_id: UUID):
    """The customers the list is agreed with, by name (at most 1,000)."""
    m = api_membership(request, slug)
    return list(selectors.price_list_customers(price_list=access_price_list(m, price_list_id))[:1000])


@router.put(
    "/workspaces/{slug}/price-lists/{price_list_id}/customers/{customer_id}",
    response=answers(None, 403, status=204),
)
def price_list_customer_add(request, slug: str, price_list_id: UUID, customer_id: UUID):
    """Agree the list with the customer (again: no change)."""
    m = api_membership(request, slug)
    price_list, customer = access_price_list(m, price_list_id), access_customer(m, customer_id)
    services.customer_price_list_add(actor=m, price_list=price_list, customer=customer)
    return Status(204, None)


@router.delete(
    "/workspaces/{slug}/price-lists/{price_list_id}/customers/{customer_id}",
    response=answers(None, 403, status=204),
)
def price_list_customer_remove(request, slug: str, price_list_id: UUID, customer_id: UUID):
    m = api_membership(request, slug)
    price_list, customer = access_price_list(m, price_list_id), access_customer(m, customer_id)
    services.customer_price_list_remove(actor=m, price_list=price_list, customer=customer)
    return Status(204, None)


@router.get("/workspaces/{slug}/products/{product_id}/quoted-price", response=QuotedPriceOut)
def product_quoted_price(request, slug: str, product_id: UUID, query: Query[QuoteIn]):
    """The unit price a quotation line takes for this product: from the lists agreed with the customer,
    else its grade's, else the lists for everyone; valid on `on`, in `currency`; the largest quantity tier
    not above `quantity`. `found` is false when no list prices it."""
    m = api_membership(request, slug)
    product = access_product(m, product_id)
    customer = access_customer(m, query.customer) if query.customer else None
    price = pricing.list_price(
        customer=customer,
        product=product,
        currency=query.currency,
        quantity=query.quantity,
        on=query.on or timezone.localdate(),
    )
    if price is None:
        return {"found": False, "currency": query.currency}
    return {
        "found": True,
        "unit_price": price.unit_price.amount,
        "currency": price.unit_price.currency,
        "min_quantity": price.min_quantity,
        "price_list": price.price_list.public_id,
        "price_list_name": price.price_list.name,
    }
