"""The buttons and small forms of a case's page: its status, its resolution, its photos, and deducting a
credit note from a later order."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.aftersales import forms, services
from tradewind.trade.aftersales.access import access_case, access_case_photo, access_credit
from tradewind.trade.aftersales.views.cases import detail_context, to_case
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_POST
def case_status(request, case_id):
    me = request.membership
    case = access_case(me, case_id)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return to_case(request, case)
    status = form.cleaned_data["status"]
    service_run(
        request,
        lambda: services.case_set_status(actor=me, case=case, status=status),
        success=_("Status changed."),
    )
    return to_case(request, case)


@workspace_view
@require_POST
def case_resolve(request, case_id):
    """The resolution form; refused, the case's page again with the form and its errors."""
    me = request.membership
    case = access_case(me, case_id)
    form = forms.ResolveForm(request.POST, currency=case.currency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_resolve(
                actor=me,
                case=case,
                resolution=data["resolution"],
                agreed_amount=data["agreed_amount"],
                note=data["note"],
                confirm_above_claim=data["confirm_above_claim"],
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Case %(number)s closed.") % {"number": case.number})
            return to_case(request, case)
    case = access_case(me, case_id)
    return render(
        request, "aftersales/detail.html", detail_context(request, case, resolve_form=form), status=400
    )


@workspace_view
@require_POST
def photo_add(request, case_id):
    me = request.membership
    case = access_case(me, case_id)
    uploads = request.FILES.getlist("file")
    if not uploads:
        messages.error(request, _("Choose a photo to add."))
        return to_case(request, case, "#photos")
    for upload in uploads[:10]:
        ok, _photo = service_run(
            request, lambda u=upload: services.case_photo_add(actor=me, case=case, upload=u)
        )
        if not ok:
            break
    else:
        messages.success(request, _("Photos added."))
    return to_case(request, case, "#photos")


def _photo_response(request, case_id, case_photo_id, *, thumbnail: bool):
    case = access_case(request.membership, case_id)
    photo = access_case_photo(request.membership, case, case_photo_id)
    return stored_file_response(photo.thumbnail if thumbnail else photo.file, unchanging=True)


@workspace_view
@require_GET
def photo_file(request, case_id, case_photo_id):
    return _photo_response(request, case_id, case_photo_id, thumbnail=False)


@workspace_view
@require_GET
def photo_thumbnail(request, case_id, case_photo_id):
    return _photo_response(request, case_id, case_photo_id, thumbnail=True)


@workspace_view
@require_POST
def photo_remove(request, case_id, case_photo_id):
    me = request.membership
    case = access_case(me, case_id)
    photo = access_case_photo(me, case, case_photo_id)
    service_run(
        request, lambda: services.case_photo_remove(actor=me, photo=photo), success=_("Photo removed.")
    )
    return to_case(request, case, "#photos")


@workspace_view
@require_POST
def credit_apply(request, credit_id):
    """Deduct a credit note from the order chosen (from the case's page or the order's)."""
    me = request.membership
    credit = access_credit(me, credit_id)
    form = forms.ApplyCreditForm(request.POST)
    back_to_order = request.POST.get("back") == "order"
    if not form.is_valid():
        messages.error(request, _("Choose the order to deduct the credit note from."))
    else:
        try:
            order = access_order(me, form.cleaned_data["order"])
        except Http404:
            messages.error(request, _("Choose an order of this workspace."))
        else:
            service_run(
                request,
                lambda: services.credit_apply(actor=me, credit=credit, order=order),
                success=_("Credit note %(credit)s deducted from %(order)s.")
                % {"credit": credit.number, "order": order.number},
            )
            if back_to_order:
                return redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
    return to_case(request, credit.case, "#credit")
