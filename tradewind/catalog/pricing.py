"""Which price a customer is quoted: the rule a quotation line follows, read in one place.

For a customer, a currency and a day, the lists that apply are, in this order: the lists agreed with the
customer, the lists of the customer's grade, the lists for every customer; each valid on that day and in
that currency, the most recent first. The first list that prices the product wins; inside it, the tier
with the largest "from quantity" not above the quantity asked for. A quantity below a list's first tier
(its minimum) takes no price from that list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from tradewind.catalog.models import CustomerPriceList, PriceList, ProductPrice
from tradewind.core.money import Money


@dataclass(frozen=True)
class ListPrice:
    unit_price: Money  # up to four decimals: a unit price, not yet a payable sum
    price_list: PriceList
    min_quantity: int


def _valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def price_lists_for(*, workspace_id, customer, currency: str, on: datetime.date) -> list[PriceList]:
    """The lists that price `customer`'s quotations in `currency` on `on`, the strongest first. Without a
    customer (a quotation still being drafted for nobody), the lists for every customer."""
    lists = PriceList.objects.filter(workspace_id=workspace_id, currency=currency).filter(_valid_on(on))
    agreed: set[int] = set()
    if customer is not None:
        agreed = set(
            CustomerPriceList.objects.filter(customer=customer).values_list("price_list_id", flat=True)
        )
        grade_id = customer.grade_id
        lists = lists.filter(Q(pk__in=agreed) | Q(grade__isnull=True) | Q(grade_id=grade_id))
    else:
        grade_id = None
        lists = lists.filter(grade__isnull=True)

    def strength(price_list: PriceList) -> int:
        if price_list.pk in agreed:
            return 0
        return 1 if grade_id is not None and price_list.grade_id == grade_id else 2

    ordered = lists.order_by(F("valid_from").desc(nulls_last=True), "name")
    return sorted(ordered, key=strength)  # sorted() is stable: the most recent first inside each level


def list_prices(
    *, workspace_id, customer, currency: str, on: datetime.date, wanted: list[tuple[int, int]]
) -> dict[tuple[int, int], ListPrice]:
    """The list price of each (product id, quantity) in `wanted`, keyed by that pair; a pair no list prices
    is missing from the answer. A few queries, however many lines."""
    lists = price_lists_for(workspace_id=workspace_id, customer=customer, currency=currency, on=on)
    if not lists or not wanted:
        return {}
    product_ids = {product_id for product_id, _quantity in wanted}
    tiers: dict[tuple[int, int], list[ProductPrice]] = {}
    rows = ProductPrice.objects.filter(price_list__in=lists, product_id__in=product_ids).order_by(
        "min_quantity"
    )
    for row in rows:
        tiers.setdefault((row.price_list_id, row.product_id), []).append(row)
    found: dict[tuple[int, int], ListPrice] = {}
    for product_id, quantity in wanted:
        for price_list in lists:
            fitting = [t for t in tiers.get((price_list.pk, product_id), ()) if t.min_quantity <= quantity]
            if fitting:
                tier = fitting[-1]
                found[(product_id, quantity)] = ListPrice(
                    Money(Decimal(tier.unit_price), currency), price_list, tier.min_quantity
                )
                break
    return found


def list_price(*, customer, product, currency: str, quantity: int, on: datetime.date) -> ListPrice | None:
    """The price `customer` is quoted for `quantity` of `product` in `currency` on `on`, or None."""
    found = list_prices(
        workspace_id=product.workspace_id,
        customer=customer,
        currency=currency,
        on=on,
        wanted=[(product.pk, quantity)],
    )
    return found.get((product.pk, quantity))
