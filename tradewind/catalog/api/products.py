"""The catalog under /api/v1/workspaces/{slug}/…: products, their photos, categories — the same services,
rules and permissions as the catalog's pages.

Decimals travel as strings, in and out ("45.5", "12.5000"): a JSON number is read as a binary float
before any code sees it, and an amount must not change on its way in. Cost prices are answered only to
members who may see them (permissions.can_see_costs); to everyone else `cost` is null.
"""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.db.models import Count
from django.urls import reverse
from ninja import Field, File, Query, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import (
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from tradewind.api.auth import api_membership
from tradewind.api.decimals import decimal_text_in, decimal_text_out
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers, file_answer
from tradewind.api.schemas import NO_NUL, NOT_BLANK, CurrencyCode, Input, text
from tradewind.catalog import permissions, rules, selectors, services
from tradewind.catalog.access import access_category, access_photo, access_product
from tradewind.catalog.api.router import router
from tradewind.catalog.choices import ProductStatus, Unit
from tradewind.catalog.models import Category, Product, ProductPhoto
from tradewind.core.money import Money, currency_codes
from tradewind.files.responses import stored_file_response

# A misspelt field ("nmae_en") is refused, not silently dropped with what it carried — and finance, who
# may change only the cost, learns at once that it sent something else.
STRICT_INPUT = ConfigDict(extra="forbid")


# 0.1 to 500 cm with at most one decimal; 0.01 to 2,000 kg with at most two (rules.CARTON_CM, CARTON_KG).
CM = r"0\.[1-9]|[1-9][0-9]?(\.[0-9])?|[1-4][0-9]{2}(\.[0-9])?|500(\.0)?"
KG = r"0\.(0[1-9]|[1-9][0-9]?)|[1-9][0-9]{0,2}(\.[0-9]{1,2})?|1[0-9]{3}(\.[0-9]{1,2})?|2000(\.0{1,2})?"
# 0 to 100,000,000 with at most four decimals (rules.COST_MAX).
AMOUNT = r"(0|[1-9][0-9]{0,7})(\.[0-9]{1,4})?|100000000(\.0{1,4})?"
Centimetres = decimal_text_in(CM, "45.5", "centimetres, 0.1 to 500, at most one decimal")
Kilograms = decimal_text_in(KG, "12.35", "kilograms, 0.01 to 2000, at most two decimals")
Amount = decimal_text_in(
    AMOUNT, "12.50", "0 to 100000000, at most four decimals; a string, never a JSON number"
)
CentimetresOut = decimal_text_out(1, "Centimetres, as a string.")
KilogramsOut = decimal_text_out(2, "Kilograms, as a string.")


# --- what clients send -----------------------------------------------------------------------------------

SKU = text(64, required=True, pattern=rules.SKU.pattern)
Name = text(200)
HS_CODE = r"^[ .-]*$|^[ .-]*([0-9][ .-]*){6,10}$"
HsCode = Annotated[
    text(30, pattern=HS_CODE),
    Field(
        description="6 to 10 digits, dots and spaces allowed (8516.79.90); stored and answered as digits. "
        "Empty for none."
    ),
]
LANGUAGE_CODE = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
LanguageCode = Annotated[str, StringConstraints(max_length=20, pattern=LANGUAGE_CODE)]
NAMES = (
    'The product\'s name in the buyers\' languages, by language code: {"es": "Hervidor eléctrico"}. A code '
    "is a language CLDR knows (es, ru, ar, pt-BR …), not en or zh (those have their own fields); an empty "
    "name is left out."
)
SPECS = (
    'Specifications in order, as [name, value] pairs (names may repeat): [["Material", "304 stainless '
    'steel"]]. A value needs a name; a pair with both empty is left out.'
)
# pydantic would say `patternProperties` (any other key valid too): the keys it refuses, said as such.
Names = Annotated[
    dict[LanguageCode, Name],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_CODE, "maxLength": 20},
            "additionalProperties": {"type": "string", "maxLength": 200, "pattern": NO_NUL},
            "maxProperties": rules.MAX_NAMES,
        }
    ),
]
SpecPair = tuple[text(80), text(300)]
MOQ = Field(None, ge=1, le=rules.MOQ_MAX, description="Minimum order quantity, in the product's unit.")
LEAD_TIME = Field(None, ge=0, le=rules.LEAD_TIME_MAX, description="Days from order to ready for shipment.")
PER_CARTON = Field(None, ge=1, le=rules.UNITS_PER_CARTON_MAX, description="Units in one export carton.")
WEIGHTS = "The gross weight of a carton is not less than its net weight."
COST = (
    "The cost price, only for members who may see costs (admins, managers, finance); anyone else sending "
    "it is refused (403)."
)


