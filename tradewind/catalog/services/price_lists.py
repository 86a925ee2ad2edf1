"""Price lists: selling prices per currency and kind of buyer, with quantity tiers, for a period.

Who may change them is a commercial decision (permissions.can_edit_prices); everyone reads them, since
sales quote from them. Every change is in the list's history.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.catalog import permissions
from tradewind.catalog.choices import ProductStatus
from tradewind.catalog.models import CustomerPriceList, PriceList, Product, ProductPrice
from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import currency_codes, currency_minor_units
from tradewind.core.numbers import decimal_number, whole_number
from tradewind.core.realtime import broadcast_on_commit

SUBJECT = "catalog.price_list"
PRICE_MAX = Decimal("1000000000")
PRICE_PLACES = 4
QUANTITY_MAX = 1_000_000_000
LIST_FIELDS = ("name", "currency", "grade", "valid_from", "valid_until", "notes")


def _require_pricer(actor) -> None:
    if not permissions.can_edit_prices(actor):
        raise PermissionDenied(_("Your role cannot change price lists."))


def _history(actor, price_list: PriceList, kind: str, data: dict | None = None) -> None:
    activity_record(
        workspace_id=actor.workspace_id,
        subject=(SUBJECT, price_list.public_id),
        kind=kind,
        actor=actor,
        data=data,
    )


def _currency_used(workspace, code: str) -> None:
    """A list is in a currency the workspace trades in (fx owns that list)."""
    from tradewind.fx.rates import currency_require_used

    currency_require_used(workspace, code)


def price_list_clean(actor, values: dict) -> dict:
    """The list's fields (all or some) cleaned; every problem raised at once."""
    errors: list[ApplicationError] = []
    cleaned = {}
    if "name" in values:
        name = (values["name"] or "").strip()
        if not name:
            errors.append(ValidationFailed(_("Give the price list a name."), field="name"))
        elif len(name) > 120:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 120}, field="name"))
        cleaned["name"] = name
    if "currency" in values:
        code = (values["currency"] or "").strip().upper()
        if code not in currency_codes():
            errors.append(ValidationFailed(_("Choose a currency from the list."), field="currency"))
        else:
            try:
                _currency_used(actor.workspace, code)
            except ValidationFailed as error:
                errors.append(ValidationFailed(error.message, field="currency"))
        cleaned["currency"] = code
    if "grade" in values:
        grade = values["grade"]
        if grade is not None and grade.workspace_id != actor.workspace_id:
            errors.append(ValidationFailed(_("Choose a grade of this workspace."), field="grade"))
        cleaned["grade"] = grade
    for field in ("valid_from", "valid_until"):
        if field in values:
            day = values[field]
            if day is not None and not isinstance(day, datetime.date):
                errors.append(ValidationFailed(_("Enter a valid date."), field=field))
                day = None
            cleaned[field] = day
    if "notes" in values:
        notes = (values["notes"] or "").strip()
        if len(notes) > 2000:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="notes"))
        cleaned["notes"] = notes
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def _check_period(price_list: PriceList) -> None:
    if price_list.valid_from and price_list.valid_until and price_list.valid_until < price_list.valid_from:
        raise ValidationFailed(_("The list cannot end before it starts."), field="valid_until")


def _save(price_list: PriceList) -> None:
    _check_period(price_list)
    clash = PriceList.objects.annotate(lower=Lower("name")).filter(
        workspace_id=price_list.workspace_id, lower=price_list.name.lower()
    )
    if price_list.pk:
        clash = clash.exclude(pk=price_list.pk)
    if clash.exists():
        raise Conflict(
            _("There is a price list “%(name)s” already.") % {"name": price_list.name}, field="name"
        )
    price_list.save()


