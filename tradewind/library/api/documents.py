"""Documents under /api/v1/workspaces/{slug}/library: uploaded into a folder (a name already there is its
next version), listed, read with their versions, a new version, an old one restored, renamed, described,
tagged and moved, deleted to the trash and restored, downloaded (each download audited)."""

from uuid import UUID

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Status, UploadedFile
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers, file_answer
from tradewind.core.errors import ValidationFailed
from tradewind.crm.access import access_customer
from tradewind.files.responses import stored_file_response
from tradewind.library import selectors, services
from tradewind.library.access import access_document, access_folder, access_version
from tradewind.library.api.answers import document_out, version_out
from tradewind.library.api.router import BASE, router
from tradewind.library.api.schemas import (
    LibraryDocumentOut,
    LibraryDocumentPatch,
    LibrarySearchIn,
    LibraryUploadIn,
    LibraryVersionOut,
)
from tradewind.library.choices import LibraryAuditAction
from tradewind.library.search import DocumentSearch, document_search
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.models import Membership

IN_FOLDER = BASE + "/folders/{folder_id}/documents"
ONE = BASE + "/documents/{library_document_id}"  # shipping documents have {document_id}
VERSIONS = ONE + "/versions"


def _answer(m, slug: str, public_id) -> dict:
    return document_out(slug, access_document(m, public_id))


# Declared before the list: the path's upload limit is registered under this name (files/limits.py).
@router.post(
    IN_FOLDER,
    response=answers(LibraryDocumentOut, 403, 409, 413, status=201),
    summary="Upload a document",
    url_name="library_document_upload",
)
def library_document_upload(
    request, slug: str, folder_id: UUID, file: File[UploadedFile], fields: Form[LibraryUploadIn]
):
    """Multipart `file` (and optionally `comment`). A document of the same name in the folder gets it as its
    next version. 413: over the size limit (before it is read); 422: a program whatever its name, an empty
    file, over the workspace's storage quota (`quota_exceeded`); 403: you may not add to the folder."""
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    version = services.document_upload(actor=m, folder=folder, upload=file, comment=fields.comment)
    return Status(201, _answer(m, slug, version.document.public_id))


@router.get(
    IN_FOLDER,
    response=list[LibraryDocumentOut],
    summary="A folder's documents",
    url_name="library_document_list",
)
@paginate(PageWithCount)
def library_document_list(request, slug: str, folder_id: UUID):
    """By name; the trash's are left out."""
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    return MappedRows(selectors.documents(folder), lambda d: document_out(slug, d))


@router.get(ONE, response=LibraryDocumentOut, summary="One document", url_name="library_document_detail")
def library_document_detail(request, slug: str, library_document_id: UUID):
    return _answer(api_membership(request, slug), slug, library_document_id)


@router.patch(
    ONE,
    response=answers(LibraryDocumentOut, 403, 409),
    summary="Rename, describe, tag or move",
    url_name="library_document_update",
)
def library_document_update(request, slug: str, library_document_id: UUID, payload: LibraryDocumentPatch):
    """What is not sent stays. `folder` moves it (you must be allowed to add there too). 409: a document of
    that name is there."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    target = access_folder(m, payload.folder) if payload.folder is not None else None
    with transaction.atomic():  # a refused move undoes the rename sent with it
        services.document_update(
            actor=m, document=document, name=payload.name, description=payload.description, tags=payload.tags
        )
        if target is not None:
            services.document_move(actor=m, document=document, folder=target)
    return _answer(m, slug, library_document_id)


@router.delete(
    ONE,
    response=answers(LibraryDocumentOut, 403),
    summary="Delete to the trash",
    url_name="library_document_delete",
)
def library_document_delete(request, slug: str, library_document_id: UUID):
    m = api_membership(request, slug)
    document = services.document_delete(actor=m, document=access_document(m, library_document_id))
    return document_out(slug, document)


@router.post(
    BASE + "/trash/documents/{trashed_document_id}/restore",
    response=answers(LibraryDocumentOut, 403, 409),
    summary="Restore a document from the trash",
    url_name="library_document_restore",
)
def library_document_restore(request, slug: str, trashed_document_id: UUID):
    """409: its folder is in the trash, or a document of its name was added meanwhile."""
    m = api_membership(request, slug)
    document = access_document(m, trashed_document_id, trashed=True)
    services.document_restore(actor=m, document=document)
    return _answer(m, slug, trashed_document_id)


@router.post(
    VERSIONS,
    response=answers(LibraryVersionOut, 403, 409, 413, status=201),
    summary="Add a version",
    url_name="library_version_add",
)
def library_version_add(
    request, slug: str, library_document_id: UUID, file: File[UploadedFile], fields: Form[LibraryUploadIn]
):
    """Multipart `file` whatever its name (`comment` optional): the document's next version."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    version = services.document_version_add(actor=m, document=document, upload=file, comment=fields.comment)
    return Status(201, version_out(slug, document, version))


