"""An order's production pages: placing it with a supplier, one production with its progress updates and
photos, changing its dates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.choices import OrderStatus
from tradewind.trade.production import forms, permissions, selectors, services
from tradewind.trade.production.access import access_production, access_progress_photo, access_supplier
from tradewind.trade.production.services.production import DATE_FIELDS
from tradewind.workspaces.access import workspace_view

FORM_FIELDS = ("goods", *DATE_FIELDS, "status", "notes")


def _order_page(request, order, anchor="#production"):
    return redirect(reverse("trade:order", args=[request.workspace.slug, order.public_id]) + anchor)


def _production_page(request, production, anchor=""):
    args = [request.workspace.slug, production.order.public_id, production.public_id]
    return redirect(reverse("production:production", args=args) + anchor)


def _order_to_work(request, order_id):
    order = access_order(request.membership, order_id)
    if not permissions.can_work_production(request.membership, order):
        raise Http404
    return order


def _supplier_of(request, form):
    value = form.cleaned_data.get("supplier")
    return access_supplier(request.membership, value) if value else None


@workspace_view
@require_http_methods(["GET", "POST"])
def production_create(request, order_id):
    order = _order_to_work(request, order_id)
    if order.status != OrderStatus.CONFIRMED:
        messages.error(request, _("Production is placed for confirmed orders."))
        return _order_page(request, order)
    suppliers = selectors.current_suppliers(request.workspace)
    form = forms.ProductionForm(
        request.POST or None, suppliers=suppliers, initial={"planned_ready": order.delivery_date}
    )
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in FORM_FIELDS}
        try:
            production = services.production_create(
                actor=request.membership, order=order, supplier=_supplier_of(request, form), **values
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, _("Production placed with %(name)s.") % {"name": production.supplier.name}
            )
            return _order_page(request, order)
    context = {"form": form, "order": order, "no_suppliers": not suppliers}
    return render(request, "production/production_form.html", context, status=400 if form.errors else 200)


def _detail(request, order, production, *, progress_form=None, status=200):
    me = request.membership
    can_work = permissions.can_work_production(me, order) and order.status == OrderStatus.CONFIRMED
    context = {
        "order": order,
        "production": production,
        "updates": selectors.production_updates(production),
        "inspections": [i for i in selectors.order_inspections(order) if i.production_id == production.pk],
        "can_work": can_work,
        "progress_form": progress_form or forms.ProgressForm(initial={"progress": production.progress}),
    }
    return render(request, "production/production_detail.html", context, status=status)


@workspace_view
@require_GET
def production_detail(request, order_id, production_id):
    order = access_order(request.membership, order_id)
    return _detail(request, order, access_production(request.membership, order, production_id))


@workspace_view
@require_http_methods(["GET", "POST"])
def production_edit(request, order_id, production_id):
    order = _order_to_work(request, order_id)
    production = access_production(request.membership, order, production_id)
    initial = {key: getattr(production, key) for key in FORM_FIELDS}
    initial["supplier"] = str(production.supplier.public_id)
    form = forms.ProductionForm(
        request.POST or None,
        initial=initial,
        suppliers=selectors.current_suppliers(request.workspace),
        current=production.supplier,
    )
    if request.method == "POST" and form.is_valid():
        changes = {key: form.cleaned_data[key] for key in FORM_FIELDS}
        try:
            services.production_update(
                actor=request.membership,
                production=production,
                supplier=_supplier_of(request, form),
                **changes,
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _production_page(request, production)
    context = {"form": form, "order": order, "production": production}
    return render(request, "production/production_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def progress_add(request, order_id, production_id):
    """A progress update with its photos; a refusal shows on the production's page with what was typed."""
    order = _order_to_work(request, order_id)
    production = access_production(request.membership, order, production_id)
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.production_progress_add(
                actor=request.membership,
                production=production,
                progress=form.cleaned_data["progress"],
                expected_ready=form.cleaned_data["expected_ready"],
                note=form.cleaned_data["note"],
                photos=request.FILES.getlist("photos"),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return _production_page(request, production, "#updates")
    return _detail(request, order, production, progress_form=form, status=400)


@workspace_view
@require_GET
def progress_photo(request, order_id, production_id, progress_photo_id, size):
    if size not in ("image", "thumbnail"):
        raise Http404
    order = access_order(request.membership, order_id)
    production = access_production(request.membership, order, production_id)
    photo = access_progress_photo(request.membership, production, progress_photo_id)
    return stored_file_response(photo.thumbnail if size == "thumbnail" else photo.file, unchanging=True)
