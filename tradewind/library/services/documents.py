"""Documents: uploaded (a file of a name already in the folder is its next version), given a new version,
an old version restored (added again on top: history only grows), renamed, described and tagged, moved,
deleted to the trash and restored; the worker empties the trash after the workspace's retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.files.services import clean_file_name, stored_file_save
from tradewind.files.thumbnails import thumbnail_jpeg
from tradewind.library import permissions
from tradewind.library.choices import TextStatus
from tradewind.library.extraction import text_extract
from tradewind.library.models import FILE_NAME_LENGTH, Document, DocumentTag, DocumentVersion, Folder
from tradewind.library.search import document_search_text
from tradewind.library.services.common import clean_name, trash_days

TAG_LENGTH = 40
TAGS_PER_DOCUMENT = 20
COMMENT_LENGTH = 300


def _writable(actor, folder: Folder, what: str) -> None:
    if folder.deleted_at is not None:
        raise Conflict(_("That folder is in the trash."))
    if not permissions.can_write(actor, folder):
        raise PermissionDenied(what)


def _comment(comment: str) -> str:
    comment = " ".join((comment or "").split())
    if len(comment) > COMMENT_LENGTH:
        raise ValidationFailed(
            _("A comment has at most %(n)d characters.") % {"n": COMMENT_LENGTH}, field="comment"
        )
    return comment


def _version_add(actor, document: Document, stored, comment: str) -> DocumentVersion:
    """The next version on top; the document's row is locked so two uploads never take the same number.
    Its text is read by the worker after the commit — or known already, for a version restored."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    known = (
        DocumentVersion.objects.filter(file=stored)
        .exclude(text_status=TextStatus.PENDING)
        .values("text", "text_status", "thumbnail_id")
        .first()
    )
    version = DocumentVersion.objects.create(
        workspace_id=document.workspace_id,
        document=locked,
        number=locked.version_count + 1,
        file=stored,
        comment=comment,
        created_by=actor,
        **(known or {}),
    )
    locked.current, locked.version_count = version, locked.version_count + 1
    locked.save(update_fields=["current", "version_count", "updated_at"])
    document.current, document.version_count = version, locked.version_count  # the caller's copy too
    document_reindex(locked)
    if version.text_status == TextStatus.PENDING:
        from tradewind.library.tasks import library_text_read

        transaction.on_commit(lambda: library_text_read(version.pk))
    return version


def document_reindex(document: Document) -> None:
    """The document's search text again, from its name, tags, description and current version's text."""
    tags = list(DocumentTag.objects.filter(document_id=document.pk).values_list("name", flat=True))
    text = DocumentVersion.objects.filter(pk=document.current_id).values_list("text", flat=True).first()
    search_text = document_search_text(document, tags, text or "")
    Document.objects.filter(pk=document.pk).update(search_text=search_text)


