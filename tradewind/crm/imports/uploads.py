"""Keeping an uploaded spreadsheet: only real CSV or Excel (.xlsx) content, whatever its name says, within
the import size limit. The customer import and the catalog's import both keep their files this way; the
worker reads them later (reading.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.crm.imports.reading import OLD_EXCEL, FileUnreadable
from tradewind.files.services import stored_file_save
from tradewind.files.sniffing import Sniffed

EXTENSIONS = ("csv", "txt", "tsv", "xlsx", "xlsm")
# What the bytes of an upload may be (files/sniffing.py): text for a CSV, a workbook (or a ZIP still to
# be looked into by the worker) for an .xlsx.
_KINDS = {"text": "csv", "xlsx": "xlsx", "zip": "xlsx"}


@dataclass
class KeptSpreadsheet:
    file: object  # files.StoredFile
    name: str
    kind: str  # csv or xlsx


def _not_a_spreadsheet(name: str) -> FileUnreadable:
    return FileUnreadable(
        _("“%(name)s” is not a CSV or Excel (.xlsx) file.") % {"name": name}
        + " "
        + _("Accepted: %(allowed)s.") % {"allowed": ", ".join(EXTENSIONS)}
    )


def spreadsheet_save(*, actor, upload) -> KeptSpreadsheet:
    """Store `upload` for the worker after looking at its first bytes only: a file too big, of another
    type, password-protected or an old .xls is refused at once (FileUnreadable) and nothing is kept."""
    name = PurePath(upload.name or "file").name[:255]
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension == "xls":
        raise FileUnreadable(OLD_EXCEL)
    if extension not in EXTENSIONS:
        raise _not_a_spreadsheet(name)
    found: list[Sniffed] = []

    def accept(sniffed: Sniffed) -> None:
        if sniffed.kind == "ole":
            raise FileUnreadable(OLD_EXCEL)
        if sniffed.kind == "encrypted":
            raise FileUnreadable(
                _("“%(name)s” is password-protected. Remove the password, save it and upload it again.")
                % {"name": name}
            )
        if sniffed.kind not in _KINDS:
            raise _not_a_spreadsheet(name)
        found.append(sniffed)

    try:
        stored = stored_file_save(
            workspace=actor.workspace,
            content=upload,
            name=name,
            uploaded_by=actor,
            max_bytes=settings.IMPORT_MAX_BYTES,
            accept=accept,
        )
    except ValidationFailed as exc:
        if isinstance(exc, FileUnreadable):
            raise
        raise FileUnreadable(exc.message) from None
    return KeptSpreadsheet(file=stored, name=name, kind=_KINDS[found[0].kind])
