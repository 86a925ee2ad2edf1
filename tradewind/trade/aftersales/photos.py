"""The photos a buyer sends with a claim: images only, kept through the files app, each with a small JPEG
beside it for the pages (as the catalog keeps product photos; the size limits are the product photos')."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.files.images import PHOTO_TYPES
from tradewind.files.images import photo_thumbnail as thumbnail_of
from tradewind.files.services import clean_file_name, stored_file_save

FIELD = "file"


def _not_a_photo(name: str) -> ValidationFailed:
    return ValidationFailed(
        _("“%(name)s” is not a photo: a JPEG, PNG, WebP or GIF image is.") % {"name": name}, field=FIELD
    )


def photo_thumbnail(upload) -> ContentFile:
    """The upload's thumbnail, made before anything is stored (files/images.py)."""
    return thumbnail_of(upload, field=FIELD)


def photo_store(*, workspace, actor, upload, thumbnail: ContentFile):
    """Keep the photo and its thumbnail (the files app checks the bytes again): (file, thumbnail)."""

    def accept(sniffed) -> None:
        if sniffed.kind not in PHOTO_TYPES:
            raise _not_a_photo(clean_file_name(getattr(upload, "name", "") or "photo"))

    stored = stored_file_save(
        workspace=workspace,
        content=upload,
        name=getattr(upload, "name", "") or "photo",
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
        accept=accept,
    )
    small = stored_file_save(
        workspace=workspace,
        content=thumbnail,
        name=f"{stored.original_name.rsplit('.', 1)[0]}-thumbnail.jpg",
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
    )
    return stored, small
