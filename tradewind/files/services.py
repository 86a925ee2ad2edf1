"""Keeping, opening and deleting stored files — the only code that writes uploads to the storage."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Callable
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.files.models import StoredFile
from tradewind.files.sniffing import PROGRAM_LABELS, Sniffed, sniff

log = logging.getLogger(__name__)

MB = 1024 * 1024
UNUSED_AFTER = dt.timedelta(days=1)


def clean_file_name(name: str) -> str:
    """The name without any folder a browser or script sent along, at most 255 characters."""
    name = PurePath((name or "").replace("\\", "/")).name.strip() or "file"
    if len(name) > 255:
        suffix = PurePath(name).suffix[:20]
        name = name[: 255 - len(suffix)] + suffix
    return name


def too_large_message(name: str, size: int | None, limit: int) -> str:
    if not name:
        return _("The upload is larger than the limit of %(limit)d MB.") % {"limit": limit // MB}
    if size:
        return _("“%(name)s” is %(size).1f MB; the limit is %(limit)d MB.") % {
            "name": name,
            "size": size / MB,
            "limit": limit // MB,
        }
    return _("“%(name)s” is larger than the limit of %(limit)d MB.") % {"name": name, "limit": limit // MB}


def stored_file_save(
    *,
    workspace,
    content,
    name: str,
    max_bytes: int,
    uploaded_by=None,
    accept: Callable[[Sniffed], None] | None = None,
) -> StoredFile:
    """Keep `content` (a Django File or upload) in the storage with its size, SHA-256 and the type its
    bytes say. Refused before anything is written: an empty file, one above `max_bytes` (the bytes
    counted, not the size claimed), a program whatever its name, and what `accept(sniffed)` refuses
    (it raises an ApplicationError)."""
    name = clean_file_name(name)
    claimed = getattr(content, "size", None)
    if claimed and claimed > max_bytes:
        raise ValidationFailed(too_large_message(name, claimed, max_bytes), field="file")
    # First the facts, from the upload as it is (in memory or a local temporary file); then the storage
    # reads it its own way (moves a temporary file, sends it to S3 in parts), which cannot be hashed
    # along the way portably.
    digest, size = hashlib.sha256(), 0
    content.seek(0)
    for chunk in content.chunks():
        size += len(chunk)
        if size > max_bytes:
            raise ValidationFailed(too_large_message(name, None, max_bytes), field="file")
        digest.update(chunk)
    if size == 0:
        raise ValidationFailed(_("“%(name)s” is empty.") % {"name": name}, field="file")
    storage_quota_check(workspace, size, name)
    sniffed = sniff(content, name)
    if sniffed.executable:
        raise ValidationFailed(
            _("“%(name)s” is %(program)s, whatever its name says; programs are not accepted.")
            % {"name": name, "program": PROGRAM_LABELS[sniffed.program]},
            field="file",
            code="program_refused",
        )
    if accept is not None:
        accept(sniffed)
    public_id = uuid.uuid4()
    # Random, per workspace: the name people gave the file is kept in the row, never in the path.
    wanted = f"w/{workspace.pk}/files/{public_id.hex[:2]}/{public_id.hex}"
    content.seek(0)
    storage_name = default_storage.save(wanted, content)
    try:
        return StoredFile.objects.create(
            workspace=workspace,
            public_id=public_id,
            storage_name=storage_name,
            original_name=name,
            size=size,
            content_type=sniffed.content_type,
            sha256=digest.hexdigest(),
            uploaded_by=uploaded_by,
        )
    except Exception:
        default_storage.delete(storage_name)
        raise


def storage_used(workspace) -> int:
    """Bytes the workspace keeps: every stored file, whatever holds it (the library's trash too)."""
    return StoredFile.objects.filter(workspace_id=workspace.pk).aggregate(used=Sum("size"))["used"] or 0


def storage_quota_check(workspace, size: int, name: str) -> None:
    """Refuse a file that would take the workspace over its quota (Workspace.storage_quota_mb). Two uploads
    at the same instant may both pass: a quota is a budget, not a lock."""
    quota = getattr(workspace, "storage_quota_mb", None)
    if not quota:
        return
    used = storage_used(workspace)
    if used + size > quota * MB:
        raise ValidationFailed(
            _(
                "“%(name)s” (%(size).1f MB) does not fit: the workspace keeps %(used).1f MB of its "
                "%(quota)d MB. An administrator can raise the quota, or empty the library's trash."
            )
            % {"name": name, "size": size / MB, "used": used / MB, "quota": quota},
            field="file",
            code="quota_exceeded",
        )


def stored_file_open(stored: StoredFile):
    """The file's content, opened for reading (binary); the caller closes it."""
    return default_storage.open(stored.storage_name, "rb")


def stored_file_stream(stored: StoredFile):
    """The file's content to send on as it is read (a download): an open file on disk, the object's
    body from an object store (which `stored_file_open` would first copy whole into a temporary file)."""
    stream = getattr(default_storage, "stream", None)
    return stream(stored.storage_name) if stream is not None else stored_file_open(stored)


def stored_file_delete(stored: StoredFile) -> None:
    """Delete the record now and its content once the deletion is committed (a rollback keeps both).
    A file still attached somewhere is refused."""
    name = stored.storage_name
    try:
        with transaction.atomic():
            stored.delete()
    except ProtectedError:
        raise Conflict(_("This file is still in use.")) from None
    transaction.on_commit(lambda: _delete_content(name))


def _delete_content(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:  # already gone, or the storage is away: the sweep's log says so next time
        log.warning("could not delete stored file %s", name, exc_info=True)


def stored_files_unused(*, before: dt.datetime | None = None):
    """Files nothing points at any more (their task was deleted, say), older than a day: the day keeps
    a file being attached in a long transaction out of reach."""
    before = before or timezone.now() - UNUSED_AFTER
    unused = StoredFile.objects.filter(created_at__lt=before)
    for model, column in _file_references():
        used = model._base_manager.filter(**{f"{column}__isnull": False}).values(column)
        unused = unused.exclude(pk__in=used)
    return unused


def _file_references():
    """Every (model, column) holding a stored file's key — the links declared with `related_name="+"` too
    (a signed PI, the letterhead's logo), which the file's own reverse relations leave out."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):  # many-to-many tables included
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is StoredFile:
                yield model, field.attname


def stored_files_sweep(*, before: dt.datetime | None = None) -> int:
    """The worker's daily pass: delete the unused files, content included."""
    count = 0
    for stored in stored_files_unused(before=before).iterator():
        stored_file_delete(stored)
        count += 1
    return count
