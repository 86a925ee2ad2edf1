"""Reading the European Central Bank's euro foreign exchange reference rates, as the ECB publishes them:

- the day's file, eurofxref.csv: "Date, USD, JPY, …" then one row "04 December 2026, 1.0512, 163.47, …",
  cells padded with spaces and each line ending with a comma;
- the history, eurofxref-hist.csv: "Date,USD,JPY,…" then a row a business day since 1999, newest first,
  ISO dates, "N/A" where a currency had no rate (before it existed, or after the ECB stopped it);
- either of them zipped (eurofxref.zip and eurofxref-hist.zip are what the ECB's site offers).

Values are units of the currency for ONE euro. Whole-file problems (not a text file, no Date column) raise
ValidationFailed; a row that cannot be read is an error of that row only. Turning the values into the
workspace's rates (cross rates, which currencies) is the import service's business.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed

# Not calendar.month_name: that follows the process's locale, and the ECB writes English.
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
CODE = re.compile(r"[A-Z]{3}")
DAILY_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$")
NO_RATE = {"", "N/A", "NA", "-"}
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class EcbRow:
    number: int  # the line in the file (the header is line 1)
    on: dt.date
    cells: dict[str, str]  # currency -> the value as written


@dataclass
class EcbFile:
    currencies: list[str]  # the columns named by three letters (currency codes), in the file's order
    rows: list[EcbRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def _not_ecb() -> ValidationFailed:
    return ValidationFailed(
        _(
            "This is not an ECB rates file: it needs a “Date” column, then one column a currency "
            "(eurofxref.csv or eurofxref-hist.csv from the ECB's site)."
        ),
        field="file",
    )


def _unzipped(data: bytes, max_bytes: int) -> bytes:
    """The one CSV in a ZIP, read no further than `max_bytes` (a small ZIP may unpack to gigabytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
            if len(members) != 1:
                raise _not_ecb()
            with archive.open(members[0]) as member:
                content = member.read(max_bytes + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        raise ValidationFailed(_("The ZIP file could not be read; is it damaged?"), field="file") from None
    if len(content) > max_bytes:
        raise ValidationFailed(
            _("The file in the ZIP is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            field="file",
        )
    return content


def _text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            _(
                "The file is not a CSV text file. Upload eurofxref.csv or eurofxref-hist.csv as the ECB "
                "publishes them."
            ),
            field="file",
        ) from None
    if "\x00" in text:
        raise _not_ecb()
    return text


def _date(text: str) -> dt.date | None:
    """ "2026-12-04" or "04 December 2026" (the daily file's), else None."""
    text = " ".join(text.split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    found = DAILY_DATE.match(text)
    if found and found[2].lower() in MONTHS:
        try:
            return dt.date(int(found[3]), MONTHS[found[2].lower()], int(found[1]))
        except ValueError:
            return None
    return None


def ecb_value(text: str) -> Decimal | None:
    """Units of the currency for one euro as written in the file: None for "N/A" or an empty cell. Raises
    ValueError for anything else that is not a positive number."""
    text = text.strip()
    if text.upper() in NO_RATE:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value <= 0:
        raise ValueError(text)
    return value


def ecb_parse(data: bytes, *, max_bytes: int) -> EcbFile:
    """The currencies and dated rows of an ECB file (CSV or ZIP). Raises ValidationFailed when it is not
    one; rows it cannot read are in `errors`."""
    if data.startswith(ZIP_MAGIC):
        data = _unzipped(data, max_bytes)
    text = _text(data)
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise _not_ecb() from None
    numbered = [
        (n, [cell.strip() for cell in cells])
        for n, cells in enumerate(lines, start=1)
        if any(cell.strip() for cell in cells)
    ]
    if not numbered:
        raise ValidationFailed(_("The file is empty."), field="file")
    _line, header = numbered[0]
    if not header or header[0].lower() != "date":
        raise _not_ecb()
    columns: dict[str, int] = {}
    for index, name in enumerate(header[1:], start=1):
        code = name.upper()  # any three letters: a currency we do not know is one the workspace does not use
        if CODE.fullmatch(code) and code not in columns:
            columns[code] = index
    if not columns:
        raise _not_ecb()
    parsed = EcbFile(currencies=list(columns))
    seen: dict[dt.date, int] = {}
    for number, cells in numbered[1:]:
        on = _date(cells[0])
        if on is None:
            parsed.errors.append(
                (
                    number,
                    _("“%(value)s” is not a date (2026-12-04 or 04 December 2026).")
                    % {"value": cells[0][:40]},
                )
            )
            continue
        if on in seen:
            parsed.errors.append(
                (
                    number,
                    _("%(date)s is in the file twice (line %(line)d); that one is used.")
                    % {"date": on.isoformat(), "line": seen[on]},
                )
            )
            continue
        seen[on] = number
        row = {code: (cells[index] if index < len(cells) else "") for code, index in columns.items()}
        parsed.rows.append(EcbRow(number, on, row))
    return parsed
