"""The photos a buyer sends with a claim: images only, kept through the files app, each with a small JPEG
beside it for the pages (as the catalog keeps product photos; the size limits are the product photos')."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.files.services import clean_file_name, stored_file_save, too_large_message
from tradewind.files.sniffing import sniff

PHOTO_TYPES = {"jpeg", "png", "webp", "gif"}
THUMBNAIL_PIXELS = 320
FIELD = "file"


def _not_a_photo(name: str) -> ValidationFailed:
    return ValidationFailed(
        _("“%(name)s” is not a photo: a JPEG, PNG, WebP or GIF image is.") % {"name": name}, field=FIELD
    )


def photo_thumbnail(upload) -> ContentFile:
    """The upload's thumbnail, made before anything is stored: a file that is not an image we can read is
    refused with its name, and nothing is written. The decoder is bounded, so a decompression bomb is
    refused, not expanded."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = clean_file_name(getattr(upload, "name", "") or "photo")
    size = getattr(upload, "size", None)
    if size and size > settings.PRODUCT_PHOTO_MAX_BYTES:
        raise ValidationFailed(too_large_message(name, size, settings.PRODUCT_PHOTO_MAX_BYTES), field=FIELD)
    if sniff(upload, name).kind not in PHOTO_TYPES:
        raise _not_a_photo(name)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > settings.PRODUCT_PHOTO_MAX_PIXELS:
                raise ValidationFailed(
                    _("“%(name)s” is too large an image (more than 50 megapixels).") % {"name": name},
                    field=FIELD,
                )
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
            if image.mode not in ("RGB", "L"):  # transparency on white: JPEG has no alpha
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ValidationFailed(
            _("“%(name)s” could not be read as an image; is the file damaged?") % {"name": name}, field=FIELD
        ) from None
    return ContentFile(out.getvalue())


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
