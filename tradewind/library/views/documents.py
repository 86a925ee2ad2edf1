"""Document pages: uploading into a folder (one file or many; a name already there is its next version),
a document with its versions, and what changes it; the download, audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.files.responses import stored_file_response
from tradewind.library import permissions, selectors, services
from tradewind.library.access import access_document, access_folder, access_version
from tradewind.library.choices import LibraryAuditAction
from tradewind.library.forms import DocumentForm, MoveForm, VersionForm
from tradewind.library.views.common import destinations, to_document, to_folder, to_trash
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.audit import audit_record


@workspace_view
@require_POST
def upload(request, folder_id):
    """Every file of the form into the folder. The page's script sends one file a request (with its
    progress bar); without it the form sends them all at once. What was refused is said, file by file."""
    me = request.membership
    folder = access_folder(me, folder_id)
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("Choose one or more files first."))
        return to_folder(request, folder)
    kept = 0
    for f in files:
        try:
            services.document_upload(
                actor=me, folder=folder, upload=f, comment=request.POST.get("comment", "")
            )
        except ApplicationError as error:
            for each in error.each():
                messages.error(request, str(each.message))
        else:
            kept += 1
    if kept:
        messages.success(request, ngettext("%(n)d file added.", "%(n)d files added.", kept) % {"n": kept})
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return HttpResponse(status=204)  # the script reloads the page once all are sent: the messages wait
    return to_folder(request, folder)


@workspace_view
@require_GET
def document(request, library_document_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    can_write = permissions.can_write(me, doc.folder)
    context = {
        "document": doc,
        "crumbs": selectors.breadcrumbs(me, doc.folder),
        "versions": list(doc.versions.select_related("file", "created_by__user")),
        "tags": list(doc.tags.all()),
        "can_write": can_write,
        "form": DocumentForm(
            initial={
                "name": doc.name,
                "description": doc.description,
                "tags": ", ".join(t.name for t in doc.tags.all()),
            }
        ),
        "version_form": VersionForm(),
        "preview": preview_kind(doc.current),
    }
    return render(request, "library/document.html", context)


@workspace_view
@require_POST
def document_edit(request, library_document_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return to_document(request, doc)
    data = form.cleaned_data
    service_run(
        request,
        lambda: services.document_update(
            actor=me, document=doc, name=data["name"], description=data["description"], tags=form.tag_list()
        ),
        success=_("Saved."),
    )
    return to_document(request, doc)


@workspace_view
@require_http_methods(["GET", "POST"])
def document_move(request, library_document_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    if not permissions.can_write(me, doc.folder):
        raise Http404
    form = MoveForm(request.POST or None, destinations=destinations(me))
    if request.method == "POST" and form.is_valid():
        target = access_folder(me, form.cleaned_data["to"])
        ok, _moved = service_run(
            request,
            lambda: services.document_move(actor=me, document=doc, folder=target),
            success=_("Moved."),
        )
        if ok:
            return to_document(request, doc)
    context = {"document": doc, "form": form, "crumbs": selectors.breadcrumbs(me, doc.folder)}
    return render(request, "library/move.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def document_delete(request, library_document_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    ok, _deleted = service_run(
        request,
        lambda: services.document_delete(actor=me, document=doc),
        success=_("“%(name)s” is in the trash.") % {"name": doc.name},
    )
    return to_folder(request, doc.folder) if ok else to_document(request, doc)


@workspace_view
@require_POST
def document_restore(request, trashed_document_id):
    me = request.membership
    doc = access_document(me, trashed_document_id, trashed=True)
    ok, _restored = service_run(
        request, lambda: services.document_restore(actor=me, document=doc), success=_("Document restored.")
    )
    return to_document(request, doc) if ok else to_trash(request)


@workspace_view
@require_POST
def version_add(request, library_document_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file of the new version."))
        return to_document(request, doc)
    service_run(
        request,
        lambda: services.document_version_add(
            actor=me, document=doc, upload=form.cleaned_data["file"], comment=form.cleaned_data["comment"]
        ),
        success=_("New version added."),
    )
    return to_document(request, doc)


@workspace_view
@require_POST
def version_restore(request, library_document_id, version_id):
    me = request.membership
    doc = access_document(me, library_document_id)
    version = access_version(me, doc, version_id)
    service_run(
        request,
        lambda: services.document_version_restore(actor=me, document=doc, version=version),
        success=_("Version %(n)d is the current one again.") % {"n": version.number},
    )
    return to_document(request, doc)


@workspace_view
@require_GET
def download(request, library_document_id, version_id=None):
    """The current version, or the one asked for; every download is in the audit log."""
    me = request.membership
    doc = access_document(me, library_document_id)
    version = access_version(me, doc, version_id) if version_id else doc.current
    if version is None:
        raise Http404
    audit_record(
        workspace=request.workspace,
        actor=request.user,
        action=LibraryAuditAction.DOCUMENT_DOWNLOADED,
        target=str(doc.public_id),
        ip=request.META.get("REMOTE_ADDR"),
        data={"name": doc.name, "version": version.number},
    )
    return stored_file_response(version.file, unchanging=version_id is not None)


@workspace_view
@require_GET
def version_thumbnail(request, library_document_id, version_id):
    """A version's small picture (files/thumbnails.py); a version never changes, so the browser keeps it."""
    me = request.membership
    version = access_version(me, access_document(me, library_document_id), version_id)
    if version.thumbnail is None:
        raise Http404
    return stored_file_response(version.thumbnail, unchanging=True)


# What a browser shows in the page itself. Images: never SVG (it runs scripts); PDFs in the browser's own
# viewer. Everything else is downloaded, and office files are previewed as the text read from them.
INLINE_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
INLINE_TYPES = INLINE_IMAGES | {"application/pdf"}


def preview_kind(version) -> str:
    content_type = version.file.content_type if version else ""
    if content_type in INLINE_IMAGES:
        return "image"
    if content_type == "application/pdf":
        return "pdf"
    return "text" if version and version.text else ""


@workspace_view
@require_GET
@xframe_options_sameorigin  # the document's page frames its PDF
def inline(request, library_document_id):
    """The current version shown in the page (an image or a PDF, by its content's type): the same file as
    the download, told to the browser as inline, with nothing allowed to run in our origin."""
    me = request.membership
    doc = access_document(me, library_document_id)
    version = doc.current
    if version is None or version.file.content_type not in INLINE_TYPES:
        raise Http404
    response = stored_file_response(version.file, inline=True)
    if version.file.content_type in INLINE_IMAGES:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    else:  # the PDF viewer needs its plugin: no sandbox, and still nothing fetched or run from the file
        response["Content-Security-Policy"] = (
            "default-src 'none'; object-src 'self'; plugin-types application/pdf"
        )
    return response
