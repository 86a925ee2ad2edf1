"""The catalog's spreadsheets under /api/v1/workspaces/{slug}/: imports of products or of one price list's
prices (`catalog-imports`: upload, follow, start, discard) and the exports (`product-export`, and
`price-lists/{id}/export`). Not under /products/: the path /products/{product_id} would take them."""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.utils import timezone
from django.utils.text import slugify
from ninja import Field, File, Form, Query, Schema, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers, file_answer
from tradewind.api.schemas import Input
from tradewind.catalog import permissions, selectors
from tradewind.catalog.access import access_catalog_import, access_price_list
from tradewind.catalog.api.products import ProductFiltersIn, product_filters
from tradewind.catalog.api.router import router
from tradewind.catalog.models import CatalogImport
from tradewind.catalog.services import imports
from tradewind.catalog.spreadsheets import exports
from tradewind.core.net import client_ip

_FILES = file_answer(exports.XLSX, "text/csv")


class ImportProblemOut(Schema):
    row: int | None = Field(
        description="The row as a spreadsheet numbers it (the header is row 1); null: the file."
    )
    column: str = Field(description="The column's header in the file.")
    key: str = Field(description="The row's SKU (and quantity tier, for prices).")
    message: str


class ImportPreviewOut(Schema):
    row: int
    key: str
    action: str = Field(description="new, changed, unchanged or error")
    fields: list[str] = Field(description="What a changed row changes (field codes).")


class CatalogImportOut(Schema):
    id: UUID
    kind: str = Field(description="products or prices")
    price_list: UUID | None = Field(description="For prices: the list they go into.")
    status: str = Field(
        description="checking (the worker reads every row), refused (see `errors`; nothing kept), checked "
        "(the counts say what importing would do: start it or discard it), importing, done, failed "
        "(start again to carry on)"
    )
    file_name: str
    total_rows: int | None
    processed_rows: int
    progress: int = Field(description="Percent of the current step.")
    new_rows: int
    changed_rows: int
    unchanged_rows: int = Field(description="Rows that say what the catalog already says.")
    failed_rows: int = Field(description="Rows left out because of a problem (see `errors`).")
    errors: list[ImportProblemOut] = Field(description="The first 500 problems.")
    notes: list[str] = Field(description="About the whole file: columns left out, new categories.")
    preview: list[ImportPreviewOut] = Field(description="The first 20 rows and what they would do.")
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_id(job) -> UUID:
        return job.public_id

    @staticmethod
    def resolve_price_list(job) -> UUID | None:
        return job.price_list.public_id if job.price_list else None


class CatalogImportIn(Input):
    kind: Literal["products", "prices"]
    price_list: UUID | None = Field(None, description="For prices: the list they go into.")


def _out(job: CatalogImport) -> CatalogImportOut:
    return CatalogImportOut.from_orm(job)


@router.get("/workspaces/{slug}/catalog-imports", response=list[CatalogImportOut])
@paginate(PageWithCount)
def catalog_import_list(request, slug: str):
    """Imports of the kinds you may import, newest first."""
    m = api_membership(request, slug)
    kinds = [k for k in CatalogImport.Kind.values if permissions.can_import(m, k)]
    jobs = CatalogImport.objects.filter(workspace=m.workspace, kind__in=kinds).select_related("price_list")
    return jobs


@router.post("/workspaces/{slug}/catalog-imports", response=answers(CatalogImportOut, 403, status=201))
def catalog_import_create(request, slug: str, file: File[UploadedFile], options: Form[CatalogImportIn]):
    """Upload an .xlsx or CSV file of products (catalog editors) or of one price list's prices (those who
    set prices); 201, status `checking`. Poll the job until it is `checked` (then start it) or `refused`.
    Products are matched by SKU, prices by SKU and quantity tier; an empty cell changes nothing."""
    m = api_membership(request, slug)
    price_list = access_price_list(m, options.price_list) if options.price_list else None
    job = imports.catalog_import_upload(actor=m, upload=file, kind=options.kind, price_list=price_list)
    return Status(201, _out(job))


@router.get("/workspaces/{slug}/catalog-imports/{catalog_import_id}", response=CatalogImportOut)
def catalog_import_detail(request, slug: str, catalog_import_id: UUID):
    return _out(access_catalog_import(api_membership(request, slug), catalog_import_id))


@router.post(
    "/workspaces/{slug}/catalog-imports/{catalog_import_id}/start",
    response=answers(CatalogImportOut, 403, 409, status=202),
)
def catalog_import_start(request, slug: str, catalog_import_id: UUID):
    """Import the checked rows in the background (202); rows with problems are left out. A failed import
    carries on where it stopped."""
    m = api_membership(request, slug)
    job = imports.catalog_import_start(actor=m, job=access_catalog_import(m, catalog_import_id))
    return Status(202, _out(job))


@router.post(
    "/workspaces/{slug}/catalog-imports/{catalog_import_id}/discard",
    response=answers(None, 403, 409, status=204),
)
def catalog_import_discard(request, slug: str, catalog_import_id: UUID):
    """Throw away an import that has not started, with its file (204)."""
    m = api_membership(request, slug)
    imports.catalog_import_discard(actor=m, job=access_catalog_import(m, catalog_import_id))
    return Status(204, None)


class ExportFormatIn(Schema):
    format: Literal["xlsx", "csv"] = "xlsx"


@router.get("/workspaces/{slug}/product-export", response={200: None}, openapi_extra=_FILES)
def product_export(request, slug: str, filters: Query[ProductFiltersIn], options: Query[ExportFormatIn]):
    """The products the filters select, with the columns an import reads back (cost prices only for those
    who may see them). Audited."""
    m = api_membership(request, slug)
    products = selectors.product_list(membership=m, filters=product_filters(m, filters))
    exports.catalog_export_record(
        membership=m, target="products", rows=products.count(), fmt=options.format, ip=client_ip(request)
    )
    content = exports.products_export(m, products, options.format)
    return exports.download(content, options.format, f"products-{timezone.localdate()}")


@router.get(
    "/workspaces/{slug}/price-lists/{price_list_id}/export", response={200: None}, openapi_extra=_FILES
)
def price_list_export(request, slug: str, price_list_id: UUID, options: Query[ExportFormatIn]):
    """The list's prices (SKU, quantity tier, unit price), as the price import reads them. Audited."""
    m = api_membership(request, slug)
    price_list = access_price_list(m, price_list_id)
    exports.catalog_export_record(
        membership=m,
        target=price_list.name,
        rows=price_list.prices.count(),
        fmt=options.format,
        ip=client_ip(request),
        data={"price_list": str(price_list.public_id)},
    )
    name = slugify(price_list.name) or "prices"
    return exports.download(
        exports.prices_export(price_list, options.format), options.format, f"{name}-{timezone.localdate()}"
    )
