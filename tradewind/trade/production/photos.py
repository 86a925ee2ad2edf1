"""Photos of production and inspections: images only, kept through the files app with a small JPEG beside
each for the pages (as the catalog keeps product photos)."""

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
MAX_PHOTOS_AT_ONCE = 10


def _accept_photo(sniffed) -> None:
    if sniffed.kind not in PHOTO_TYPES:
        raise ValidationFailed(_("A photo is a JPEG, PNG, WebP or GIF image."), field="photos")


def photo_check(upload) -> ContentFile:
    """The upload's thumbnail, made before anything is stored: what is not an image we can read is
    refused here, with the file's name, and nothing is written."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = clean_file_name(getattr(upload, "name", "") or "photo")
    size = getattr(upload, "size", None)
    if size and size > settings.PRODUCT_PHOTO_MAX_BYTES:
        raise ValidationFailed(
            too_large_message(name, size, settings.PRODUCT_PHOTO_MAX_BYTES), field="photos"
        )
    if sniff(upload, name).kind not in PHOTO_TYPES:
        raise ValidationFailed(
            _("“%(name)s” is not a photo: a JPEG, PNG, WebP or GIF image is.") % {"name": name},
            field="photos",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            # A decompression bomb is refused, not expanded.
            if image.width * image.height > settings.PRODUCT_PHOTO_MAX_PIXELS:
                raise ValidationFailed(
                    _("“%(name)s” is too large an image (more than 50 megapixels).") % {"name": name},
                    field="photos",
                )
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ValidationFailed(
            _("“%(name)s” could not be read as an image; is the file damaged?") % {"name": name},
            field="photos",
        ) from None
    return ContentFile(out.getvalue())


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
