"""Photos: what every app that keeps images checks before storing one, and the small JPEG it shows."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.files.services import clean_file_name, too_large_message
from tradewind.files.sniffing import sniff

PHOTO_TYPES = {"jpeg", "png", "webp", "gif"}
THUMBNAIL_PIXELS = 320


class ImageUnreadable(ValueError):
    """Not an image the decoder reads, or a damaged one."""


class ImageTooLarge(ValueError):
    """More pixels than PRODUCT_PHOTO_MAX_PIXELS: a decompression bomb, or a poster-sized scan."""


def jpeg_thumbnail(source, *, pixels: int = THUMBNAIL_PIXELS) -> bytes:
    """A JPEG of at most `pixels` a side of the image in `source` (a file, read from its start). The
    decoder is bounded, so a decompression bomb is refused, not expanded; the photo's orientation is
    applied and transparency laid on white (JPEG has no alpha)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    source.seek(0)
    try:
        with Image.open(source) as image:
            if image.width * image.height > settings.PRODUCT_PHOTO_MAX_PIXELS:
                raise ImageTooLarge
            image = ImageOps.exif_transpose(image)
            image.thumbnail((pixels, pixels))
            return image_jpeg(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageUnreadable from exc


def image_jpeg(image) -> bytes:
    """A decoded Pillow image as a JPEG, transparency laid on white."""
    from PIL import Image

    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def photo_thumbnail(upload, *, field: str, pixels: int = THUMBNAIL_PIXELS) -> ContentFile:
    """`jpeg_thumbnail` of a photo being uploaded, made before anything is stored: a file over the size
    limit, not a JPEG/PNG/WebP/GIF by its content, or not readable is refused with its name (on `field`)."""
    name = clean_file_name(getattr(upload, "name", "") or "photo")
    size = getattr(upload, "size", None)
    if size and size > settings.PRODUCT_PHOTO_MAX_BYTES:
        raise ValidationFailed(too_large_message(name, size, settings.PRODUCT_PHOTO_MAX_BYTES), field=field)
    if sniff(upload, name).kind not in PHOTO_TYPES:
        raise ValidationFailed(
            _("“%(name)s” is not a photo: a JPEG, PNG, WebP or GIF image is.") % {"name": name}, field=field
        )
    try:
        return ContentFile(jpeg_thumbnail(upload, pixels=pixels))
    except ImageTooLarge:
        raise ValidationFailed(
            _("“%(name)s” is too large an image (more than 50 megapixels).") % {"name": name}, field=field
        ) from None
    except ImageUnreadable:
        raise ValidationFailed(
            _("“%(name)s” could not be read as an image; is the file damaged?") % {"name": name}, field=field
        ) from None
