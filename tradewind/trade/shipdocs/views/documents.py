"""A shipment's documents page: the checklist with its statuses, owners, files and tracking, the recompute
button, the CI and PL (PDFs) — and each document's own actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.files.responses import stored_file_response
from tradewind.trade.shipdocs import forms, permissions, selectors, services
from tradewind.trade.shipdocs.access import (
    access_document,
    access_shipment,
    access_version,
    letter_of_credit_of,
)
from tradewind.trade.shipdocs.choices import DocumentStatus
from tradewind.trade.shipdocs.figures import shipment_figures
from tradewind.trade.shipdocs.pdf import pdf_file_name, shipment_pdf
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


def holders(workspace) -> list[Membership]:
    """Who may be named a document's owner: the documents clerk, logistics and the leads."""
    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related("user")
    return [m for m in members if permissions.can_hold_documents(m)]


def _to(request, shipment, anchor: str = ""):
    url = reverse("shipdocs:shipment_documents", args=[request.workspace.slug, shipment.public_id])
    return redirect(url + anchor)


@workspace_view
@require_GET
def shipment_documents(request, shipment_id):
    me = request.membership
    shipment = access_shipment(me, shipment_id)
    order = shipment.order
    documents = selectors.shipment_documents(shipment)
    figures = shipment_figures(shipment)
    letter = letter_of_credit_of(order)
    can_change = permissions.can_change_documents(me, order)
    context = {
        "shipment": shipment,
        "order": order,
        "documents": documents,
        "progress": selectors.progress_of(documents),
        "stale": selectors.checklist_stale(shipment, documents) if documents else [],
        "figures": figures,
        "figure_warnings": figures.warnings(),
        "letter": letter,
        "letter_warnings": selectors.letter_warnings(letter, order, [shipment]),
        "deadline": letter.presentation_deadline(shipment.bl_date) if letter else None,
        "can_change": can_change,
        "can_upload": permissions.can_upload_documents(me, order),
        "can_release_unpaid": permissions.can_release_unpaid(me),
        "statuses": DocumentStatus.choices,
        "add_form": forms.AddDocumentForm(),
    }
    return render(request, "shipdocs/shipment_documents.html", context)


@workspace_view
@require_POST
def sync(request, shipment_id):
    shipment = access_shipment(request.membership, shipment_id)
    ok, result = service_run(
        request, lambda: services.shipment_documents_sync(shipment=shipment, actor=request.membership)
    )
    if ok:
        if result.changed:
            messages.success(
                request,
                _("Checklist recomputed: %(added)d added, %(removed)d removed.")
                % {"added": len(result.added), "removed": len(result.removed)},
            )
        else:
            messages.info(request, _("The checklist already follows the rules."))
    return _to(request, shipment)


@workspace_view
@require_POST
def add(request, shipment_id):
    shipment = access_shipment(request.membership, shipment_id)
    form = forms.AddDocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of document."))
        return _to(request, shipment)
    service_run(
        request,
        lambda: services.document_add(actor=request.membership, shipment=shipment, **form.cleaned_data),
        success=_("Document added."),
    )
    return _to(request, shipment)


@workspace_view
@require_POST
def status(request, document_id):
    document = access_document(request.membership, document_id)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list, and a valid date."))
    else:
        data = form.cleaned_data
        service_run(
            request,
            lambda: services.document_status_set(
                actor=request.membership,
                document=document,
                status=data["status"],
                courier=data["courier"] or None,
                tracking_number=data["tracking_number"] or None,
                sent_on=data["sent_on"],
                override_reason=data["override_reason"],
            ),
            success=_("%(document)s: %(status)s.")
            % {"document": document.display_name, "status": DocumentStatus(data["status"]).label},
        )
    return _to(request, document.shipment, f"#document-{document.public_id}")


@workspace_view
@require_http_methods(["GET", "POST"])
def edit(request, document_id):
    me = request.membership
    document = access_document(me, document_id)
    if not permissions.can_change_documents(me, document.shipment.order):
        raise Http404
    initial = {
        "name": document.name,
        "owner": str(document.owner.public_id) if document.owner else "",
        "due_on": document.due_on,
        "courier": document.courier,
        "tracking_number": document.tracking_number,
        "notes": document.notes,
    }
    form = forms.DocumentForm(request.POST or None, initial=initial, holders=holders(request.workspace))
    if document.due_from_lc:
        form.fields["due_on"].disabled = True
        form.fields["due_on"].help_text = _("The L/C's presentation deadline.")
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        if document.due_from_lc:
            values.pop("due_on")
        try:
            services.document_update(actor=me, document=document, **values)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to(request, document.shipment, f"#document-{document.public_id}")
    context = {"form": form, "document": document, "shipment": document.shipment}
    return render(request, "shipdocs/document_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def upload(request, document_id):
    document = access_document(request.membership, document_id)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
    else:
        service_run(
            request,
            lambda: services.document_version_add(
                actor=request.membership,
                document=document,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            ),
            success=_("File uploaded."),
        )
    return _to(request, document.shipment, f"#document-{document.public_id}")


@workspace_view
@require_GET
def version_file(request, document_id, document_version_id):
    document = access_document(request.membership, document_id)
    return stored_file_response(access_version(request.membership, document, document_version_id).file)


@workspace_view
@require_POST
def delete(request, document_id):
    document = access_document(request.membership, document_id)
    service_run(
        request,
        lambda: services.document_delete(actor=request.membership, document=document),
        success=_("Document removed."),
    )
    return _to(request, document.shipment)


def _pdf(request, shipment_id, kind: str):
    shipment = access_shipment(request.membership, shipment_id)
    language = request.GET.get("language") or shipment.order.language
    response = HttpResponse(
        shipment_pdf(shipment, kind=kind, language=language), content_type="application/pdf"
    )
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{pdf_file_name(shipment, kind)}"'
    return response


@workspace_view
@require_GET
def invoice_pdf(request, shipment_id):
    return _pdf(request, shipment_id, "invoice")


@workspace_view
@require_GET
def packing_list_pdf(request, shipment_id):
    return _pdf(request, shipment_id, "packing_list")
