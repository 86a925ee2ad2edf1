"""A small picture of a stored file for lists and pages: the image itself made small, or a PDF's first page.

Made in the worker (the library's text reading queues it), never while someone waits for an upload. A PDF
page is drawn by PDFium through pypdfium2 — Chromium's own PDF engine, built to open PDFs from anyone, and a
wheel with nothing to install beside it. The page is drawn at the thumbnail's size whatever the size the PDF
claims, so a "poster" page cannot make a huge bitmap.
"""

from __future__ import annotations

import logging

from tradewind.files.images import (
    THUMBNAIL_PIXELS,
    ImageTooLarge,
    ImageUnreadable,
    image_jpeg,
    jpeg_thumbnail,
)
from tradewind.files.models import StoredFile
from tradewind.files.services import stored_file_open

log = logging.getLogger(__name__)

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
PDF_TYPE = "application/pdf"
# A page is drawn at most this many times its size in points (a 1-point-wide strip stays small).
MAX_SCALE = 4.0


def thumbnail_possible(stored: StoredFile) -> bool:
    return stored.content_type in IMAGE_TYPES or stored.content_type == PDF_TYPE


def thumbnail_jpeg(stored: StoredFile, *, pixels: int = THUMBNAIL_PIXELS) -> bytes | None:
    """The JPEG, or None when the file has no picture to show (another type, damaged, encrypted, empty)."""
    if not thumbnail_possible(stored):
        return None
    try:
        with stored_file_open(stored) as f:
            if stored.content_type == PDF_TYPE:
                return _pdf_first_page(f, pixels)
            return jpeg_thumbnail(f, pixels=pixels)
    except (ImageUnreadable, ImageTooLarge):
        return None
    except OSError:  # the storage could not be read: the next pass tries again
        log.warning("no thumbnail for stored file %s", stored.pk, exc_info=True)
        raise


def _pdf_first_page(f, pixels: int) -> bytes | None:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(f)
    except pdfium.PdfiumError:  # encrypted, or not a PDF PDFium can open
        return None
    try:
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return None
        scale = min(pixels / max(width, height), MAX_SCALE)
        bitmap = page.render(scale=scale)
        return image_jpeg(bitmap.to_pil())
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()
