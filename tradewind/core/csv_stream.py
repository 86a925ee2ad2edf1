"""CSV files written while they stream to the browser: the customer export and an import's error report.

A streamed response is written after its view has returned — the middleware has reset the time zone
by then, and under ASGI another thread writes it. So the zone and language of the request are taken
when the stream is made, and every line is computed under them: the file says what the page says.

Excel reads UTF-8 only with a BOM. A cell starting with = + - @ (or a tab or carriage return) would be
run as a formula, so it gets a leading apostrophe — every such cell, phones included, so one rule
applies to all; the import takes it off again (`unguard`), so an exported file imports as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone, translation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """A cell as it was before `guard`."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_stream(rows: Iterable[list]) -> Iterator[str]:
    """The CSV lines of `rows` (a lazy iterable: each row is computed as its line is written), in the
    time zone and language active now."""
    return _lines(iter(rows), translation.get_language(), timezone.get_current_timezone())


def _lines(rows: Iterator[list], language, zone) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    prefix = "\ufeff"
    while True:
        # Not around the yield: the caller's code between two lines must not run in this zone.
        with translation.override(language), timezone.override(zone):
            try:
                cells = next(rows)
            except StopIteration:
                return
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([guard(c) for c in cells])
        yield prefix + buffer.getvalue()
        prefix = ""
