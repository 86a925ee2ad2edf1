"""The text inside a document's file, for searching it: PDF (pypdf), Word (python-docx), Excel (openpyxl,
read-only), CSV and plain text. Run by the worker after an upload (library/tasks.py), never in a request.

Every reader is bounded: a ZIP-based file (DOCX, XLSX) is checked for a zip bomb before it is opened
(files/archives.py), a PDF is read for at most MAX_PDF_PAGES pages, a workbook for at most MAX_CELLS cells,
and the text kept is cut at MAX_TEXT characters. A PDF whose pages hold no text (a scan) is marked so:
searching finds it by its name, tags and description only.
"""

from __future__ import annotations

import codecs
import io
import logging
from dataclasses import dataclass

from tradewind.files.archives import ArchiveLimits, ArchiveRefused, archive_check
from tradewind.files.services import stored_file_open
from tradewind.library.choices import TextStatus

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_TEXT = 200_000  # characters kept for search
MAX_PDF_PAGES = 300
MAX_CELLS = 200_000
MAX_TEXT_FILE = 20 * MB  # a CSV or TXT read for search (its first 20 MB)
OFFICE_LIMITS = ArchiveLimits(max_entries=5_000, max_unpacked=200 * MB, max_ratio=200)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Extracted:
    status: str  # TextStatus
    text: str = ""


def text_extract(stored) -> Extracted:
    """What `stored` (a files.StoredFile) says, as plain text, with how it went."""
    content_type = stored.content_type or ""
    reader = _READERS.get(content_type) or (_text if content_type.startswith("text/") else None)
    if reader is None:
        return Extracted(TextStatus.NOT_SEARCHED)
    try:
        with stored_file_open(stored) as f:
            text = reader(f, stored.original_name)
    except ArchiveRefused:
        return Extracted(TextStatus.REFUSED)
    except Exception:  # a broken or hostile file must not stop the worker: it is searched by name only
        log.warning("text extraction failed for stored file %s", stored.pk, exc_info=True)
        return Extracted(TextStatus.FAILED)
    text = " ".join(text.split())[:MAX_TEXT]
    if not text:
        return Extracted(TextStatus.NO_TEXT)
    return Extracted(TextStatus.DONE, text)


def _pdf(f, _name: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(f.read()))
    if reader.is_encrypted:
        try:
            reader.decrypt("")  # many "protected" PDFs open with an empty password
        except Exception:
            return ""
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT:
            break
    return "\n".join(parts)


def _zip_checked(f, name: str) -> io.BytesIO:
    data = io.BytesIO(f.read())
    archive_check(data, name=name, limits=OFFICE_LIMITS)
    data.seek(0)
    return data


def _docx(f, name: str) -> str:
    import docx

    document = docx.Document(_zip_checked(f, name))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx(f, name: str) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(_zip_checked(f, name), read_only=True, data_only=True)
    parts, cells = [], 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    cells += 1
                    if value is not None:
                        parts.append(str(value))
                if cells > MAX_CELLS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)


def _text(f, _name: str) -> str:
    """UTF-8 (with or without its mark), UTF-16 by its mark, else GB18030 — what Chinese Windows writes
    (a superset of GBK and GB2312); bytes that fit none are dropped."""
    data = f.read(MAX_TEXT_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="ignore")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="ignore")


_READERS = {PDF: _pdf, DOCX: _docx, XLSX: _xlsx}
