"""A shipment's documents under /api/v1/: the checklist, recomputing it, adding a document; one document's
owner, due date, tracking, status and file versions; the commercial invoice and packing list (PDFs and their
figures). Whoever may see the order reads; the documents clerk and the leads change; logistics uploads."""

from uuid import UUID

from django.urls import reverse
from ninja import File, Form, Status, UploadedFile

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.files.responses import stored_file_response
from tradewind.trade.api.answers import member_ref
from tradewind.trade.api.documents import PDF_ANSWER, file_answer, pdf_response
from tradewind.trade.choices import DocumentLanguage
from tradewind.trade.shipdocs import selectors, services
from tradewind.trade.shipdocs.access import access_document, access_shipment, access_version
from tradewind.trade.shipdocs.api.router import router
from tradewind.trade.shipdocs.api.schemas import (
    ShipdocsChecklistOut,
    ShipdocsDocumentIn,
    ShipdocsDocumentOut,
    ShipdocsDocumentPatch,
    ShipdocsFiguresOut,
    ShipdocsStatusIn,
    ShipdocsSyncOut,
    ShipdocsVersionOut,
)
from tradewind.trade.shipdocs.checklist import reason_text
from tradewind.trade.shipdocs.figures import shipment_figures
from tradewind.trade.shipdocs.pdf import pdf_file_name, shipment_pdf
from tradewind.workspaces.access import access_membership

SHIPMENT = "/workspaces/{slug}/shipments/{shipment_id}/documents"
ONE = "/workspaces/{slug}/shipping-documents/documents/{document_id}"


def _version_out(slug, document, version) -> dict:
    return {
        "id": version.public_id,
        "number": version.number,
        "name": version.file.original_name,
        "size": version.file.size,
        "content_type": version.file.content_type,
        "note": version.note,
        "uploaded_by": member_ref(version.uploaded_by),
        "created_at": version.created_at,
        "url": reverse(
            "api:shipdocs_version_file",
            kwargs={
                "slug": slug,
                "document_id": document.public_id,
                "document_version_id": version.public_id,
            },
        ),
    }


def document_out(slug, document, shipment=None) -> dict:
    shipment = shipment or document.shipment
    versions = document.versions.all()
    return {
        "id": document.public_id,
        "shipment": {"id": shipment.public_id, "name": shipment.number},
        "kind": document.kind,
        "name": document.display_name,
        "origin_type": document.origin_type or None,
        "required": document.required,
        "source": document.source,
        "reasons": [reason_text(r) for r in document.reasons or []],
        "owner": member_ref(document.owner),
        "status": document.status,
        "status_changed_at": document.status_changed_at,
        "due_on": document.due_on,
        "due_from_lc": document.due_from_lc,
        "courier": document.courier,
        "tracking_number": document.tracking_number,
        "originals_sent_on": document.originals_sent_on,
        "notes": document.notes,
        "versions": [_version_out(slug, document, v) for v in versions],
    }


def _checklist(slug, shipment) -> dict:
    documents = selectors.shipment_documents(shipment)
    progress = selectors.progress_of(documents)
    return {
        "shipment": {"id": shipment.public_id, "name": shipment.number},
        "progress": {"done": progress.done, "total": progress.total},
        "stale": selectors.checklist_stale(shipment, documents) if documents else [],
        "documents": [document_out(slug, d, shipment) for d in documents],
    }


def _fresh(m, document):
    return access_document(m, document.public_id)


@router.get(
    SHIPMENT, response=ShipdocsChecklistOut, url_name="shipdocs_checklist", summary="A shipment's documents"
)
def checklist(request, slug: str, shipment_id: UUID):
    """The documents in the checklist's order, with their files; `stale` says what recomputing would change
    (the rules or the shipment changed since)."""
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    return _checklist(slug, shipment)


@router.post(
    SHIPMENT + "/sync",
    response=answers(ShipdocsSyncOut, 403),
    url_name="shipdocs_sync",
    summary="Recompute the checklist from the rules",
)
def sync(request, slug: str, shipment_id: UUID):
    """Creates the documents the rules ask for (owned by the order's documents clerk), removes the ones they
    no longer ask for unless work was done on them (those are kept, `required` false). Idempotent."""
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    result = services.shipment_documents_sync(shipment=shipment, actor=m)
    return {
        **_checklist(slug, shipment),
        "changed": result.changed,
        "added": len(result.added),
        "removed": len(result.removed),
        "kept": len(result.dropped),
    }


@router.post(
    SHIPMENT,
    response=answers(ShipdocsDocumentOut, 403, status=201),
    url_name="shipdocs_document_add",
    summary="Add a document the rules do not ask for",
)
def document_add(request, slug: str, shipment_id: UUID, payload: ShipdocsDocumentIn):
    m = api_membership(request, slug)
    shipment = access_shipment(m, shipment_id)
    data = payload.dict()
    data["owner"] = access_membership(m, payload.owner) if payload.owner else None
    data["origin_type"] = data["origin_type"] or ""
    document = services.document_add(actor=m, shipment=shipment, **data)
    return Status(201, document_out(slug, _fresh(m, document)))