@router.get(
    VERSIONS,
    response=list[LibraryVersionOut],
    summary="A document's versions",
    url_name="library_version_list",
)
def library_version_list(request, slug: str, library_document_id: UUID):
    """Newest first."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    return [
        version_out(slug, document, v) for v in document.versions.select_related("file", "created_by__user")
    ]


@router.post(
    VERSIONS + "/{version_id}/restore",
    response=answers(LibraryVersionOut, 403, 409, status=201),
    summary="Make an old version current again",
    url_name="library_version_restore",
)
def library_version_restore(request, slug: str, library_document_id: UUID, version_id: UUID):
    """It is added again on top (the versions after it stay in the history)."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    version = services.document_version_restore(
        actor=m, document=document, version=access_version(m, document, version_id)
    )
    return Status(201, version_out(slug, document, version))


def _download(request, m, document, version):
    if version is None:
        raise Http404
    audit_record(
        workspace=m.workspace,
        actor=request.user,
        action=LibraryAuditAction.DOCUMENT_DOWNLOADED,
        target=str(document.public_id),
        ip=request.META.get("REMOTE_ADDR"),
        data={"name": document.name, "version": version.number},
    )
    return stored_file_response(version.file)


@router.get(
    ONE + "/download",
    response={200: None},
    openapi_extra=file_answer("application/octet-stream"),
    summary="Download the current version",
    url_name="library_document_download",
)
def library_document_download(request, slug: str, library_document_id: UUID):
    """Always an attachment, typed by its content; audited."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    return _download(request, m, document, document.current)


@router.get(
    VERSIONS + "/{version_id}/download",
    response={200: None},
    openapi_extra=file_answer("application/octet-stream"),
    summary="Download a version",
    url_name="library_version_download",
)
def library_version_download(request, slug: str, library_document_id: UUID, version_id: UUID):
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    return _download(request, m, document, access_version(m, document, version_id))


@router.get(
    VERSIONS + "/{version_id}/thumbnail",
    response={200: None},
    openapi_extra=file_answer("image/jpeg"),
    summary="A version's thumbnail",
    url_name="library_version_thumbnail",
)
def library_version_thumbnail(request, slug: str, library_document_id: UUID, version_id: UUID):
    """404 when the version has none (see `thumbnail` in its description)."""
    m = api_membership(request, slug)
    version = access_version(m, access_document(m, library_document_id), version_id)
    if version.thumbnail is None:
        raise Http404
    return stored_file_response(version.thumbnail, unchanging=True)


@router.get(
    BASE + "/search", response=list[LibraryDocumentOut], summary="Search documents", url_name="library_search"
)
@paginate(PageWithCount)
def library_search(request, slug: str, filters: Query[LibrarySearchIn]):
    """Every word must be in the name, a tag, the description or the text inside the current version (PDF,
    Word, Excel, CSV, text; "报关" finds 报关单, "muller" finds Müller). Only folders you may read; the latest
    changed first. 422: the first date after the last."""
    m = api_membership(request, slug)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationFailed(_("The first date comes after the last."), field="date_from")
    uploader = customer = None
    if filters.uploader:
        uploader = Membership.objects.filter(workspace_id=m.workspace_id, public_id=filters.uploader).first()
        if uploader is None:
            raise Http404
    if filters.customer:
        customer = access_customer(m, filters.customer)
    search = DocumentSearch(
        q=filters.q, kind=filters.kind, uploader=uploader, customer=customer,
        folder=access_folder(m, filters.folder) if filters.folder else None,
        date_from=filters.date_from, date_to=filters.date_to,
    )  # fmt: skip
    found = document_search(membership=m, search=search).prefetch_related("tags")
    return MappedRows(found, lambda d: document_out(slug, d))