class CostIn(Input):
    model_config = STRICT_INPUT
    amount: Amount
    currency: CurrencyCode

    @field_validator("currency")
    @classmethod
    def _a_currency(cls, value: str) -> str:
        if value not in currency_codes():  # Money() itself refuses it: checked here, where it is a 422
            raise ValueError("give an ISO 4217 currency code, e.g. USD")
        return value

    def money(self) -> Money:
        return Money(self.amount, self.currency)


def _named(field: str) -> dict:
    return {"required": [field], "properties": {field: {"type": "string", "pattern": NOT_BLANK}}}


class ProductIn(Input):
    # The service's rule across fields: a name in English or in Chinese (or both).
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"anyOf": [_named("name_en"), _named("name_zh")]}
    )
    sku: SKU = Field(description="Your article number, unique in the workspace (any case).")
    name_en: Name = Field("", description="A name in English or in Chinese is required.")
    name_zh: Name = ""
    names: Names = Field({}, max_length=rules.MAX_NAMES, description=NAMES)
    category: UUID | None = Field(None, description="One of the workspace's categories.")
    description: text(10_000) = ""
    specs: list[SpecPair] = Field([], max_length=rules.MAX_SPECS, description=SPECS)
    hs_code: HsCode = ""
    unit: Unit = Unit.PIECES
    moq: int | None = MOQ
    lead_time_days: int | None = LEAD_TIME
    units_per_carton: int | None = PER_CARTON
    carton_length_cm: Centimetres | None = None
    carton_width_cm: Centimetres | None = None
    carton_height_cm: Centimetres | None = None
    carton_net_kg: Kilograms | None = None
    carton_gross_kg: Kilograms | None = Field(None, description=WEIGHTS)
    cost: CostIn | None = Field(None, description=COST)


class ProductPatch(Input):
    """The fields you send change; null empties a field that may be empty. SKU and unit cannot be emptied,
    so they are not nullable; names and specs are emptied with {} and []."""

    model_config = STRICT_INPUT
    sku: SKU = None
    name_en: Name | None = Field(None, description="A product keeps a name in English or in Chinese.")
    name_zh: Name | None = None
    names: Names = Field(None, max_length=rules.MAX_NAMES, description=NAMES)
    category: UUID | None = Field(None, description="One of the workspace's categories; null for none.")
    description: text(10_000) | None = None
    specs: list[SpecPair] = Field(None, max_length=rules.MAX_SPECS, description=SPECS)
    hs_code: HsCode | None = None
    unit: Unit = None
    moq: int | None = MOQ
    lead_time_days: int | None = LEAD_TIME
    units_per_carton: int | None = PER_CARTON
    carton_length_cm: Centimetres | None = None
    carton_width_cm: Centimetres | None = None
    carton_height_cm: Centimetres | None = None
    carton_net_kg: Kilograms | None = None
    carton_gross_kg: Kilograms | None = Field(None, description=WEIGHTS)
    cost: CostIn | None = Field(
        None, description=COST + " Finance may send nothing else; null removes the cost price."
    )


class ProductStatusIn(Input):
    status: ProductStatus = Field(description="discontinued: offered no more (kept where it was quoted).")


class ProductFiltersIn(Input):
    q: text(200) = Field("", description="Words found in the SKU, the names, the HS code, the category or "
                         "the specifications (Chinese, any case, accents or not).")  # fmt: skip
    category: UUID | None = Field(None, description="Products of this category.")
    uncategorised: bool = Field(False, description="Products without a category (ignored with `category`).")
    status: Literal["active", "discontinued", "all"] = "active"
    unit: Unit | None = None
    sort: Literal["sku", "name", "updated", "created"] = Field(
        "sku", description="updated and created: the latest first."
    )


CategoryName = text(80, required=True)


class CategoryIn(Input):
    model_config = STRICT_INPUT
    name: CategoryName = Field(description="Unique in the workspace (any case).")


# --- what the API answers ------------------------------------------------------------------------------


class CostOut(Schema):
    amount: str = Field(description='Four decimals, as a string: "12.5000".')
    currency: str


