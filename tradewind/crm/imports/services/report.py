"""What did not import, and why: error entries named by the file's own columns, and the CSV report."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tradewind.core.csv_stream import csv_stream
from tradewind.crm.imports.fields import TARGETS_BY_CODE
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.reading import (
    FileUnreadable,
    iter_rows,
)
from tradewind.crm.imports.rows import RowError
from tradewind.crm.imports.services.jobs import layout_of, opener


def error_entry(job: ImportJob, number: int | None, error: RowError) -> dict:
    """{row, column, message, kind} with the column named as in the file."""
    return {
        "row": number,
        "column": column_label(job, error),
        "message": str(error.message),
        "kind": error.kind,
    }


def column_label(job: ImportJob, error: RowError) -> str:
    if error.column is not None and error.column < len(job.headers):
        return job.headers[error.column]
    for index, target in sorted(job.mapping.items(), key=lambda item: int(item[0])):
        if target == error.target and int(index) < len(job.headers):
            return job.headers[int(index)]
    if error.target in TARGETS_BY_CODE:
        return str(TARGETS_BY_CODE[error.target].label)
    return ""


def error_report(job: ImportJob) -> Iterator[str]:
    """The rows not imported as CSV (csv_stream: in the language active now), one line per row: its
    number, all its problems, then its original cells under the file's headers — a file to fix and import
    again, where each row is once. Problems of no row (the import stopped) come first, without cells."""
    return csv_stream(_error_table(job))


def _error_table(job: ImportJob) -> Iterator[list]:
    yield [_("Row"), _("Problems"), *job.headers]
    by_row: dict[int, list[str]] = {}
    for entry in job.errors:
        if not entry.get("row"):
            yield ["", entry["message"]]
            continue
        problem = f"{entry['column']}: {entry['message']}" if entry.get("column") else entry["message"]
        problems = by_row.setdefault(entry["row"], [])
        if problem not in problems:
            problems.append(problem)
    if not by_row:
        return
    last = max(by_row)
    try:
        for number, cells in iter_rows(opener(job), layout_of(job)):
            if number in by_row:
                yield [number, "\n".join(by_row[number]), *cells]
            if number >= last:
                break
    except (FileUnreadable, OSError):
        return
