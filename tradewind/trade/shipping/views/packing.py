"""What a shipment carries: its containers (added, changed, removed) and its goods against the order's
lines."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.trade.shipping import forms, permissions, selectors, services
from tradewind.trade.shipping.access import access_container, access_shipment
from tradewind.trade.shipping.views.shipments import to_shipment
from tradewind.workspaces.access import workspace_view


def _changeable(request, shipment_id):
    shipment = access_shipment(request.membership, shipment_id)
    if not permissions.can_change_shipments(request.membership, shipment.order):
        raise Http404
    return shipment


def _container_values(form) -> dict:
    data = form.cleaned_data
    return {
        "container_type": data["container_type"],
        "number": data["number"],
        "seal_number": data["seal_number"],
        "cartons": data["cartons"] or 0,
        "gross_kg": data["gross_kg"] if data["gross_kg"] is not None else 0,
        "cbm": data["cbm"] if data["cbm"] is not None else 0,
    }


@workspace_view
@require_http_methods(["GET", "POST"])
def container_add(request, shipment_id):
    shipment = _changeable(request, shipment_id)
    form = forms.ContainerForm(request.POST or None, mode=shipment.mode)
    if request.method == "POST" and form.is_valid():
        try:
            container = services.container_add(
                actor=request.membership, shipment=shipment, **_container_values(form)
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Container %(label)s added.") % {"label": container})
            return to_shipment(request, shipment, "#containers")
    context = {"form": form, "shipment": shipment}
    return render(request, "shipping/container_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def container_edit(request, shipment_id, container_id):
    shipment = _changeable(request, shipment_id)
    container = access_container(request.membership, shipment, container_id)
    initial = {f: getattr(container, f) for f in services.CONTAINER_FIELDS}
    form = forms.ContainerForm(request.POST or None, initial=initial, mode=shipment.mode)
    if request.method == "POST" and form.is_valid():
        try:
            services.container_update(
                actor=request.membership, container=container, **_container_values(form)
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return to_shipment(request, shipment, "#containers")
    context = {"form": form, "shipment": shipment, "container": container}
    return render(request, "shipping/container_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def container_delete(request, shipment_id, container_id):
    shipment = access_shipment(request.membership, shipment_id)
    container = access_container(request.membership, shipment, container_id)
    service_run(
        request,
        lambda: services.container_remove(actor=request.membership, container=container),
        success=_("Container %(label)s removed.") % {"label": container},
    )
    return to_shipment(request, shipment, "#containers")


def _goods_rows(shipment, posted=None) -> list[dict]:
    """One row per order line: ordered, in other shipments, and the quantity and cartons in this one (as
    posted, when the form comes back with a refusal)."""
    mine = {row.order_line_id: row for row in shipment.lines.all()}
    elsewhere = selectors.shipped_quantities(shipment.order, exclude_shipment=shipment)
    rows = []
    for line in shipment.order.lines.all().order_by("position", "id"):
        current = mine.get(line.pk)
        key = str(line.public_id)
        rows.append(
            {
                "line": line,
                "key": key,
                "elsewhere": elsewhere.get(line.pk, 0),
                "quantity": posted.get(f"qty-{key}", "")
                if posted is not None
                else (current.quantity if current else ""),
                "cartons": posted.get(f"cartons-{key}", "")
                if posted is not None
                else (current.cartons if current and current.cartons is not None else ""),
            }
        )
    return rows


@workspace_view
@require_http_methods(["GET", "POST"])
def shipment_goods(request, shipment_id):
    """Which goods go in the shipment: a quantity (and cartons) per order line; empty or 0 leaves it out."""
    shipment = _changeable(request, shipment_id)
    errors = []
    if request.method == "POST":
        rows = _goods_rows(shipment, request.POST)
        goods = [
            services.GoodsInput(row["line"], row["quantity"].strip() or None, row["cartons"].strip() or None)
            for row in rows
            if row["quantity"].strip()
        ]
        try:
            services.shipment_lines_set(actor=request.membership, shipment=shipment, goods=goods)
        except ApplicationError as error:
            errors = [str(each.message) for each in error.each()]
        else:
            messages.success(request, _("Saved."))
            return to_shipment(request, shipment, "#goods")
    else:
        rows = _goods_rows(shipment)
    context = {"shipment": shipment, "order": shipment.order, "rows": rows, "errors": errors}
    return render(request, "shipping/goods_form.html", context, status=400 if errors else 200)