class ProductOut(Schema):
    id: UUID = Field(alias="public_id")
    sku: str
    name_en: str
    name_zh: str
    names: dict[str, str] = Field(description="Names in other languages, by language code.")
    category: UUID | None = Field(None, alias="category.public_id")
    category_name: str | None = Field(None, alias="category.name")
    description: str
    specs: list[tuple[str, str]] = Field(description="[name, value] pairs, in order.")
    hs_code: str = Field(description="Digits only; empty for none.")
    unit: Unit
    moq: int | None
    lead_time_days: int | None
    units_per_carton: int | None
    carton_length_cm: CentimetresOut | None
    carton_width_cm: CentimetresOut | None
    carton_height_cm: CentimetresOut | None
    carton_net_kg: KilogramsOut | None
    carton_gross_kg: KilogramsOut | None
    cbm_per_carton: decimal_text_out(4, "Cubic metres of one carton (outer dimensions).") | None
    cost: CostOut | None = Field(
        None, description="Null when there is none, and always for members who may not see cost prices."
    )
    status: ProductStatus
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_cost(product: Product, context) -> dict | None:
        membership = getattr((context or {}).get("request"), "api_membership", None)
        if membership is None or not permissions.can_see_costs(membership) or product.cost is None:
            return None
        cost = product.cost.quantized(4)
        return {"amount": str(cost.amount), "currency": cost.currency}


class PhotoOut(Schema):
    id: UUID
    name: str = Field(description="The file's name as uploaded.")
    size: int = Field(description="Bytes.")
    content_type: str = Field(description="The type its content shows.")
    url: str = Field(description="Where to download the photo (the same authentication).")
    thumbnail_url: str = Field(description="A JPEG of at most 320 pixels a side.")
    created_at: dt.datetime


class CategoryOut(Schema):
    id: UUID
    name: str
    products: int = Field(description="How many products (active or not) are in it.")


class CategoryDeletedOut(Schema):
    uncategorised: int = Field(description="How many products were in the category; they stay, without one.")


def _photo_out(slug: str, product_id: UUID, photo: ProductPhoto) -> PhotoOut:
    kwargs = {"slug": slug, "product_id": product_id, "photo_id": photo.public_id}
    return PhotoOut(
        id=photo.public_id,
        name=photo.file.original_name,
        size=photo.file.size,
        content_type=photo.file.content_type,
        url=reverse("api:product_photo_file", kwargs=kwargs),
        thumbnail_url=reverse("api:product_photo_thumbnail", kwargs=kwargs),
        created_at=photo.created_at,
    )


def _category_out(category: Category, products: int) -> CategoryOut:
    return CategoryOut(id=category.public_id, name=category.name, products=products)


# --- products --------------------------------------------------------------------------------------------


@router.get("/workspaces/{slug}/products", response=list[ProductOut], summary="Products, filtered and sorted")
@paginate(PageWithCount)
def product_list(request, slug: str, filters: Query[ProductFiltersIn]):
    """Active products by SKU unless asked otherwise; `count` is the number of products found."""
    m = api_membership(request, slug)
    return selectors.product_list(membership=m, filters=product_filters(m, filters))


def product_filters(m, filters: ProductFiltersIn) -> selectors.ProductFilters:
    """The selector's filters for the query's (the list and its export)."""
    category = access_category(m, filters.category) if filters.category else None
    data = filters.dict(exclude={"category"})
    data["status"] = "" if data["status"] == "all" else data["status"]
    data["unit"] = data["unit"] or ""
    return selectors.ProductFilters(category=category, **data)


def _fields(payload: Input, m) -> dict:
    """The service's keyword arguments for the fields sent: Money for the cost, a Category for the
    category, "" for a text sent as null."""
    values = {}
    for field in payload.model_fields_set:
        value = getattr(payload, field)
        if field == "cost":
            value = value.money() if value is not None else None
        elif field == "category":
            value = access_category(m, value) if value is not None else None
        elif value is None and field in ("name_en", "name_zh", "description", "hs_code"):
            value = ""
        values[field] = value
    return values


@router.post(
    "/workspaces/{slug}/products", response=answers(ProductOut, 403, 409, status=201), summary="Add a product"
)
def product_create(request, slug: str, payload: ProductIn):
    """409: a product with this SKU exists already (in any case)."""
    m = api_membership(request, slug)
    fields = _fields(payload, m)
    product = services.product_create(actor=m, sku=fields.pop("sku"), **fields)
    return Status(201, product)


@router.get("/workspaces/{slug}/products/{product_id}", response=ProductOut, summary="One product")
def product_detail(request, slug: str, product_id: UUID):
    return access_product(api_membership(request, slug), product_id)


@router.patch("/workspaces/{slug}/products/{product_id}", response=answers(ProductOut, 403, 409))
def product_update(request, slug: str, product_id: UUID, payload: ProductPatch):
    """Change the fields you send. Editors (admins, managers, marketing, merchandisers) change the product;
    the cost only those who may see costs — finance may send `cost` and nothing else (403). 409: the new
    SKU is another product's."""
    m = api_membership(request, slug)
    product = access_product(m, product_id)
    return services.product_update(actor=m, product=product, **_fields(payload, m))


