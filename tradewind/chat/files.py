"""Files sent with a message: checked (how many, their types, their size together) before anything is
stored, then kept through the files app; an image also gets the thumbnail the conversation shows.

The types accepted are the task attachments' (TRADEWIND_ATTACHMENT_EXTENSIONS) and a message's files
together take at most TRADEWIND_ATTACHMENT_MAX_MB: one setting for "what a member may send".
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext as _

from tradewind.chat.models import MessageFile
from tradewind.core.errors import ValidationFailed
from tradewind.files.images import PHOTO_TYPES, photo_thumbnail
from tradewind.files.services import MB, clean_file_name, stored_file_delete, stored_file_save
from tradewind.files.sniffing import sniff

FILES_PER_MESSAGE = 10
FIELD = "files"


def file_accept() -> str:
    """The file picker's `accept`: the extensions a message may carry."""
    return ",".join(f".{e.lower()}" for e in settings.ATTACHMENT_EXTENSIONS)


def message_files_check(uploads) -> list:
    """The uploads once they may be sent: at most FILES_PER_MESSAGE, of accepted extensions, within the
    size limit together. Raises ValidationFailed naming the first file refused."""
    uploads = [u for u in uploads or [] if u is not None]
    if len(uploads) > FILES_PER_MESSAGE:
        raise ValidationFailed(
            _("Send at most %(n)d files with one message.") % {"n": FILES_PER_MESSAGE}, field=FIELD
        )
    allowed = {e.lower() for e in settings.ATTACHMENT_EXTENSIONS}
    total = 0
    for upload in uploads:
        name = clean_file_name(getattr(upload, "name", "") or "")
        extension = PurePath(name).suffix.lower().lstrip(".")
        if extension not in allowed:
            raise ValidationFailed(
                _("“%(name)s”: files of this type are not accepted (accepted: %(types)s).")
                % {"name": name, "types": ", ".join(sorted(allowed))},
                field=FIELD,
            )
        total += getattr(upload, "size", 0) or 0
    if total > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationFailed(
            _("A message's files together are %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": total / MB, "limit": settings.ATTACHMENT_MAX_BYTES // MB},
            field=FIELD,
        )
    return uploads


def _thumbnail(upload):
    """The image's thumbnail, or None for a file that is not an image we can read (sent as a file)."""
    if sniff(upload, getattr(upload, "name", "") or "").kind not in PHOTO_TYPES:
        return None
    try:
        return photo_thumbnail(upload, field=FIELD)
    except ValidationFailed:  # too many pixels, damaged: still a file, shown by its name
        return None
    finally:
        upload.seek(0)


def message_files_store(*, actor, uploads) -> list[tuple]:
    """Keep each checked upload, and an image's thumbnail: [(file, thumbnail or None)]. Done before the
    message takes its number, so no conversation waits on a file being written; the files app refuses
    programs and empty files whatever their name. A send that fails afterwards leaves the files to the
    daily sweep of unused files."""
    kept = []
    for upload in uploads:
        thumbnail = _thumbnail(upload)
        stored = stored_file_save(
            workspace=actor.workspace,
            content=upload,
            name=getattr(upload, "name", "") or "file",
            uploaded_by=actor,
            max_bytes=settings.ATTACHMENT_MAX_BYTES,
        )
        small = None
        if thumbnail is not None:
            small = stored_file_save(
                workspace=actor.workspace,
                content=thumbnail,
                name=f"{PurePath(stored.original_name).stem}-thumbnail.jpg",
                uploaded_by=actor,
                max_bytes=settings.ATTACHMENT_MAX_BYTES,
            )
        kept.append((stored, small))
    return kept


def message_files_link(message, kept: list[tuple]) -> list[MessageFile]:
    return MessageFile.objects.bulk_create(
        MessageFile(workspace_id=message.workspace_id, message=message, file=stored, thumbnail=small)
        for stored, small in kept
    )


def message_files_delete(message) -> None:
    """A deleted message's files go with its text (their content once the deletion is committed)."""
    for f in list(MessageFile.objects.filter(message=message).select_related("file", "thumbnail")):
        f.delete()
        for stored in (f.file, f.thumbnail):
            if stored is not None:
                stored_file_delete(stored)


# What a message shows of its files (and the API says of them): not the stored files' other columns.
SHOWN_FIELDS = ("public_id", "message_id", "thumbnail_id", "file__original_name", "file__size",
                "file__content_type")  # fmt: skip


def files_by_message(messages) -> dict[int, list[MessageFile]]:
    """{message pk: its files} for a page of messages: one query, only when one of them has files."""
    ids = [m.pk for m in messages if m.has_files and m.deleted_at is None]
    found: dict[int, list[MessageFile]] = {}
    if ids:
        rows = MessageFile.objects.filter(message_id__in=ids).select_related("file").only(*SHOWN_FIELDS)
        # Where each is downloaded names its conversation (a search's messages come from many).
        for f in rows.annotate(conversation_public_id=F("message__conversation__public_id")):
            found.setdefault(f.message_id, []).append(f)
    return found
