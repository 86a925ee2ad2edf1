"""Excel workbooks written for download: the customer export and the catalog's.

Written row by row (openpyxl write-only) into a temporary file, so memory stays flat for any number of
rows. Every value is a text cell: nothing is a formula (a name starting with "=" stays a name) and a
phone number or an HS code keeps its digits. The header row is bold and stays in view.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable


def xlsx_file(title: str, rows: Iterable[list]):
    """A one-sheet workbook of `rows` (the first is the header), open at its start; the caller (a
    FileResponse) closes it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])  # Excel's limit for a sheet name
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, cells in enumerate(rows):
        row = []
        for value in cells:
            text = "" if value is None else str(value)
            cell = WriteOnlyCell(sheet, value=text or None)
            if text:
                cell.data_type = "s"
            if number == 0:
                cell.font = bold
            row.append(cell)
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
