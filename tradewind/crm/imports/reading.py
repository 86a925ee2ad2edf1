"""Reading an uploaded customer file: CSV or Excel (.xlsx), row by row, so a file of 100,000 rows never
sits in memory — and within limits (settings IMPORT_MAX_*), so that no file can make the worker read
for ever: an .xlsx is a ZIP whose entries are checked before openpyxl opens it (files/archives.py),
and every reading stops at the first row with too many columns, a cell longer than a spreadsheet cell
can be, or a row past the most a file may have. The messages name rows and columns by number, never by
the file's own text.

CSV files come from Excel and WPS in UTF-8 (with or without BOM), UTF-16 ("Unicode text"), GBK/GB18030
(Chinese Windows) or Windows-1252 (Western Windows), separated by commas, semicolons or tabs. The
encoding is the first of UTF-8, GB18030 (a superset of GBK) and Windows-1252 that decodes the whole file
— GB18030 only when what it decodes looks like Chinese, since it decodes most Western text too.
Row numbers are the ones a spreadsheet shows: the header is usually row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.csv_stream import unguard
from tradewind.core.errors import ValidationFailed
from tradewind.files.archives import ArchiveLimits, ArchiveRefused, archive_check
from tradewind.files.sniffing import OLE_SIGNATURE

CHUNK = 1024 * 1024
HEADER_SCAN_ROWS = 10  # a title line or two above the header row is common in exported sheets
DELIMITERS = (",", ";", "\t", "|")

Opener = Callable[[], BinaryIO]
Progress = Callable[[int], None]
PROGRESS_EVERY = 5000  # rows between two calls of a progress callback
# What makes a ZIP an Excel workbook (the parts openpyxl needs first).
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
XLSX_MAX_ENTRIES = 1000  # a workbook has a dozen parts; with many sheets and pictures some hundreds
XLSX_MAX_RATIO = 200  # real sheets pack 5-30 times; a zip bomb about 1,000 times
OLD_EXCEL = gettext_lazy(
    "This is an old Excel file (.xls). Open it in Excel or WPS, save it as .xlsx or CSV, and upload that."
)


class FileUnreadable(ValidationFailed):
    """The file is not something we can read; nothing was imported."""

    def __init__(self, message):
        super().__init__(message, field="file")


@dataclass
class FileLayout:
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    header_row: int
    encoding: str = ""
    delimiter: str = ""
    total_rows: int | None = None  # rows with content below the header (None: not counted yet)
    name: str = ""  # the file's name, for messages


def max_megabytes() -> int:
    return settings.IMPORT_MAX_BYTES // 1048576


def read_layout(
    opener: Opener, name: str, *, progress: Progress | None = None, empty_message: str = ""
) -> FileLayout:
    """What kind of file this is, how to read it, its header row and its rows counted (`progress(rows)`
    is told along the way). Raises FileUnreadable — also for a file past the limits, or with nothing
    below its header (`empty_message` says what was expected there; customers by default)."""
    with opener() as f:
        head = f.read(8192)
    if not head:
        raise FileUnreadable(_("The file is empty."))
    if head.startswith(OLE_SIGNATURE):
        raise FileUnreadable(OLD_EXCEL)
    if head.startswith(b"PK\x03\x04"):
        layout = FileLayout(kind="xlsx", headers=[], header_row=0, name=name)
        # One opening for the header and the size: opening a big workbook reads all its texts.
        with opener() as f:
            workbook = _open_workbook(f, name)
            try:
                sheet = _sheet(workbook)
                _find_header(_sheet_records(sheet), layout)
                # The size Excel recorded, if it did (openpyxl's own files do not): no counting then.
                last = sheet.max_row
                recorded = max(0, last - layout.header_row) if last else None
            finally:
                workbook.close()
        if recorded is not None and recorded <= settings.IMPORT_MAX_ROWS:
            layout.total_rows = recorded
        else:  # not recorded, or more than a file may have (formatting alone can claim a million rows)
            layout.total_rows = _count(opener, layout, progress)
    else:
        encoding = _detect_encoding(opener, head)
        if encoding != "utf-16" and b"\x00" in head:
            raise FileUnreadable(_("“%(name)s” is not a CSV or Excel (.xlsx) file.") % {"name": name})
        layout = FileLayout(kind="csv", headers=[], header_row=0, encoding=encoding, name=name)
        layout.delimiter = _detect_delimiter(opener, layout)
        _find_header(_csv_records(opener, layout), layout)
        layout.total_rows = _count(opener, layout, progress)
    if layout.total_rows == 0:
        raise FileUnreadable(empty_message or _("The file has a header row but no customers below it."))
    return layout


def _count(opener: Opener, layout: FileLayout, progress: Progress | None) -> int:
    count = 0
    for count, _row in enumerate(iter_rows(opener, layout), start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    return count


def iter_rows(opener: Opener, layout: FileLayout) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for every row below the header that has content."""
    width = len(layout.headers)
    limit = settings.IMPORT_MAX_ROWS
    count = 0
    for number, cells in _records(opener, layout):
        if number <= layout.header_row:
            continue
        if not any(cells):
            continue
        count += 1
        if count > limit:
            raise FileUnreadable(
                _("The file has more than %(limit)s rows; import it in parts of at most %(limit)s rows.")
                % {"limit": f"{limit:,}"}
            )
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        yield number, cells[:width]


