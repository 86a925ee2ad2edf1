"""Shipment pages: the list, a new shipment from its order, a shipment with its containers, goods, ETA
changes and release, its edit form, and the buttons that move it on."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.core.pagination import paginate
from tradewind.core.panels import panels_for
from tradewind.trade.access import access_order
from tradewind.trade.choices import OrderStatus
from tradewind.trade.shipping import forms, permissions, selectors, services
from tradewind.trade.shipping.access import access_shipment
from tradewind.trade.shipping.choices import NEXT, PACKING_OPEN, SAILED, SEA_MODES, WAYBILL_MODES
from tradewind.trade.shipping.models import EtaChange, ReleaseStatus, ShipmentStatus
from tradewind.workspaces.access import workspace_view

FILTERS = ("q", "status", "mode", "etd_from", "etd_to", "eta_from", "eta_to")


def to_shipment(request, shipment, anchor: str = ""):
    return redirect(reverse("shipping:detail", args=[request.workspace.slug, shipment.public_id]) + anchor)


@workspace_view
@require_GET
def shipment_list(request):
    me = request.membership
    form = forms.ShipmentFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.ShipmentFilters(**{k: data[k] for k in FILTERS if data.get(k)})
    rows = selectors.shipment_list(membership=me, filters=filters).prefetch_related("containers")
    context = {
        "filter_form": form,
        "page": paginate(rows, request),
        "filtered": any(data.get(k) for k in FILTERS),
    }
    template = "shipping/list.html#shipment-table" if request.htmx else "shipping/list.html"
    return render(request, template, context)


def _move_labels() -> dict:
    return {
        ShipmentStatus.PLANNED: _("Back to planned"),
        ShipmentStatus.BOOKED: _("Booked"),
        ShipmentStatus.SHIPPED: _("Sailed"),
        ShipmentStatus.ARRIVED: _("Arrived"),
        ShipmentStatus.DELIVERED: _("Delivered to the buyer"),
        ShipmentStatus.CANCELLED: _("Cancel the shipment"),
    }


def _status_moves(shipment) -> list[dict]:
    """The buttons of the shipment's next statuses, each with what it asks (a date, a reason); sea freight
    shows no "sailed" before it is booked."""
    today, labels = timezone.localdate(), _move_labels()
    moves = []
    for status in NEXT[shipment.status]:
        if (
            status == ShipmentStatus.SHIPPED
            and shipment.status == ShipmentStatus.PLANNED
            and shipment.mode in SEA_MODES
        ):
            continue
        moves.append(
            {
                "status": status,
                "label": labels[status],
                "asks_day": status
                in (ShipmentStatus.SHIPPED, ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED),
                "asks_reason": status == ShipmentStatus.CANCELLED,
                "today": today,
            }
        )
    return moves


def _balance(order):
    from tradewind.trade.receivables.selectors import order_balance_open

    return order_balance_open(order)


@workspace_view
@require_GET
def shipment_detail(request, shipment_id):
    me = request.membership
    shipment = access_shipment(me, shipment_id)
    order = shipment.order
    can_change = (
        permissions.can_change_shipments(me, order)
        and order.status == OrderStatus.CONFIRMED
        and shipment.status != ShipmentStatus.CANCELLED
    )
    releasable = (
        shipment.status in SAILED
        and shipment.release_status == ReleaseStatus.NOT_RELEASED
        and shipment.mode not in WAYBILL_MODES
    )
    context = {
        "shipment": shipment,
        "order": order,
        "containers": list(shipment.containers.all()),
        "lines": list(shipment.lines.select_related("order_line")),
        "remaining": selectors.order_lines_remaining(order),
        "eta_changes": list(
            EtaChange.objects.filter(shipment=shipment).select_related("changed_by__user")[:10]
        ),
        "can_change": can_change,
        "packing_open": can_change and shipment.status in PACKING_OPEN,
        "moves": _status_moves(shipment) if can_change else [],
        "releasable": releasable,
        "balance": _balance(order) if releasable else None,
        "can_override": permissions.can_override_release(me),
        "release_form": forms.ReleaseForm(),
        "events": activity_page(
            workspace_id=shipment.workspace_id, subject=(services.SUBJECT, shipment.public_id), limit=50
        ),
        "panels": panels_for("shipping.shipment", me, shipment),  # shipping documents …
    }
    return render(request, "shipping/detail.html", context)


def _initial_ports(order) -> dict:
    """An order's ports are free text on the PI ("Ningbo, China"); a UN/LOCODE there, or the customer's
    destination port, fills the form."""
    initial = {}
    for field in ("port_of_loading", "port_of_discharge"):
        text = "".join((getattr(order, field) or "").split()).upper()
        if len(text) == 5 and text.isalnum():
            initial[field] = text
    if "port_of_discharge" not in initial and order.customer.destination_port:
        initial["port_of_discharge"] = order.customer.destination_port
    return initial


@workspace_view
@require_http_methods(["GET", "POST"])
def shipment_create(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    if not permissions.can_change_shipments(me, order):
        raise Http404
    if order.status != OrderStatus.CONFIRMED:
        messages.error(request, _("Only a confirmed order ships."))
        return redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
    initial = {"mode": "sea_fcl", "all_goods": True, **_initial_ports(order)}
    form = forms.ShipmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shipment = services.shipment_create(
                actor=me,
                order=order,
                lines=None if form.cleaned_data["all_goods"] else [],
                **form.service_values(),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Shipment %(number)s planned.") % {"number": shipment.number})
            return to_shipment(request, shipment)
    context = {"form": form, "order": order, "remaining": selectors.order_lines_remaining(order)}
    return render(request, "shipping/form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def shipment_edit(request, shipment_id):
    me = request.membership
    shipment = access_shipment(me, shipment_id)
    if not permissions.can_change_shipments(me, shipment.order):
        raise Http404
    names = [name for name in forms.ShipmentForm.base_fields if name not in ("eta_reason", "all_goods")]
    form = forms.ShipmentForm(
        request.POST or None, initial={n: getattr(shipment, n) for n in names}, shipment=shipment
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.shipment_update(
                actor=me,
                shipment=shipment,
                reason=form.cleaned_data.get("eta_reason", ""),
                **form.service_values(),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return to_shipment(request, shipment)
    context = {"form": form, "order": shipment.order, "shipment": shipment}
    return render(request, "shipping/form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def shipment_status(request, shipment_id):
    shipment = access_shipment(request.membership, shipment_id)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return to_shipment(request, shipment)
    status = form.cleaned_data["status"]
    service_run(
        request,
        lambda: services.shipment_status_set(
            actor=request.membership,
            shipment=shipment,
            status=status,
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("%(number)s: %(status)s.")
        % {"number": shipment.number, "status": ShipmentStatus(status).label},
    )
    return to_shipment(request, shipment)


@workspace_view
@require_http_methods(["GET", "POST"])
def shipment_eta(request, shipment_id):
    """Move the ETA: the rep is told, and the buyer's message drafted shows on the shipment's page."""
    me = request.membership
    shipment = access_shipment(me, shipment_id)
    if not permissions.can_change_shipments(me, shipment.order):
        raise Http404
    form = forms.EtaForm(request.POST or None, initial={"eta": shipment.eta})
    if request.method == "POST" and form.is_valid():
        try:
            services.shipment_eta_change(actor=me, shipment=shipment, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("ETA moved. The rep is told; copy the message below to the buyer."))
            return to_shipment(request, shipment, "#eta-draft")
    context = {"form": form, "shipment": shipment, "order": shipment.order}
    return render(request, "shipping/eta_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def shipment_release(request, shipment_id):
    shipment = access_shipment(request.membership, shipment_id)
    form = forms.ReleaseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return to_shipment(request, shipment, "#release")
    ok, _result = service_run(
        request,
        lambda: services.shipment_release(
            actor=request.membership, shipment=shipment, ip=client_ip(request), **form.cleaned_data
        ),
        success=_("The goods of %(number)s are released.") % {"number": shipment.number},
    )
    return to_shipment(request, shipment, "" if ok else "#release")
