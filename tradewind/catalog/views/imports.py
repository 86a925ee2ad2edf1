"""The catalog's spreadsheets: imports of products or prices (upload → check → start → progress), the
template to fill, and the exports of the product list and of a price list."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.catalog import forms, permissions, selectors
from tradewind.catalog.access import access_catalog_import, access_price_list
from tradewind.catalog.fields import field_labels
from tradewind.catalog.models import CatalogImport, PriceList, Product
from tradewind.catalog.services import imports
from tradewind.catalog.spreadsheets import exports
from tradewind.catalog.views.products import product_filters
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.core.pagination import paginate
from tradewind.workspaces.access import workspace_view


def _kinds(membership) -> list[str]:
    return [k for k in CatalogImport.Kind.values if permissions.can_import(membership, k)]


def _to_job(request, job):
    return redirect("catalog:import", slug=request.workspace.slug, catalog_import_id=job.public_id)


@workspace_view
@require_http_methods(["GET", "POST"])
def import_list(request):
    """Past imports of the catalog, and the form for a new one."""
    me = request.membership
    kinds = _kinds(me)
    if not kinds:
        raise Http404
    price_lists = PriceList.objects.filter(workspace=request.workspace) if "prices" in kinds else []
    initial = {"kind": request.GET.get("kind", kinds[0]), "price_list": request.GET.get("price_list", "")}
    form = forms.CatalogImportForm(
        request.POST or None, request.FILES or None, initial=initial, kinds=kinds, price_lists=price_lists
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = imports.catalog_import_upload(
                actor=me,
                upload=data["file"],
                kind=data["kind"],
                price_list=form.price_lists.get(data.get("price_list") or ""),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            return _to_job(request, job)
    jobs = CatalogImport.objects.filter(workspace=request.workspace, kind__in=kinds).select_related(
        "created_by__user", "price_list"
    )
    context = {"form": form, "page": paginate(jobs, request, per_page=20)}
    return render(request, "catalog/imports.html", context, status=400 if form.errors else 200)


def _job_context(job: CatalogImport, membership) -> dict:
    preview = [{**row, "fields": field_labels(row.get("fields") or [])} for row in job.preview]
    return {
        "job": job,
        "preview": preview,
        "may_start": job.status in (CatalogImport.Status.CHECKED, CatalogImport.Status.FAILED)
        and (job.new_rows or job.changed_rows or job.status == CatalogImport.Status.FAILED),
        "may_discard": job.status
        in (CatalogImport.Status.CHECKING, CatalogImport.Status.CHECKED, CatalogImport.Status.REFUSED),
    }


@workspace_view
@require_GET
def import_detail(request, catalog_import_id):
    job = access_catalog_import(request.membership, catalog_import_id)
    context = _job_context(job, request.membership)
    template = "catalog/import_detail.html#job" if request.htmx else "catalog/import_detail.html"
    return render(request, template, context)


@workspace_view
@require_POST
def import_start(request, catalog_import_id):
    job = access_catalog_import(request.membership, catalog_import_id)
    service_run(request, lambda: imports.catalog_import_start(actor=request.membership, job=job))
    return _to_job(request, job)


@workspace_view
@require_POST
def import_discard(request, catalog_import_id):
    job = access_catalog_import(request.membership, catalog_import_id)
    discarded, _result = service_run(
        request,
        lambda: imports.catalog_import_discard(actor=request.membership, job=job),
        success=_("The import was discarded with its file; nothing was imported."),
    )
    if not discarded:
        return _to_job(request, job)
    return redirect("catalog:imports", slug=request.workspace.slug)


def _format(request) -> str:
    fmt = request.GET.get("format", "xlsx")
    return fmt if fmt in exports.FORMATS else "xlsx"


@workspace_view
@require_GET
def import_template(request, kind):
    """The columns of an import with no rows: what to fill in."""
    me = request.membership
    if kind not in _kinds(me):
        raise Http404
    fmt = _format(request)
    if kind == "products":
        content = exports.products_export(me, Product.objects.none(), fmt)
    else:
        content = exports.prices_template(fmt)
    return exports.download(content, fmt, f"{kind}-template")


@workspace_view
@require_GET
def product_export(request):
    """The product list as its filters select it, as XLSX or CSV; recorded in the audit log."""
    me = request.membership
    _form, filters, data = product_filters(request)
    products = selectors.product_list(membership=me, filters=filters)
    fmt = _format(request)
    exports.catalog_export_record(
        membership=me,
        target="products",
        rows=products.count(),
        fmt=fmt,
        ip=client_ip(request),
        data={"filters": {k: str(v) for k, v in data.items() if v}},
    )
    return exports.download(
        exports.products_export(me, products, fmt), fmt, f"products-{timezone.localdate()}"
    )


@workspace_view
@require_GET
def price_list_export(request, price_list_id):
    me = request.membership
    price_list = access_price_list(me, price_list_id)
    fmt = _format(request)
    exports.catalog_export_record(
        membership=me,
        target=price_list.name,
        rows=price_list.prices.count(),
        fmt=fmt,
        ip=client_ip(request),
        data={"price_list": str(price_list.public_id)},
    )
    name = slugify(price_list.name, allow_unicode=False) or "prices"
    return exports.download(exports.prices_export(price_list, fmt), fmt, f"{name}-{timezone.localdate()}")
