"""The columns of the catalog's spreadsheets, and which column of an uploaded file is which.

Headers are the product's field names as the pages show them, in the reader's language; a file's headers
are recognised in English, in Chinese, or as the field's code (`sku`, `hs_code`…), whatever the language
of the person importing it — a sheet made by a colleague in the other language imports the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from tradewind.catalog.models import Product, ProductPrice
from tradewind.core.text import fold


@dataclass(frozen=True)
class Column:
    code: str
    label: object  # lazy text
    export_only: bool = False  # written for the reader, ignored by an import (CBM follows from the carton)
    costs: bool = False  # cost prices: written and read only for those who may see them

    def header(self) -> str:
        return str(self.label)


def _field_label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


def _product(name: str, **options) -> Column:
    return Column(name, _field_label(Product, name), **options)


PRODUCT_COLUMNS = (
    _product("sku"),
    _product("name_en"),
    _product("name_zh"),
    _product("names"),
    Column("category", _("Category")),
    _product("description"),
    _product("specs"),
    _product("hs_code"),
    _product("unit"),
    _product("moq"),
    _product("lead_time_days"),
    _product("units_per_carton"),
    _product("carton_length_cm"),
    _product("carton_width_cm"),
    _product("carton_height_cm"),
    _product("carton_net_kg"),
    _product("carton_gross_kg"),
    Column("cbm", _("CBM per carton"), export_only=True),
    _product("status"),
    Column("cost_amount", _field_label(Product, "cost_amount"), costs=True),
    Column("cost_currency", _("Cost currency"), costs=True),
)

PRICE_COLUMNS = (
    _product("sku"),
    Column("product", _("Product"), export_only=True),
    # For the reader; the product's own unit is the one that counts.
    Column("unit", _field_label(Product, "unit"), export_only=True),
    Column("min_quantity", _field_label(ProductPrice, "min_quantity")),
    Column("unit_price", _field_label(ProductPrice, "unit_price")),
    Column("currency", _("Currency")),
)

_NOT_IN_A_HEADER = re.compile(r"[\s*:：()（）_\-]+")


def _key(text: str) -> str:
    """A header as compared: case, width, spaces, brackets and a required-field star away."""
    return _NOT_IN_A_HEADER.sub("", fold(text or ""))


def _names_of(column: Column) -> set[str]:
    names = {_key(column.code)}
    for language in ("en", "zh-hans"):
        with override(language):
            names.add(_key(str(column.label)))
    return names


def columns_match(headers: list[str], columns: tuple[Column, ...]) -> list[str]:
    """For each header of a file, the code of the column it is ("" for a column we do not know, or a
    second column of the same field: the first one counts)."""
    known = {}
    for column in columns:
        for name in _names_of(column):
            known.setdefault(name, column.code)
    taken: set[str] = set()
    codes = []
    for header in headers:
        code = known.get(_key(header), "")
        if code in taken:
            code = ""
        taken.add(code)
        codes.append(code)
    return codes


def column_by_code(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.code: c for c in columns}
