"""Document lines: what a line may hold, its amount, and the copy of its product's facts.

A line given without a unit price takes the customer's list price (catalog/pricing.py); a line's amount
is quantity × unit price × (1 − discount), rounded to the currency's minor units once, per line — the
total is the sum of the rounded lines, as the buyer adds them up on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tradewind.catalog import pricing
from tradewind.catalog.choices import Unit
from tradewind.catalog.models import Product
from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.money import currency_minor_units
from tradewind.core.numbers import decimal_number

MAX_LINES = 200
QUANTITY_MAX = Decimal("1000000000")
PRICE_MAX = Decimal("1000000000")
# The amount columns hold 14 digits before the point: a line or a document past this is a typing slip.
AMOUNT_MAX = Decimal("10000000000000")
# Counted goods are sold whole: 2.5 kettles is a typing mistake, 2.5 tonnes is not.
WHOLE_UNITS = {Unit.PIECES, Unit.SETS, Unit.PAIRS, Unit.DOZENS, Unit.CARTONS, Unit.ROLLS}
LINE_FIELDS = ("product", "name", "specification", "quantity", "unit", "unit_price", "discount_percent")


@dataclass
class LineInput:
    """A line as a form or the API gives it; None means "not given" (a product's name, its list price)."""

    product: Product | None = None
    name: str | None = None
    specification: str | None = None
    quantity: object = None
    unit: str | None = None
    unit_price: object = None
    discount_percent: object = None


def line_amount(quantity: Decimal, unit_price: Decimal, discount: Decimal, currency: str) -> Decimal:
    gross = quantity * unit_price * (Decimal(100) - discount) / Decimal(100)
    return gross.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), ROUND_HALF_UP)


def _product_text(product: Product, language: str) -> tuple[str, str]:
    name = product.name_in(language) or product.sku
    specification = "; ".join(f"{k}: {v}" for k, v in product.specs if k or v)
    return name, specification


def lines_clean(
    *, workspace, lines: list[LineInput], currency: str, customer, on, language: str
) -> list[dict]:
    """The field values of each line, ready for a QuotationLine or OrderLine; every problem of every line
    raised at once, each saying which line ("Line 3: …")."""
    if not lines:
        raise ValidationFailed(_("Add at least one line."), field="lines")
    if len(lines) > MAX_LINES:
        raise ValidationFailed(_("At most %(n)d lines.") % {"n": MAX_LINES}, field="lines")
    errors: list[ApplicationError] = []
    wanted = []
    for line in lines:
        if line.product is not None and line.unit_price in (None, ""):
            quantity = _number(line.quantity)
            if quantity is not None and quantity > 0:
                wanted.append((line.product.pk, int(quantity.to_integral_value(rounding="ROUND_FLOOR"))))
    list_prices = pricing.list_prices(
        workspace_id=workspace.pk, customer=customer, currency=currency, on=on, wanted=wanted
    )
    cleaned = []
    for position, line in enumerate(lines, start=1):
        where = _("Line %(n)d: ") % {"n": position}
        row_errors: list[ApplicationError] = []
        product = line.product
        if product is not None and product.workspace_id != workspace.pk:
            row_errors.append(ValidationFailed(where + _("choose a product of this workspace.")))
            product = None
        values: dict = {"position": position, "product": product}
        if product is not None:
            name, specification = _product_text(product, language)
            values.update(
                sku=product.sku,
                unit=product.unit,
                cost_amount=product.cost_amount,
                cost_currency=product.cost_currency or "",
                units_per_carton=product.units_per_carton,
                cbm_per_carton=product.cbm_per_carton,
                gross_kg_per_carton=product.carton_gross_kg,
            )
        else:
            name, specification = "", ""
            values.update(sku="", unit=Unit.PIECES, cost_amount=None, cost_currency="")
        values["name"] = ((line.name or "").strip() or name).strip()[:300]
        values["specification"] = (
            line.specification if line.specification is not None else specification
        ).strip()[:2000]
        if not values["name"]:
            row_errors.append(ValidationFailed(where + _("describe the goods or choose a product.")))
        if line.unit:
            if line.unit not in Unit.values:
                row_errors.append(ValidationFailed(where + _("choose a unit from the list.")))
            else:
                values["unit"] = line.unit
        quantity = decimal_number(
            line.quantity, "lines", (Decimal("0.001"), QUANTITY_MAX), 3,
            where + _("the quantity is more than 0 and at most 1,000,000,000."), row_errors,
        )  # fmt: skip
        if line.quantity in (None, ""):
            row_errors.append(ValidationFailed(where + _("enter the quantity.")))
        elif (
            quantity is not None
            and values["unit"] in WHOLE_UNITS
            and quantity != quantity.to_integral_value()
        ):
            row_errors.append(
                ValidationFailed(
                    where + _("%(unit)s are counted whole.") % {"unit": Unit(values["unit"]).label}
                )
            )
        values["quantity"] = quantity
        price = None
        values["price_list"], values["list_price"] = None, None
        if product is not None and quantity is not None:
            found = list_prices.get((product.pk, int(quantity.to_integral_value(rounding="ROUND_FLOOR"))))
            if found is not None:
                values["price_list"], values["list_price"] = found.price_list, found.unit_price.amount
        if line.unit_price in (None, ""):
            if values["list_price"] is not None:
                price = values["list_price"]
            else:
                row_errors.append(
                    ValidationFailed(
                        where + _("no price list prices this for the customer; enter a unit price.")
                    )
                )
        else:
            price = decimal_number(
                line.unit_price, "lines", (Decimal(0), PRICE_MAX), 4,
                where + _("a unit price is from 0 to 1,000,000,000."), row_errors,
            )  # fmt: skip
        values["unit_price"] = price
        discount = decimal_number(
            0 if line.discount_percent in (None, "") else line.discount_percent, "lines",
            (Decimal(0), Decimal("99.99")), 2, where + _("a discount is from 0 to 99.99 %."), row_errors,
        )  # fmt: skip
        values["discount_percent"] = discount if discount is not None else Decimal(0)
        if not row_errors:
            values["total"] = line_amount(quantity, price, values["discount_percent"], currency)
            if values["total"] >= AMOUNT_MAX:
                row_errors.append(
                    ValidationFailed(where + _("the amount is too large; check the quantity and price."))
                )
        for error in row_errors:
            error.field = "lines"
            if not str(error.message).startswith(where):  # a shared helper's words: say which line
                error.message = where + str(error.message)
        errors += row_errors
        cleaned.append(values)
    if not errors and sum(v["total"] for v in cleaned) >= AMOUNT_MAX:
        errors.append(
            ValidationFailed(_("The total is too large; check the quantities and prices."), field="lines")
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def _number(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None
