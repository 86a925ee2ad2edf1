"""The QC pages: the inspections a member may see, booking one for an order, an inspection with its result,
report and photos, and a manager accepting the risk of a failed one."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
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
from tradewind.core.pagination import paginate
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.choices import OrderStatus
from tradewind.trade.production import forms, permissions, selectors, services
from tradewind.trade.production.access import access_inspection, access_inspection_photo, access_production
from tradewind.trade.production.choices import InspectionResult
from tradewind.trade.production.models import Production
from tradewind.workspaces.access import workspace_view

BOOKING_FIELDS = ("agency", "agency_name", "kind", "inspector", "inspected_on", "notes")


def _to(request, inspection, anchor=""):
    return redirect(
        reverse("production:inspection", args=[request.workspace.slug, inspection.public_id]) + anchor
    )


def _production_of(request, order, form) -> Production | None:
    value = form.cleaned_data.get("production")
    return access_production(request.membership, order, value) if value else None


@workspace_view
@require_GET
def inspection_list(request):
    me = request.membership
    form = forms.InspectionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.InspectionFilters(q=data.get("q", ""), result=data.get("result", ""))
    context = {
        "filter_form": form,
        "page": paginate(selectors.inspection_list(membership=me, filters=filters), request),
        "filtered": bool(data.get("q") or data.get("result")),
    }
    template = (
        "production/inspection_list.html#inspection-table"
        if request.htmx
        else "production/inspection_list.html"
    )
    return render(request, template, context)


@workspace_view
@require_http_methods(["GET", "POST"])
def inspection_create(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    if not permissions.can_work_production(me, order):
        raise Http404
    if order.status != OrderStatus.CONFIRMED:
        messages.error(request, _("Inspections are booked for confirmed orders."))
        return redirect(
            reverse("trade:order", args=[request.workspace.slug, order.public_id]) + "#production"
        )
    productions = list(order.productions.select_related("supplier"))
    initial = {"inspected_on": timezone.localdate()}
    wanted = request.GET.get("production", "")
    if any(str(p.public_id) == wanted for p in productions):
        initial["production"] = wanted  # a re-inspection at the same factory
    elif len(productions) == 1:
        initial["production"] = str(productions[0].public_id)
    form = forms.InspectionForm(request.POST or None, initial=initial, productions=productions)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in BOOKING_FIELDS}
        try:
            inspection = services.inspection_book(
                actor=me, order=order, production=_production_of(request, order, form), **values
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Inspection booked."))
            return _to(request, inspection)
    context = {"form": form, "order": order}
    return render(request, "production/inspection_form.html", context, status=400 if form.errors else 200)


def _detail(request, inspection, *, result_form=None, status=200):
    me = request.membership
    order = inspection.order
    can_work = permissions.can_work_production(me, order) and order.status == OrderStatus.CONFIRMED
    initial = {"result": inspection.result, "defects": inspection.defects} if inspection.decided else {}
    context = {
        "inspection": inspection,
        "order": order,
        "photos": list(inspection.photos.all()),
        "can_work": can_work,
        "can_accept": permissions.can_accept_qc_risk(me, order)
        and inspection.result == InspectionResult.FAIL
        and inspection.risk_accepted_at is None
        and order.status == OrderStatus.CONFIRMED,
        "result_form": result_form or forms.ResultForm(initial=initial),
        "risk_form": forms.RiskForm(),
        "blocked": selectors.inspection_blocks_booking(order),
        "events": activity_page(
            workspace_id=order.workspace_id, subject=("trade.order", order.public_id), limit=30
        ),
    }
    return render(request, "production/inspection_detail.html", context, status=status)


@workspace_view
@require_GET
def inspection_detail(request, inspection_id):
    return _detail(request, access_inspection(request.membership, inspection_id))


@workspace_view
@require_http_methods(["GET", "POST"])
def inspection_edit(request, inspection_id):
    me = request.membership
    inspection = access_inspection(me, inspection_id)
    order = inspection.order
    if not permissions.can_work_production(me, order):
        raise Http404
    productions = list(order.productions.select_related("supplier"))
    initial = {key: getattr(inspection, key) for key in BOOKING_FIELDS}
    initial["production"] = str(inspection.production.public_id) if inspection.production else ""
    form = forms.InspectionForm(request.POST or None, initial=initial, productions=productions)
    if request.method == "POST" and form.is_valid():
        changes = {key: form.cleaned_data[key] for key in BOOKING_FIELDS}
        try:
            services.inspection_update(
                actor=me, inspection=inspection, production=_production_of(request, order, form), **changes
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to(request, inspection)
    context = {"form": form, "order": order, "inspection": inspection}
    return render(request, "production/inspection_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def inspection_result(request, inspection_id):
    """The result with the defects, and the report and photos sent with it; a refusal shows on the
    inspection's page with what was typed."""
    inspection = access_inspection(request.membership, inspection_id)
    form = forms.ResultForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.inspection_record_result(
                actor=request.membership,
                inspection=inspection,
                result=form.cleaned_data["result"],
                defects=form.cleaned_data["defects"],
                report=form.cleaned_data.get("report"),
                photos=request.FILES.getlist("photos"),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Result recorded."))
            return _to(request, inspection)
    return _detail(
        request, access_inspection(request.membership, inspection_id), result_form=form, status=400
    )


@workspace_view
@require_POST
def inspection_attach(request, inspection_id):
    """Add the report (replacing one) and/or photos after the result."""
    me = request.membership
    inspection = access_inspection(me, inspection_id)
    report, photos = request.FILES.get("report"), request.FILES.getlist("photos")
    if report is None and not photos:
        messages.error(request, _("Choose the report or photos to attach."))
        return _to(request, inspection, "#files")

    def attach():
        with transaction.atomic():  # both or neither
            _attach()

    def _attach():
        if report is not None:
            services.inspection_report_attach(actor=me, inspection=inspection, upload=report)
        if photos:
            services.inspection_photos_add(actor=me, inspection=inspection, uploads=photos)

    service_run(request, attach, success=_("Attached."))
    return _to(request, inspection, "#files")


@workspace_view
@require_POST
def inspection_accept_risk(request, inspection_id):
    inspection = access_inspection(request.membership, inspection_id)
    service_run(
        request,
        lambda: services.inspection_accept_risk(
            actor=request.membership, inspection=inspection, reason=request.POST.get("reason", "")
        ),
        success=_("The risk is accepted: booking may go on."),
    )
    return _to(request, inspection)


@workspace_view
@require_GET
def inspection_report(request, inspection_id):
    inspection = access_inspection(request.membership, inspection_id)
    if inspection.report is None:
        raise Http404
    return stored_file_response(inspection.report)


@workspace_view
@require_GET
def inspection_photo(request, inspection_id, inspection_photo_id, size):
    if size not in ("image", "thumbnail"):
        raise Http404
    inspection = access_inspection(request.membership, inspection_id)
    photo = access_inspection_photo(request.membership, inspection, inspection_photo_id)
    return stored_file_response(photo.thumbnail if size == "thumbnail" else photo.file, unchanging=True)