@router.post("/workspaces/{slug}/products/{product_id}/status", response=answers(ProductOut, 403))
def product_status(request, slug: str, product_id: UUID, payload: ProductStatusIn):
    """Discontinue a product or offer it again."""
    m = api_membership(request, slug)
    return services.product_set_status(actor=m, product=access_product(m, product_id), status=payload.status)


# --- photos ----------------------------------------------------------------------------------------------

# The upload is declared first: the path's URL then resolves to "api:product_photo_add", the name the
# photo size limit is registered under (catalog/registry.py, files/limits.py).


@router.post(
    "/workspaces/{slug}/products/{product_id}/photos", response=answers(PhotoOut, 403, 409, status=201)
)
def product_photo_add(request, slug: str, product_id: UUID, file: File[UploadedFile]):
    """Add a photo (multipart, field `file`): a JPEG, PNG, WebP or GIF image, typed by its content.
    Refused: anything else or an image that cannot be read (422), a file over the limit (413, before it
    is read), a 13th photo (409)."""
    m = api_membership(request, slug)
    photo = services.product_photo_add(actor=m, product=access_product(m, product_id), upload=file)
    return Status(201, _photo_out(slug, product_id, photo))


@router.get("/workspaces/{slug}/products/{product_id}/photos", response=list[PhotoOut])
def product_photo_list(request, slug: str, product_id: UUID):
    """The product's photos in order (at most 12)."""
    product = access_product(api_membership(request, slug), product_id)
    return [_photo_out(slug, product_id, p) for p in product.photos.select_related("file")]


@router.delete(
    "/workspaces/{slug}/products/{product_id}/photos/{photo_id}", response=answers(None, 403, status=204)
)
def product_photo_remove(request, slug: str, product_id: UUID, photo_id: UUID):
    """Remove a photo and its thumbnail (their files are deleted once this is committed)."""
    m = api_membership(request, slug)
    services.product_photo_remove(actor=m, photo=access_photo(m, access_product(m, product_id), photo_id))
    return Status(204, None)


@router.get(
    "/workspaces/{slug}/products/{product_id}/photos/{photo_id}/file",
    response={200: None},
    openapi_extra=file_answer("image/jpeg", "image/png", "image/webp", "image/gif"),
)
def product_photo_file(request, slug: str, product_id: UUID, photo_id: UUID):
    """The photo as uploaded, under its name, typed by its content."""
    m = api_membership(request, slug)
    return stored_file_response(access_photo(m, access_product(m, product_id), photo_id).file)


@router.get(
    "/workspaces/{slug}/products/{product_id}/photos/{photo_id}/thumbnail",
    response={200: None},
    openapi_extra=file_answer("image/jpeg"),
)
def product_photo_thumbnail(request, slug: str, product_id: UUID, photo_id: UUID):
    """A JPEG of at most 320 pixels a side."""
    m = api_membership(request, slug)
    return stored_file_response(access_photo(m, access_product(m, product_id), photo_id).thumbnail)


# --- categories ------------------------------------------------------------------------------------------


@router.get("/workspaces/{slug}/categories", response=list[CategoryOut])
def category_list(request, slug: str):
    """The workspace's categories by name, with how many products each holds."""
    m = api_membership(request, slug)
    counts = dict(
        Product.objects.filter(workspace_id=m.workspace_id, category__isnull=False)
        .values_list("category")
        .annotate(n=Count("id"))
    )
    return [_category_out(c, counts.get(c.pk, 0)) for c in selectors.categories(membership=m)]


@router.post("/workspaces/{slug}/categories", response=answers(CategoryOut, 403, 409, status=201))
def category_create(request, slug: str, payload: CategoryIn):
    """409: there is a category of that name already (in any case)."""
    m = api_membership(request, slug)
    return Status(201, _category_out(services.category_create(actor=m, name=payload.name), 0))


@router.patch("/workspaces/{slug}/categories/{category_id}", response=answers(CategoryOut, 403, 409))
def category_rename(request, slug: str, category_id: UUID, payload: CategoryIn):
    """Rename a category; 409 when another category has that name."""
    m = api_membership(request, slug)
    category = services.category_rename(actor=m, category=access_category(m, category_id), name=payload.name)
    return _category_out(category, category.products.count())


@router.delete("/workspaces/{slug}/categories/{category_id}", response=answers(CategoryDeletedOut, 403))
def category_delete(request, slug: str, category_id: UUID):
    """Delete a category; its products stay, without a category."""
    m = api_membership(request, slug)
    return {"uncategorised": services.category_delete(actor=m, category=access_category(m, category_id))}
