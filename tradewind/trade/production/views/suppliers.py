"""The supplier pages: the list (search, current or archived), a supplier with what it makes, its form,
archiving it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.trade.production import forms, permissions, selectors, services
from tradewind.trade.production.access import access_supplier
from tradewind.trade.production.services.common import SUPPLIER
from tradewind.trade.production.services.suppliers import SUPPLIER_FIELDS
from tradewind.workspaces.access import workspace_view


def _to(request, supplier):
    return redirect(reverse("production:supplier", args=[request.workspace.slug, supplier.public_id]))


def _require_keeper(request) -> None:
    if not permissions.can_manage_suppliers(request.membership):
        raise Http404


@workspace_view
@require_GET
def supplier_list(request):
    me = request.membership
    form = forms.SupplierFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.SupplierFilters(q=data.get("q", ""), archived=data.get("archived", ""))
    context = {
        "filter_form": form,
        "page": paginate(selectors.supplier_list(membership=me, filters=filters), request),
        "can_manage": permissions.can_manage_suppliers(me),
        "filtered": bool(data.get("q") or data.get("archived")),
    }
    template = (
        "production/supplier_list.html#supplier-table" if request.htmx else "production/supplier_list.html"
    )
    return render(request, template, context)


@workspace_view
@require_http_methods(["GET", "POST"])
def supplier_create(request):
    _require_keeper(request)
    form = forms.SupplierForm(request.POST or None, initial={"country": request.workspace.country or "CN"})
    if request.method == "POST" and form.is_valid():
        try:
            supplier = services.supplier_create(actor=request.membership, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": supplier.name})
            return _to(request, supplier)
    return render(
        request, "production/supplier_form.html", {"form": form}, status=400 if form.errors else 200
    )


@workspace_view
@require_GET
def supplier_detail(request, supplier_id):
    me = request.membership
    supplier = access_supplier(me, supplier_id)
    context = {
        "supplier": supplier,
        "productions": selectors.supplier_productions(supplier, membership=me),
        "can_manage": permissions.can_manage_suppliers(me),
        "events": activity_page(workspace_id=supplier.workspace_id, subject=(SUPPLIER, supplier.public_id)),
    }
    return render(request, "production/supplier_detail.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def supplier_edit(request, supplier_id):
    supplier = access_supplier(request.membership, supplier_id)
    _require_keeper(request)
    form = forms.SupplierForm(
        request.POST or None, initial={f: getattr(supplier, f) for f in SUPPLIER_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.supplier_update(actor=request.membership, supplier=supplier, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to(request, supplier)
    context = {"form": form, "supplier": supplier}
    return render(request, "production/supplier_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def supplier_archive(request, supplier_id):
    """Archive (archived=1) or bring back (archived=0) a supplier."""
    supplier = access_supplier(request.membership, supplier_id)
    if request.POST.get("archived") == "0":
        service_run(
            request,
            lambda: services.supplier_restore(actor=request.membership, supplier=supplier),
            success=_("%(name)s is a current supplier again.") % {"name": supplier.name},
        )
    else:
        service_run(
            request,
            lambda: services.supplier_archive(actor=request.membership, supplier=supplier),
            success=_("%(name)s is archived.") % {"name": supplier.name},
        )
    return _to(request, supplier)