@transaction.atomic
def price_list_create(*, actor, name: str, currency: str, **fields) -> PriceList:
    """A new, empty price list."""
    _require_pricer(actor)
    unknown = set(fields) - set(LIST_FIELDS)
    if unknown:
        raise TypeError(f"unknown price list fields: {sorted(unknown)}")
    values = price_list_clean(actor, {"name": name, "currency": currency, **fields})
    price_list = PriceList(workspace=actor.workspace, created_by=actor, **values)
    _save(price_list)
    _history(actor, price_list, "price_list.created")
    broadcast_on_commit(actor.workspace, "catalog")
    return price_list


@transaction.atomic
def price_list_update(*, actor, price_list: PriceList, **changes) -> PriceList:
    """Change the list's name, period, grade or notes. Its currency changes only while it has no prices:
    a price typed in euros does not become dollars."""
    _require_pricer(actor)
    unknown = set(changes) - set(LIST_FIELDS)
    if unknown:
        raise TypeError(f"unknown price list fields: {sorted(unknown)}")
    price_list = PriceList.objects.select_for_update().get(pk=price_list.pk)
    values = price_list_clean(actor, changes)
    changed = [f for f, v in values.items() if getattr(price_list, f) != v]
    if "currency" in changed and price_list.prices.exists():
        raise Conflict(
            _("The list has prices in %(currency)s; copy it into a new list to change the currency.")
            % {"currency": price_list.currency},
            field="currency",
        )
    if not changed:
        return price_list
    for field in changed:
        setattr(price_list, field, values[field])
    _save(price_list)
    _history(actor, price_list, "price_list.changed", {"fields": changed})
    broadcast_on_commit(actor.workspace, "catalog")
    return price_list


@transaction.atomic
def price_list_delete(*, actor, price_list: PriceList) -> None:
    """Delete a list and its prices. Quotations made from it keep their own prices."""
    _require_pricer(actor)
    price_list.delete()
    broadcast_on_commit(actor.workspace, "catalog")


@transaction.atomic
def price_list_copy(*, actor, source: PriceList, name: str, change_percent=None, **fields) -> PriceList:
    """A new list in the same currency with every price of `source`, raised or lowered by `change_percent`
    (5 for next year's +5 %) and rounded to the currency's cents: how a team starts next year's prices."""
    _require_pricer(actor)
    errors: list[ApplicationError] = []
    percent = decimal_number(
        change_percent, "change_percent", (Decimal("-90"), Decimal("1000")), 2,
        _("Enter a change between -90 and 1000 (per cent)."), errors,
    )  # fmt: skip
    if errors:
        raise ValidationFailed.all_of(errors)
    # Same currency: converting a price list is a pricing decision, not arithmetic.
    fields.pop("currency", None)
    fields.setdefault("grade", source.grade)
    copy = price_list_create(actor=actor, name=name, currency=source.currency, **fields)
    factor = Decimal(1) + (percent or Decimal(0)) / Decimal(100)
    prices = [
        ProductPrice(
            workspace=actor.workspace,
            price_list=copy,
            product_id=p.product_id,
            min_quantity=p.min_quantity,
            unit_price=_round_price(p.unit_price * factor, copy.currency) if percent else p.unit_price,
        )
        for p in source.prices.all()
    ]
    ProductPrice.objects.bulk_create(prices, batch_size=1000)
    _history(actor, copy, "price_list.copied", {"name": source.name, "count": len(prices)})
    return copy


def _round_price(amount: Decimal, currency: str) -> Decimal:
    places = max(currency_minor_units(currency), 2)
    return amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def product_price_clean(min_quantity, unit_price) -> tuple[int, Decimal]:
    errors: list[ApplicationError] = []
    quantity = whole_number(
        1 if min_quantity in (None, "") else min_quantity, "min_quantity", 1, QUANTITY_MAX,
        _("The quantity is a whole number from 1 to 1,000,000,000."), errors,
    )  # fmt: skip
    if unit_price in (None, ""):
        errors.append(ValidationFailed(_("Enter the unit price."), field="unit_price"))
        price = None
    else:
        price = decimal_number(
            unit_price, "unit_price", (Decimal(0), PRICE_MAX), PRICE_PLACES,
            _("A unit price is from 0 to 1,000,000,000."), errors,
        )  # fmt: skip
    if errors:
        raise ValidationFailed.all_of(errors)
    return quantity, price


