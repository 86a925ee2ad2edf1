"""Photos of production and inspections: images only, kept through the files app with a small JPEG beside
each for the pages (as the catalog keeps product photos)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.files.images import PHOTO_TYPES, photo_thumbnail
from tradewind.files.services import stored_file_save

MAX_PHOTOS_AT_ONCE = 10


def _accept_photo(sniffed) -> None:
    if sniffed.kind not in PHOTO_TYPES:
        raise ValidationFailed(_("A photo is a JPEG, PNG, WebP or GIF image."), field="photos")


def photo_check(upload) -> ContentFile:
    """The upload's thumbnail, made before anything is stored (files/images.py)."""
    return photo_thumbnail(upload, field="photos")


def photos_check(uploads) -> list[tuple[object, ContentFile]]:
    """Every upload checked (and its thumbnail made) before any is stored: all or none."""
    uploads = [u for u in uploads or () if u is not None]
    if len(uploads) > MAX_PHOTOS_AT_ONCE:
        raise ValidationFailed(_("At most %(n)d photos at once.") % {"n": MAX_PHOTOS_AT_ONCE}, field="photos")
    errors = []
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, photo_check(upload)))
        except ValidationFailed as error:
            errors.append(error)
    if errors:
        raise ValidationFailed.all_of(errors)
    return checked


def photo_store(*, actor, upload, thumbnail: ContentFile):
    """(the photo, its thumbnail) as stored files; the photo within the photo size limit."""
    stored = stored_file_save(
        workspace=actor.workspace,
        content=upload,
        name=getattr(upload, "name", "photo"),
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
        accept=_accept_photo,
    )
    small = stored_file_save(
        workspace=actor.workspace,
        content=thumbnail,
        name=f"{stored.original_name.rsplit('.', 1)[0]}-thumbnail.jpg",
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
    )
    return stored, small
