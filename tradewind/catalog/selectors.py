"""Reading the catalog: the filtered, searched product list; price lists and their prices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from tradewind.catalog.models import Category, CustomerPriceList, PriceList, Product, ProductPrice
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


# --- price lists ----------------------------------------------------------------------------------------

PERIODS = ("current", "upcoming", "expired")


@dataclass
class PriceListFilters:
    q: str = ""
    currency: str = ""
    period: str = ""  # "current", "upcoming", "expired" or "" (all)


def price_list_list(*, membership, filters: PriceListFilters, today) -> QuerySet[PriceList]:
    """The workspace's price lists with `price_count` and `customer_count`, by currency and name."""
    lists = PriceList.objects.filter(workspace_id=membership.workspace_id).select_related("grade")
    if filters.currency:
        lists = lists.filter(currency=filters.currency)
    if filters.period == "current":
        lists = lists.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
    elif filters.period == "upcoming":
        lists = lists.filter(valid_from__gt=today)
    elif filters.period == "expired":
        lists = lists.filter(valid_until__lt=today)
    for word in search_words(filters.q):
        lists = lists.filter(name__icontains=word)
    customers = CustomerPriceList.objects.filter(price_list=OuterRef("pk")).values("price_list")
    return lists.annotate(
        price_count=Count("prices"),
        customer_count=Subquery(customers.annotate(n=Count("pk")).values("n")[:1]),
    ).order_by("currency", "name", "id")


def price_list_prices(*, price_list: PriceList, q: str = "") -> QuerySet[ProductPrice]:
    """The prices of a list by SKU then quantity tier; `q` searches the products as the catalog does."""
    prices = ProductPrice.objects.filter(price_list=price_list).select_related("product")
    words = search_words(q)
    if words:
        prices = prices.filter(Q(*[Q(product__search_text__contains=w) for w in words]))
    return prices.order_by("product__sku", "product_id", "min_quantity")


def price_list_customers(*, price_list: PriceList):
    from tradewind.crm.models import Customer

    ids = CustomerPriceList.objects.filter(price_list=price_list).values("customer_id")
    return Customer.objects.filter(pk__in=ids).order_by("name")


def product_prices(*, product: Product) -> list[ProductPrice]:
    """Every price of a product, in every list, its list loaded: the product page's price table."""
    return list(
        ProductPrice.objects.filter(product=product)
        .select_related("price_list", "price_list__grade")
        .order_by("price_list__currency", "price_list__name", "price_list_id", "min_quantity")
    )