@router.get(
    SHIPMENT + "/figures",
    response=ShipdocsFiguresOut,
    url_name="shipdocs_figures",
    summary="The invoice's and packing list's figures",
)
def figures(request, slug: str, shipment_id: UUID):
    """What the CI and the PL print, computed once for both: each line's amount and packing, the totals,
    the containers, and what does not add up."""
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    found = shipment_figures(shipment)

    def text(value, places):
        return None if value is None else f"{value:.{places}f}"

    return {
        "currency": found.currency,
        "total": f"{found.total:f}",
        "cartons": found.cartons,
        "net_kg": text(found.net_kg, 2) if found.net_complete else None,
        "gross_kg": text(found.gross_kg, 2),
        "cbm": text(found.cbm, 4),
        "lines": [
            {
                "position": r.position,
                "sku": r.sku,
                "name": r.name,
                "hs_code": r.hs_code,
                "unit": r.unit,
                "quantity": text(r.quantity, 3),
                "unit_price": text(r.unit_price, 4),
                "discount_percent": text(r.discount_percent, 2),
                "amount": f"{r.amount:f}",
                "cartons": r.cartons,
                "net_kg": text(r.net_kg, 2),
                "gross_kg": text(r.gross_kg, 2),
                "cbm": text(r.cbm, 4),
            }
            for r in found.rows
        ],
        "containers": [
            {
                "container_type": c.container_type,
                "number": c.number,
                "seal_number": c.seal_number,
                "cartons": c.cartons,
                "gross_kg": text(c.gross_kg, 2),
                "cbm": text(c.cbm, 4),
            }
            for c in found.containers
        ],
        "warnings": found.warnings(),
    }


def _pdf(request, slug, shipment_id, kind, language):
    shipment = access_shipment(api_membership(request, slug), shipment_id)
    chosen = language.value if language is not None else shipment.order.language
    return pdf_response(
        shipment_pdf(shipment, kind=kind, language=chosen), pdf_file_name(shipment, kind)[:-4]
    )


@router.get(
    SHIPMENT + "/commercial-invoice",
    response={200: None},
    openapi_extra=PDF_ANSWER,
    url_name="shipdocs_invoice_pdf",
    summary="The commercial invoice (PDF)",
)
def invoice_pdf(request, slug: str, shipment_id: UUID, language: DocumentLanguage | None = None):
    """In the order's language, or in `language` (this download only)."""
    return _pdf(request, slug, shipment_id, "invoice", language)


@router.get(
    SHIPMENT + "/packing-list",
    response={200: None},
    openapi_extra=PDF_ANSWER,
    url_name="shipdocs_packing_list_pdf",
    summary="The packing list (PDF)",
)
def packing_list_pdf(request, slug: str, shipment_id: UUID, language: DocumentLanguage | None = None):
    """In the order's language, or in `language` (this download only)."""
    return _pdf(request, slug, shipment_id, "packing_list", language)


@router.get(ONE, response=ShipdocsDocumentOut, url_name="shipdocs_document_detail", summary="One document")
def document_detail(request, slug: str, document_id: UUID):
    return document_out(slug, access_document(api_membership(request, slug), document_id))


@router.patch(
    ONE,
    response=answers(ShipdocsDocumentOut, 403),
    url_name="shipdocs_document_update",
    summary="Change a document's owner, due date, tracking or notes",
)
def document_update(request, slug: str, document_id: UUID, payload: ShipdocsDocumentPatch):
    """The fields you send; `owner` null takes the document from its owner. 422 for a due date the L/C
    sets."""
    m = api_membership(request, slug)
    document = access_document(m, document_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    for key in ("name", "courier", "tracking_number", "notes"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    if changes.get("owner"):
        changes["owner"] = access_membership(m, changes["owner"])
    services.document_update(actor=m, document=document, **changes)
    return document_out(slug, _fresh(m, document))


@router.delete(ONE, response=answers(None, 403, 409, status=204), url_name="shipdocs_document_delete")
def document_delete(request, slug: str, document_id: UUID):
    """A document added by hand, or one the rules dropped; 409 for one the rules ask for."""
    m = api_membership(request, slug)
    services.document_delete(actor=m, document=access_document(m, document_id))
    return Status(204, None)


@router.post(
    ONE + "/status",
    response=answers(ShipdocsDocumentOut, 403, 409),
    url_name="shipdocs_document_status",
    summary="Move a document along its statuses",
)
def document_status(request, slug: str, document_id: UUID, payload: ShipdocsStatusIn):
    """to_prepare → drafted → checked → sent_to_buyer → original_sent (back to an earlier one corrects a
    slip). 422: from `checked` on without a file (the CI and PL keep their generated PDF); `original_sent`
    without courier and tracking number. 409: the status it has already, or the original B/L while the
    buyer owes the balance without a manager's `override_reason`."""
    m = api_membership(request, slug)
    document = access_document(m, document_id)
    services.document_status_set(actor=m, document=document, **payload.dict())
    return document_out(slug, _fresh(m, document))


@router.post(
    ONE + "/versions",
    response=answers(ShipdocsVersionOut, 403, status=201),
    url_name="shipdocs_version_add",
    summary="Upload a new version of the document's file",
)
def version_add(request, slug: str, document_id: UUID, file: File[UploadedFile], note: Form[str] = ""):
    """Multipart, field `file` (an accepted type within the attachment limit; 413 over it), `note`
    optional. The first file of a document to prepare makes it a draft."""
    m = api_membership(request, slug)
    document = access_document(m, document_id)
    version = services.document_version_add(actor=m, document=document, upload=file, note=note)
    return Status(201, _version_out(slug, document, version))


@router.get(
    ONE + "/versions/{document_version_id}",
    response={200: None},
    url_name="shipdocs_version_file",
    openapi_extra=file_answer("The file, as a download; typed by its content.", "*/*"),
    summary="Download a version",
)
def version_file(request, slug: str, document_id: UUID, document_version_id: UUID):
    m = api_membership(request, slug)
    document = access_document(m, document_id)
    return stored_file_response(access_version(m, document, document_version_id).file)
