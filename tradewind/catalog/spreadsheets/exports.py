"""The catalog written out: the products a list's filters select, or one price list's prices, as CSV or
Excel, in the reader's language. Every value is written the way the import reads it back — names in other
languages and specifications one per line ("es: Hervidor", "Material: 304 steel"), the HS code as digits,
the unit and status by name — so the file can be edited and imported again. Cost prices only for those
who may see them."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradewind.catalog import permissions
from tradewind.catalog.choices import CatalogAuditAction
from tradewind.catalog.models import PriceList, Product, ProductPrice
from tradewind.catalog.spreadsheets.columns import PRICE_COLUMNS, PRODUCT_COLUMNS, Column
from tradewind.core.csv_stream import csv_stream
from tradewind.core.xlsx_file import xlsx_file
from tradewind.workspaces.audit import audit_record

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 1000


def product_columns(membership) -> tuple[Column, ...]:
    costs = permissions.can_see_costs(membership)
    return tuple(c for c in PRODUCT_COLUMNS if costs or not c.costs)


def _number(value) -> str:
    """A Decimal without trailing zeros beyond what was typed ("45.0" -> "45"; "0.125" stays)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def lines_of(pairs) -> str:
    return "\n".join(f"{key}: {value}" for key, value in pairs)


def product_cells(product: Product, columns) -> list[str]:
    values = {
        "sku": product.sku,
        "name_en": product.name_en,
        "name_zh": product.name_zh,
        "names": lines_of(sorted(product.names.items())),
        "category": product.category.name if product.category_id else "",
        "description": product.description,
        "specs": lines_of(product.specs),
        "hs_code": product.hs_code,
        "unit": product.get_unit_display(),
        "moq": product.moq,
        "lead_time_days": product.lead_time_days,
        "units_per_carton": product.units_per_carton,
        "carton_length_cm": _number(product.carton_length_cm),
        "carton_width_cm": _number(product.carton_width_cm),
        "carton_height_cm": _number(product.carton_height_cm),
        "carton_net_kg": _number(product.carton_net_kg),
        "carton_gross_kg": _number(product.carton_gross_kg),
        "cbm": _number(product.cbm_per_carton),
        "status": product.get_status_display(),
        "cost_amount": _number(product.cost_amount),
        "cost_currency": product.cost_currency or "",
    }
    return ["" if values[c.code] is None else str(values[c.code]) for c in columns]


def _product_table(membership, products) -> Iterator[list[str]]:
    columns = product_columns(membership)
    yield [c.header() for c in columns]
    for product in products.select_related("category").iterator(chunk_size=CHUNK):
        yield product_cells(product, columns)


def _price_table(price_list: PriceList) -> Iterator[list[str]]:
    yield [c.header() for c in PRICE_COLUMNS]
    prices = (
        ProductPrice.objects.filter(price_list=price_list)
        .select_related("product")
        .order_by("product__sku", "min_quantity")
    )
    for price in prices.iterator(chunk_size=CHUNK):
        product = price.product
        yield [
            product.sku,
            product.name_in(get_language()),
            product.get_unit_display(),
            str(price.min_quantity),
            _number(price.unit_price),
            price_list.currency,
        ]


def products_export(membership, products, fmt: str):
    """CSV lines (a generator for a streaming response) or an open XLSX file."""
    if fmt == "csv":
        return csv_stream(_product_table(membership, products))
    return xlsx_file(_("Products"), _product_table(membership, products))


def prices_template(fmt: str):
    """The columns of a price import, with no rows."""
    header = [[c.header() for c in PRICE_COLUMNS]]
    return csv_stream(header) if fmt == "csv" else xlsx_file(_("Prices"), header)


def prices_export(price_list: PriceList, fmt: str):
    if fmt == "csv":
        return csv_stream(_price_table(price_list))
    return xlsx_file(price_list.name, _price_table(price_list))


def catalog_export_record(*, membership, target: str, rows: int, fmt: str, ip=None, data=None) -> None:
    """The audit entry of an export (with cost prices or not: who took the catalog, and what of it)."""
    audit_record(
        workspace=membership.workspace,
        actor=membership.user,
        action=CatalogAuditAction.EXPORTED,
        target=target,
        ip=ip,
        data={"rows": rows, "format": fmt, "costs": permissions.can_see_costs(membership), **(data or {})},
    )


def download(content, fmt: str, name: str):
    """The response for a page or the API: the open XLSX file, or the CSV lines streamed."""
    from django.http import FileResponse, StreamingHttpResponse

    if fmt == "xlsx":
        return FileResponse(content, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
    response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