# --- detection --------------------------------------------------------------------------------------


def _decodes(opener: Opener, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with opener() as f:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _looks_chinese(sample: bytes) -> bool:
    """Western text decoded as GB18030 gives rare characters outside GB2312 (é + t -> 閠); real Chinese
    is nearly all common characters and Chinese punctuation, which GB2312 has."""
    text = sample.decode("gb18030", errors="ignore")
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.8 * len(wide)


def _detect_encoding(opener: Opener, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes(opener, "utf-8"):
        return "utf-8-sig"
    if _looks_chinese(head) and _decodes(opener, "gb18030"):
        return "gb18030"
    return "cp1252"


_SEP_LINE = re.compile(r"^sep=(.)\s*$")
_QUOTED = re.compile(r'"[^"]*"')


def _detect_delimiter(opener: Opener, layout: FileLayout) -> str:
    """The separator used most in the first lines, outside quotes; Excel's "sep=;" line wins."""
    with _text(opener, layout.encoding) as text:
        lines = [line for _i, line in zip(range(HEADER_SCAN_ROWS), text, strict=False)]
    if lines and (found := _SEP_LINE.match(lines[0])):
        return found.group(1)
    counts = dict.fromkeys(DELIMITERS, 0)
    for line in lines:
        bare = _QUOTED.sub("", line)
        for delimiter in DELIMITERS:
            counts[delimiter] += bare.count(delimiter)
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _find_header(records: Iterator[tuple[int, list[str]]], layout: FileLayout) -> None:
    first = None
    for number, cells in records:
        filled = sum(1 for c in cells if c)
        if filled and first is None:
            first = (number, cells)
        if filled >= 2:
            first = (number, cells)
            break
        if number >= HEADER_SCAN_ROWS:
            break
    if first is None:
        raise FileUnreadable(
            _(
                "No header row found: the first row should name the columns, "
                "e.g. Company name, Country, E-mail."
            )
        )
    number, cells = first
    while cells and not cells[-1]:
        cells = cells[:-1]
    layout.header_row = number
    layout.headers = [
        cell or _("Column %(letter)s") % {"letter": column_letter(i)} for i, cell in enumerate(cells)
    ]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- records ----------------------------------------------------------------------------------------


@contextmanager
def _text(opener: Opener, encoding: str):
    with opener() as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        try:
            yield text
        finally:
            text.detach()


def _records(opener: Opener, layout: FileLayout) -> Iterator[tuple[int, list[str]]]:
    if layout.kind == "xlsx":
        yield from _xlsx_records(opener, layout.name)
    else:
        yield from _csv_records(opener, layout)


def _too_many_columns(number: int) -> FileUnreadable:
    return FileUnreadable(
        _(
            "Row %(row)d has more than %(limit)s columns; a customer file may have at most %(limit)s. "
            "Is this the right file? Remove the extra columns and upload it again."
        )
        % {"row": number, "limit": settings.IMPORT_MAX_COLUMNS}
    )


def _cell_too_long(number: int, column: int | None) -> FileUnreadable:
    params = {"row": number, "limit": f"{settings.IMPORT_MAX_CELL_CHARS:,}"}
    if column is None:
        return FileUnreadable(
            _("Row %(row)d has a cell of more than %(limit)s characters, more than a spreadsheet cell holds.")
            % params
        )
    return FileUnreadable(
        _(
            "Row %(row)d, column %(column)s holds more than %(limit)s characters, more than a spreadsheet "
            "cell holds."
        )
        % {**params, "column": column_letter(column)}
    )


def _checked(number: int, cells: list[str]) -> list[str]:
    """The row's cells, once it is within the column and cell limits."""
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1  # empty cells at the end of a row are not columns
    if width > settings.IMPORT_MAX_COLUMNS:
        raise _too_many_columns(number)
    longest = settings.IMPORT_MAX_CELL_CHARS
    for index in range(width):
        if len(cells[index]) > longest:
            raise _cell_too_long(number, index)
    return cells


def _csv_records(opener: Opener, layout: FileLayout) -> Iterator[tuple[int, list[str]]]:
    with _text(opener, layout.encoding) as text:
        first = text.readline()
        # Excel's "sep=;" line says the separator and is not a row of the sheet.
        lines = text if _SEP_LINE.match(first) else itertools.chain([first], text)
        reader = csv.reader(lines, delimiter=layout.delimiter or ",")
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise _cell_too_long(number + 1, None) from None
                raise FileUnreadable(
                    _("Row %(row)d cannot be read (%(error)s); the rows above it were read.")
                    % {"row": number + 1, "error": exc}
                ) from None
            number += 1
            if len(cells) > settings.IMPORT_MAX_COLUMNS and any(cells[settings.IMPORT_MAX_COLUMNS :]):
                raise _too_many_columns(number)  # before 200,000 cells are cleaned one by one
            yield number, _checked(number, [unguard(c.strip()) for c in cells])


def _xlsx_limits() -> ArchiveLimits:
    return ArchiveLimits(
        max_entries=XLSX_MAX_ENTRIES,
        max_unpacked=settings.IMPORT_MAX_UNPACKED_BYTES,
        max_ratio=XLSX_MAX_RATIO,
    )


def _open_workbook(f: BinaryIO, name: str):
    """The workbook in `f`, opened read-only once its ZIP entries are within the limits and it has the
    parts of an Excel workbook."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = name or _("The workbook")
    try:
        entries = archive_check(f, name=name, limits=_xlsx_limits())
    except ArchiveRefused as exc:
        raise FileUnreadable(exc.message) from None
    names = {entry.filename for entry in entries}
    if not all(part in names for part in WORKBOOK_PARTS):
        raise FileUnreadable(
            _(
                "“%(name)s” is a ZIP file but not an Excel workbook (.xlsx). "
                "Save it as .xlsx or CSV and upload that."
            )
            % {"name": name}
        )
    try:
        return openpyxl.load_workbook(f, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, ParseError) as exc:
        # ValueError includes defusedxml's refusals (entities in the XML: an "XML bomb").
        raise FileUnreadable(
            _(
                "This file looks like an Excel workbook but cannot be opened (%(error)s). "
                "Save it again as .xlsx or CSV."
            )
            % {"error": _root_cause(exc)}
        ) from None


def _root_cause(exc: BaseException) -> str:
    """The name of the error underneath: openpyxl says "ValueError" for any sheet it could not parse."""
    while (inner := exc.__cause__ or exc.__context__) is not None:
        exc = inner
    return exc.__class__.__name__


def _sheet(workbook):
    sheet = workbook.active
    if sheet is None or not hasattr(sheet, "iter_rows"):
        sheet = workbook.worksheets[0]
    return sheet


def _xlsx_records(opener: Opener, name: str = "") -> Iterator[tuple[int, list[str]]]:
    with opener() as f:
        workbook = _open_workbook(f, name)
        try:
            yield from _sheet_records(_sheet(workbook))
        finally:
            workbook.close()


def _sheet_records(sheet) -> Iterator[tuple[int, list[str]]]:
    limit = settings.IMPORT_MAX_COLUMNS
    # The recorded size may claim all 16,384 columns (a formatted row): read one past the limit only.
    widest = sheet.max_column
    max_col = limit + 1 if widest and widest > limit else None
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(max_col=max_col, values_only=True), start=1):
            if len(values) > limit and any(v is not None and v != "" for v in values[limit:]):
                raise _too_many_columns(number)
            yield number, _checked(number, [cell_text(v) for v in values])
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, ParseError) as exc:
        raise FileUnreadable(
            _("The workbook cannot be read past row %(row)d (%(error)s). Save it again as .xlsx or CSV.")
            % {"row": number + 1, "error": _root_cause(exc)}
        ) from None


_MIDNIGHT = dt.time(0)


def cell_text(value) -> str:
    """A spreadsheet cell as the text a person sees (phone numbers stored as numbers lose no digits)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == _MIDNIGHT else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()