def document_version_read(*, version_id: int) -> None:
    """The worker's half of an upload: the text inside the version's file (extraction.py), then the
    document's search text if it is the current version."""
    version = (
        DocumentVersion.objects.select_related("file", "document__workspace", "created_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None or version.text_status != TextStatus.PENDING:
        return  # gone meanwhile, or read already (a retry)
    extracted = text_extract(version.file)
    thumbnail = _thumbnail_store(version)
    DocumentVersion.objects.filter(pk=version.pk).update(
        text=extracted.text, text_status=extracted.status, thumbnail=thumbnail
    )
    document = Document.objects.filter(pk=version.document_id).first()
    if document is not None and document.current_id == version.pk:
        document_reindex(document)


def _thumbnail_store(version: DocumentVersion):
    """The version's thumbnail kept as a file of its own, or None (no picture to show; or the workspace is
    at its quota, where a thumbnail is not worth refusing anything for)."""
    jpeg = thumbnail_jpeg(version.file)
    if jpeg is None:
        return None
    try:
        return stored_file_save(
            workspace=version.document.workspace,
            content=ContentFile(jpeg),
            name=f"{version.file.original_name.rsplit('.', 1)[0]}-thumbnail.jpg",
            max_bytes=settings.LIBRARY_FILE_MAX_BYTES,
            uploaded_by=version.created_by,
        )
    except ValidationFailed:
        return None


def _store(actor, upload, name: str):
    return stored_file_save(
        workspace=actor.workspace,
        content=upload,
        name=name,
        max_bytes=settings.LIBRARY_FILE_MAX_BYTES,
        uploaded_by=actor,
    )


@transaction.atomic
def document_upload(
    *, actor, folder: Folder, upload, comment: str = "", description: str = ""
) -> DocumentVersion:
    """A file into `folder`: a new document, or — when one of the same name is there — its next version."""
    _writable(actor, folder, _("You may not add to this folder."))
    name, key = clean_name(
        clean_file_name(getattr(upload, "name", "")), limit=FILE_NAME_LENGTH, field="file", replace=True
    )
    comment = _comment(comment)
    stored = _store(actor, upload, name)
    document = Document.objects.filter(folder=folder, name_key=key, deleted_at__isnull=True).first()
    if document is None:
        try:
            with transaction.atomic():
                document = Document.objects.create(
                    workspace_id=folder.workspace_id, folder=folder, name=stored.original_name, name_key=key,
                    description=description.strip(), created_by=actor,
                )  # fmt: skip
        except (
            IntegrityError
        ):  # the same name uploaded by someone else this instant: theirs, then ours on top
            document = Document.objects.get(folder=folder, name_key=key, deleted_at__isnull=True)
    return _version_add(actor, document, stored, comment)


@transaction.atomic
def document_version_add(*, actor, document: Document, upload, comment: str = "") -> DocumentVersion:
    """A new version of `document` whatever the file's name ("scan_0042.pdf" as the new contract)."""
    _writable(actor, document.folder, _("You may not change this document."))
    if document.deleted_at is not None:
        raise Conflict(_("This document is in the trash."))
    stored = _store(actor, upload, getattr(upload, "name", "") or document.name)
    return _version_add(actor, document, stored, _comment(comment))


@transaction.atomic
def document_version_restore(*, actor, document: Document, version: DocumentVersion) -> DocumentVersion:
    """Version N again, as the newest version (the ones after it stay in the history)."""
    _writable(actor, document.folder, _("You may not change this document."))
    if document.deleted_at is not None:
        raise Conflict(_("This document is in the trash."))
    if version.document_id != document.pk:
        raise ValidationFailed(_("Choose a version of this document."), field="version")
    if version.pk == document.current_id:
        return version
    comment = _("Version %(n)d restored") % {"n": version.number}
    return _version_add(actor, document, version.file, comment)


def _tags(tags) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split()).lstrip("#")
        if not tag:
            continue
        if len(tag) > TAG_LENGTH:
            raise ValidationFailed(_("A tag has at most %(n)d characters.") % {"n": TAG_LENGTH}, field="tags")
        found.setdefault(tag.casefold(), tag)
    if len(found) > TAGS_PER_DOCUMENT:
        raise ValidationFailed(_("At most %(n)d tags.") % {"n": TAGS_PER_DOCUMENT}, field="tags")
    return [(name, key) for key, name in found.items()]


@transaction.atomic
def document_update(*, actor, document: Document, name: str | None = None, description: str | None = None,
                    tags: list[str] | None = None) -> Document:  # fmt: skip
    """Rename, describe, tag (what is not given stays as it is)."""
    _writable(actor, document.folder, _("You may not change this document."))
    if document.deleted_at is not None:
        raise Conflict(_("This document is in the trash."))
    fields = ["updated_at"]
    if name is not None:
        document.name, document.name_key = clean_name(name, limit=FILE_NAME_LENGTH)
        fields += ["name", "name_key"]
    if description is not None:
        document.description = description.strip()
        fields.append("description")
    clean_tags = _tags(tags) if tags is not None else None
    try:
        with transaction.atomic():
            document.save(update_fields=fields)
    except IntegrityError:
        raise Conflict(
            _("There is already a document called “%(name)s” here.") % {"name": document.name}
        ) from None
    if clean_tags is not None:
        DocumentTag.objects.filter(document=document).delete()
        DocumentTag.objects.bulk_create(
            DocumentTag(workspace_id=document.workspace_id, document=document, name=n, name_key=k)
            for n, k in clean_tags
        )
    document_reindex(document)
    return document


@transaction.atomic
def document_move(*, actor, document: Document, folder: Folder) -> Document:
    """Into another folder, where the actor may write too (a customer's folder: then it follows that
    customer's visibility)."""
    _writable(actor, document.folder, _("You may not move this document."))
    _writable(actor, folder, _("You may not add to that folder."))
    if folder.workspace_id != document.workspace_id:
        raise ValidationFailed(_("Choose a folder of this workspace."), field="folder")
    document.folder = folder
    try:
        with transaction.atomic():
            document.save(update_fields=["folder", "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("There is already a document called “%(name)s” there.") % {"name": document.name}
        ) from None
    return document


@transaction.atomic
def document_delete(*, actor, document: Document) -> Document:
    _writable(actor, document.folder, _("You may not delete this document."))
    if document.deleted_at is None:
        document.deleted_at, document.deleted_by = timezone.now(), actor
        document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return document


@transaction.atomic
def document_restore(*, actor, document: Document) -> Document:
    _writable(actor, document.folder, _("You may not restore this document."))
    if document.deleted_at is None:
        return document
    document.deleted_at = document.deleted_by = None
    try:
        with transaction.atomic():
            document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("A document called “%(name)s” was added meanwhile; rename it, then restore.")
            % {"name": document.name}
        ) from None
    return document


def document_versions_read_late(*, before: dt.datetime | None = None) -> int:
    """Versions whose text was never read (the worker was down when the job was queued, or the queue lost
    it), older than an hour: read now. The nightly pass."""
    before = before or timezone.now() - dt.timedelta(hours=1)
    late = DocumentVersion.objects.filter(text_status=TextStatus.PENDING, created_at__lt=before)
    count = 0
    for version_id in late.values_list("pk", flat=True).iterator():
        document_version_read(version_id=version_id)
        count += 1
    return count


def library_trash_empty(*, workspace, now: dt.datetime | None = None) -> int:
    """The worker's daily pass: documents and folders in the trash longer than the workspace keeps them
    are deleted for good (their files then belong to nothing, and the files' own sweep deletes them)."""
    from tradewind.library.models import Folder as FolderModel

    cutoff = (now or timezone.now()) - dt.timedelta(days=trash_days(workspace))
    purged = 0
    with transaction.atomic():
        old = Document.objects.filter(workspace=workspace, deleted_at__lt=cutoff)
        purged += old.delete()[1].get("library.Document", 0)
        # A folder goes once nothing is left in it (a document restored out of it keeps it).
        for folder in FolderModel.objects.filter(workspace=workspace, deleted_at__lt=cutoff).order_by(
            "-path"
        ):
            if not Document.objects.filter(folder__path__startswith=folder.path).exists():
                folder.delete()
                purged += 1
    return purged