@transaction.atomic
def product_price_set(
    *, actor, price_list: PriceList, product: Product, unit_price, min_quantity=1, record: bool = True
) -> ProductPrice:
    """The product's unit price in the list from `min_quantity` on (a new tier, or a new price for the
    tier). A discontinued product gets no new price. An import passes `record=False`: its thousands of
    prices are one entry in the list's history, written when it ends."""
    _require_pricer(actor)
    if product.workspace_id != actor.workspace_id or price_list.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a product of this workspace."), field="product")
    quantity, price = product_price_clean(min_quantity, unit_price)
    price_list = PriceList.objects.select_for_update().get(pk=price_list.pk)
    existing = ProductPrice.objects.filter(
        price_list=price_list, product=product, min_quantity=quantity
    ).first()
    if existing is None and not Product.objects.filter(pk=product.pk, status=ProductStatus.ACTIVE).exists():
        raise Conflict(
            _("%(sku)s is discontinued; offer it again before pricing it.") % {"sku": product.sku},
            field="product",
        )
    if existing is not None:
        if existing.unit_price == price:
            return existing
        existing.unit_price = price
        existing.save(update_fields=["unit_price", "updated_at"])
        row = existing
    else:
        try:
            with transaction.atomic():
                row = ProductPrice.objects.create(
                    workspace=actor.workspace,
                    price_list=price_list,
                    product=product,
                    min_quantity=quantity,
                    unit_price=price,
                )
        except IntegrityError:  # the same tier saved at the same moment by someone else
            raise Conflict(_("Someone else has just priced this tier; reload the list.")) from None
    if record:
        _history(
            actor, price_list, "price_list.price_set",
            {"sku": product.sku, "quantity": quantity, "price": str(price)},
        )  # fmt: skip
    broadcast_on_commit(actor.workspace, "catalog")
    return row


@transaction.atomic
def product_price_remove(*, actor, price: ProductPrice) -> None:
    _require_pricer(actor)
    price_list, sku, quantity = price.price_list, price.product.sku, price.min_quantity
    price.delete()
    _history(actor, price_list, "price_list.price_removed", {"sku": sku, "quantity": quantity})
    broadcast_on_commit(actor.workspace, "catalog")


@transaction.atomic
def customer_price_list_add(*, actor, price_list: PriceList, customer) -> CustomerPriceList:
    """Agree the list with a customer: their quotations in its currency take its prices first."""
    _require_pricer(actor)
    if customer.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a customer of this workspace."), field="customer")
    link, created = CustomerPriceList.objects.get_or_create(
        workspace=actor.workspace, price_list=price_list, customer=customer
    )
    if created:
        _history(actor, price_list, "price_list.customer_added", {"name": customer.name})
    return link


@transaction.atomic
def customer_price_list_remove(*, actor, price_list: PriceList, customer) -> None:
    _require_pricer(actor)
    deleted, _rows = CustomerPriceList.objects.filter(price_list=price_list, customer=customer).delete()
    if deleted:
        _history(actor, price_list, "price_list.customer_removed", {"name": customer.name})


def customer_price_lists_move(*, actor, survivor, merged) -> int:
    """The price lists agreed with `merged` are agreed with `survivor` (the CRM's merge runs this before
    deleting `merged`); a list agreed with both stays once. Answers how many agreements moved."""
    have = set(CustomerPriceList.objects.filter(customer=survivor).values_list("price_list_id", flat=True))
    agreements = CustomerPriceList.objects.filter(workspace_id=merged.workspace_id, customer=merged)
    agreements.filter(price_list_id__in=have).delete()
    return agreements.update(customer=survivor)
