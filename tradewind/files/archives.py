"""Looking into a ZIP file before anything unpacks it: how many entries, how big unpacked, how tightly
packed, encrypted or not.

A "zip bomb" is a small file that unpacks to gigabytes (5 MB that became 2 GB took an import 108 s).
The sizes and counts are in the archive's central directory, read here without unpacking a byte;
Python's zipfile never unpacks an entry beyond the size its directory states, so the numbers checked
are an upper bound on the work any reader (openpyxl included) can be made to do.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.files.sniffing import zip_directory_size

MB = 1024 * 1024
# Small entries (a few KB of repeated XML) pack very tightly without being a threat.
RATIO_FROM_BYTES = 1 * MB


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int
    max_unpacked: int  # bytes, all entries together (and so each one)
    max_ratio: int  # unpacked / packed size of one entry above RATIO_FROM_BYTES


class ArchiveRefused(ValidationFailed):
    """The archive is not unpacked: too many entries, too big unpacked, packed like a bomb, encrypted."""

    def __init__(self, message):
        super().__init__(message, field="file")


def archive_check(f: BinaryIO, *, name: str, limits: ArchiveLimits) -> list[zipfile.ZipInfo]:
    """The entries of the ZIP file `f`, once they are within `limits`; raises ArchiveRefused."""
    directory = zip_directory_size(f)
    if directory is None:
        raise ArchiveRefused(
            _("“%(name)s” looks like a ZIP file but its contents cannot be listed.") % {"name": name}
        )
    count, directory_bytes = directory
    # Each entry takes at least 46 bytes of the directory: a directory too big for the count is refused
    # before it is parsed too.
    if count > limits.max_entries or directory_bytes > limits.max_entries * 1024:
        raise ArchiveRefused(
            _("“%(name)s” holds %(count)s parts; at most %(limit)s are accepted.")
            % {"name": name, "count": f"{count:,}", "limit": f"{limits.max_entries:,}"}
        )
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ArchiveRefused(
            _("“%(name)s” looks like a ZIP file but its contents cannot be listed.") % {"name": name}
        ) from None
    finally:
        f.seek(0)
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ArchiveRefused(
                _("“%(name)s” is password-protected. Remove the password, save it and upload it again.")
                % {"name": name}
            )
        total += entry.file_size
        if total > limits.max_unpacked:
            raise ArchiveRefused(
                _("“%(name)s” unpacks to more than %(limit)d MB; at most %(limit)d MB are accepted.")
                % {"name": name, "limit": limits.max_unpacked // MB}
            )
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            raise ArchiveRefused(
                _(
                    "A part of “%(name)s” unpacks to %(ratio)s times its packed size, far more than "
                    "real files do (a “zip bomb”); it is not opened."
                )
                % {"name": name, "ratio": f"{entry.file_size // max(entry.compress_size, 1):,}"}
            )
    return entries
