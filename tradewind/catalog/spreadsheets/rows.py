"""A row of an uploaded catalog file as the values the services take, and what it would do.

`ProductRows.plan(batch)` and `PriceRows.plan(batch)` read a batch of rows (number, cells) and answer one
Planned per row: its key, the cleaned values, and its action — new, changed, unchanged, or an error with
the column it is about. They write nothing: the check before the import and the import itself both plan
the same way (the import then applies what was planned, through the catalog's services).

An empty cell changes nothing: a file with only SKU and HS code sets HS codes and leaves the rest alone.
Clearing a value is done on the product's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import override

from tradewind.catalog.choices import ProductStatus, Unit
from tradewind.catalog.models import Category, PriceList, Product, ProductPrice
from tradewind.catalog.rules import product_check_whole, product_clean
from tradewind.catalog.services.price_lists import product_price_clean
from tradewind.core.errors import ApplicationError
from tradewind.core.money import Money, currency_codes
from tradewind.core.text import fold

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")  # 1,000 or 12,500.50
_PAIR = re.compile(r"^([^:：]+)[:：](.*)$")
PRODUCT_FIELDS = (
    "name_en", "name_zh", "names", "description", "specs", "hs_code", "unit", "moq", "lead_time_days",
    "units_per_carton", "carton_length_cm", "carton_width_cm", "carton_height_cm", "carton_net_kg",
    "carton_gross_kg",
)  # fmt: skip
# product_clean's field names -> the column a problem is shown under.
_FIELD_COLUMN = {"cost": "cost_amount"}


@dataclass
class Planned:
    number: int
    key: str  # the SKU (and for a price, the quantity tier)
    action: str = UNCHANGED
    values: dict = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)  # what a changed row changes
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column code, message)
    target: object = None  # the product or price it changes
    category: str | None = None  # the category named (new ones are created)
    status: str | None = None

    def fail(self, column: str, message) -> None:
        self.errors.append((column, str(message)))
        self.action = ERROR


def _number_text(text: str) -> str:
    """ "1,000" -> "1000" (a grouped number as Excel shows it); anything else as typed."""
    text = text.strip().replace(" ", "")
    return text.replace(",", "") if _GROUPED.match(text) else text


def _choices_by_name(choices) -> dict[str, str]:
    """Code and label (English and Chinese), folded -> code."""
    names = {}
    for value, label in choices.choices:
        names[fold(value)] = value
        for language in ("en", "zh-hans"):
            with override(language):
                names[fold(str(label))] = value
    return names


def _pairs(text: str) -> list[list[str]] | None:
    """ "Material: steel" per line -> [["Material", "steel"]]; None if a line is not a pair."""
    pairs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _PAIR.match(line.strip())
        if not match:
            return None
        pairs.append([match.group(1).strip(), match.group(2).strip()])
    return pairs


class _Rows:
    def __init__(self, *, workspace, codes: list[str]):
        self.workspace = workspace
        self.codes = codes  # the column code of each cell ("" for a column left out)
        self.seen: dict[str, int] = {}  # key -> first row with it

    def cells_of(self, cells: list[str]) -> dict[str, str]:
        """The non-empty cells of the known columns, by column code."""
        return {code: cells[i].strip() for i, code in enumerate(self.codes) if code and cells[i].strip()}

    def once(self, planned: Planned, key: str, column: str, message) -> bool:
        """False (and the row fails) when an earlier row of the file has the same key."""
        first = self.seen.setdefault(key, planned.number)
        if first != planned.number:
            planned.fail(column, message % {"row": first})
            return False
        return True


class ProductRows(_Rows):
    """Rows of products, keyed by SKU (in any case): a known SKU changes that product, a new one adds it."""

    def __init__(self, *, workspace, codes: list[str]):
        super().__init__(workspace=workspace, codes=codes)
        self.units = _choices_by_name(Unit)
        self.statuses = _choices_by_name(ProductStatus)
        self.categories = {
            fold(c.name): c for c in Category.objects.filter(workspace=workspace)
        }  # a workspace has tens of categories
        self.new_categories: dict[str, str] = {}  # folded -> as first written

    def plan(self, batch: list[tuple[int, list[str]]]) -> list[Planned]:
        rows = [(number, self.cells_of(cells)) for number, cells in batch]
        skus = {cells.get("sku", "").lower() for _n, cells in rows} - {""}
        existing = {
            p.sku_lower: p
            for p in Product.objects.filter(workspace=self.workspace)
            .annotate(sku_lower=Lower("sku"))
            .filter(sku_lower__in=skus)
            .select_related("category")
        }
        return [self._plan_row(number, cells, existing) for number, cells in rows]

    def _plan_row(self, number: int, cells: dict[str, str], existing: dict) -> Planned:
        sku = cells.get("sku", "")
        planned = Planned(number=number, key=sku)
        if not sku:
            planned.fail("sku", _("Give the product a SKU (your article number)."))
            return planned
        if not self.once(planned, sku.lower(), "sku", _("The same SKU is in row %(row)d already.")):
            return planned
        raw = self._raw_values(planned, cells)
        try:
            values = product_clean(raw)
        except ApplicationError as exc:
            for error in exc.each():
                planned.fail(_FIELD_COLUMN.get(error.field, error.field or "sku"), error.message)
            return planned
        if planned.errors:
            return planned
        product = existing.get(sku.lower())
        planned.values, planned.target = values, product
        planned.category = cells.get("category")
        planned.status = raw.get("status")
        if product is None:
            self._plan_new(planned, sku, values)
        else:
            self._plan_change(planned, product, values)
        if planned.category and planned.action != ERROR:
            folded = fold(planned.category)
            if folded not in self.categories:
                self.new_categories.setdefault(folded, planned.category)
        return planned

    def _raw_values(self, planned: Planned, cells: dict[str, str]) -> dict:
        raw: dict = {}
        for code in ("name_en", "name_zh", "description", "hs_code"):
            if code in cells:
                raw[code] = cells[code]
        for code in ("moq", "lead_time_days", "units_per_carton", "carton_length_cm", "carton_width_cm",
                     "carton_height_cm", "carton_net_kg", "carton_gross_kg"):  # fmt: skip
            if code in cells:
                raw[code] = _number_text(cells[code])
        if "names" in cells:
            pairs = _pairs(cells["names"])
            if pairs is None:
                planned.fail("names", _("Write one name per line as language code: name (es: Hervidor)."))
            else:
                raw["names"] = dict(pairs)
        if "specs" in cells:
            pairs = _pairs(cells["specs"])
            if pairs is None:
                planned.fail("specs", _("Write one specification per line as name: value (Material: steel)."))
            else:
                raw["specs"] = pairs
        for code, names in (("unit", self.units), ("status", self.statuses)):
            if code in cells:
                value = names.get(fold(cells[code]))
                if value is None:
                    planned.fail(
                        code,
                        _("“%(value)s” is not one of: %(allowed)s.")
                        % {"value": cells[code][:40], "allowed": ", ".join(sorted(set(names.values())))},
                    )
                else:
                    raw[code] = value
        if "cost_amount" in cells:
            raw["cost"] = self._cost(planned, cells)
        if "cost" in raw and raw["cost"] is None:
            del raw["cost"]
        return raw

    def _cost(self, planned: Planned, cells: dict[str, str]) -> Money | None:
        currency = cells.get("cost_currency", "").upper() or self.workspace.currency
        if currency not in currency_codes():
            planned.fail("cost_currency", _("Choose a currency from the list."))
            return None
        try:
            return Money(Decimal(_number_text(cells["cost_amount"])), currency)
        except (InvalidOperation, ValueError):
            planned.fail("cost_amount", _("A cost price is zero or more, and below 100,000,000."))
            return None

    def _plan_new(self, planned: Planned, sku: str, values: dict) -> None:
        product = Product(workspace=self.workspace, sku=sku)
        for name, value in values.items():
            setattr(product, name, value)
        if not self._whole(planned, product):
            return
        planned.action = NEW

    def _plan_change(self, planned: Planned, product: Product, values: dict) -> None:
        changed = [name for name, value in values.items() if getattr(product, name) != value]
        current = fold(product.category.name) if product.category else None
        if planned.category and current != fold(planned.category):
            changed.append("category")
        if changed:
            copy = Product(**{f.attname: getattr(product, f.attname) for f in Product._meta.concrete_fields})
            for name in changed:
                if name in values:
                    setattr(copy, name, values[name])
            if not self._whole(planned, copy):
                return
        planned.fields = changed
        planned.action = CHANGED if changed else UNCHANGED

    @staticmethod
    def _whole(planned: Planned, product: Product) -> bool:
        try:
            product_check_whole(product)
        except ApplicationError as exc:
            for error in exc.each():
                planned.fail(error.field or "sku", error.message)
            return False
        return True


class PriceRows(_Rows):
    """Rows of one price list's prices, keyed by SKU and quantity tier: a known tier gets the new price,
    a new tier is added. The file's currency, where it names one, must be the list's."""

    def __init__(self, *, workspace, codes: list[str], price_list: PriceList):
        super().__init__(workspace=workspace, codes=codes)
        self.price_list = price_list

    def plan(self, batch: list[tuple[int, list[str]]]) -> list[Planned]:
        rows = [(number, self.cells_of(cells)) for number, cells in batch]
        skus = {cells.get("sku", "").lower() for _n, cells in rows} - {""}
        products = {
            p.sku_lower: p
            for p in Product.objects.filter(workspace=self.workspace)
            .annotate(sku_lower=Lower("sku"))
            .filter(sku_lower__in=skus)
        }
        tiers = {
            (price.product_id, price.min_quantity): price
            for price in ProductPrice.objects.filter(
                price_list=self.price_list, product__in=list(products.values())
            )
        }
        return [self._plan_row(number, cells, products, tiers) for number, cells in rows]

    def _plan_row(self, number: int, cells: dict[str, str], products: dict, tiers: dict) -> Planned:
        sku = cells.get("sku", "")
        planned = Planned(number=number, key=sku)
        if not sku:
            planned.fail("sku", _("Give the SKU of the product this price is for."))
            return planned
        product = products.get(sku.lower())
        if product is None:
            planned.fail("sku", _("No product has the SKU “%(sku)s”.") % {"sku": sku[:64]})
        currency = cells.get("currency", "").upper()
        if currency and currency != self.price_list.currency:
            planned.fail(
                "currency",
                _("This list is in %(list)s; the row says %(row)s.")
                % {"list": self.price_list.currency, "row": currency[:3]},
            )
        try:
            quantity, price = product_price_clean(
                _number_text(cells.get("min_quantity", "")), _number_text(cells.get("unit_price", ""))
            )
        except ApplicationError as exc:
            for error in exc.each():
                planned.fail(error.field or "unit_price", error.message)
            return planned
        if planned.errors:
            return planned
        planned.key = f"{sku} ≥{quantity}"
        if not self.once(
            planned, f"{sku.lower()}\t{quantity}", "min_quantity",
            _("The same SKU and quantity are in row %(row)d already."),
        ):  # fmt: skip
            return planned
        planned.values = {"min_quantity": quantity, "unit_price": price}
        existing = tiers.get((product.pk, quantity))
        planned.target = product
        if existing is None:
            if product.status != ProductStatus.ACTIVE:
                message = _("%(sku)s is discontinued; offer it again before pricing it.")
                planned.fail("sku", message % {"sku": product.sku})
                return planned
            planned.action = NEW
        elif existing.unit_price != price:
            planned.action, planned.fields = CHANGED, ["unit_price"]
        return planned
