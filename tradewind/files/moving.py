"""Moving the stored files to another storage: switching from the data directory's disk to an object store.

Every StoredFile row names its content; `stored_files_copy` copies each one the new storage does not hold
yet from the old media folder, checks its SHA-256 against the row on the way, and reports what it could not
copy. It can be run again (after an interruption, or once more after the switch for files uploaded
meanwhile): what is there already is left alone, so nothing is copied twice and nothing is lost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from tradewind.files.models import StoredFile


@dataclass
class CopyReport:
    copied: int = 0
    present: int = 0
    missing: list[str] = field(default_factory=list)  # no content in the old folder
    damaged: list[str] = field(default_factory=list)  # content that is not what was stored

    @property
    def complete(self) -> bool:
        return not self.missing and not self.damaged


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def stored_files_copy(source: Path, *, dry_run: bool = False, progress=None) -> CopyReport:
    """Copy into the default storage every stored file it lacks, from the media folder `source`."""
    report = CopyReport()
    source = source.resolve()
    rows = StoredFile.objects.order_by("pk").values_list("storage_name", "sha256")
    for done, (name, sha256) in enumerate(rows.iterator(chunk_size=500), start=1):
        if default_storage.exists(name):
            report.present += 1
        else:
            path = (source / name).resolve()
            if not path.is_relative_to(source) or not path.is_file():
                report.missing.append(name)
            elif _sha256(path) != sha256:
                report.damaged.append(name)
            else:
                if not dry_run:
                    with path.open("rb") as f:
                        default_storage.save(name, File(f, name=path.name))
                report.copied += 1
        if progress is not None and done % 500 == 0:
            progress(done)
    return report
