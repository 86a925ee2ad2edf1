"""Reading the catalog: the filtered, searched product list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tradewind.catalog.models import Category, Product
from tradewind.core.text import search_words

SORTS = {
    "sku": ("sku", "id"),
    "name": ("name_en", "name_zh", "id"),
    "updated": ("-updated_at", "-id"),
    "created": ("-created_at", "-id"),
}


@dataclass
class ProductFilters:
    q: str = ""
    category: Category | None = None
    uncategorised: bool = False
    status: str = "active"  # "active", "discontinued" or "" (all)
    unit: str = ""
    sort: str = "sku"


def product_list(*, membership, filters: ProductFilters) -> QuerySet[Product]:
    """Products of the member's workspace: every search word is a substring of the product's search text
    (SKU, names in every language, HS code, category, specifications): "水壶", "304", "kt-1" all find."""
    products = Product.objects.filter(workspace_id=membership.workspace_id).select_related("category")
    if filters.status:
        products = products.filter(status=filters.status)
    if filters.category is not None:
        products = products.filter(category=filters.category)
    elif filters.uncategorised:
        products = products.filter(category__isnull=True)
    if filters.unit:
        products = products.filter(unit=filters.unit)
    words = search_words(filters.q)
    if words:
        products = products.filter(Q(*[Q(search_text__contains=w) for w in words]))
    return products.order_by(*SORTS.get(filters.sort, SORTS["sku"]))


def categories(*, membership) -> list[Category]:
    return list(Category.objects.filter(workspace_id=membership.workspace_id).order_by("name"))


def categories_with_counts(*, membership) -> list[Category]:
    """The categories with `product_count`, their products in any status."""
    return list(
        Category.objects.filter(workspace_id=membership.workspace_id)
        .annotate(product_count=Count("products"))
        .order_by("name")
    )
