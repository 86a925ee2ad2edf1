"""What a file is by its content, not its name: programs, documents, archives, text.

A name is whatever the sender typed; `invoice.pdf` may be a Windows program. The first bytes of a file
("magic numbers") say what it really is, and for the two containers that hold many kinds (ZIP and the
OLE compound file of old Office) a look at the container's own directory tells a workbook from a
Java program and a Word file from a Windows installer. Pure Python, no libmagic: the kinds a trade team
sends are few and their signatures fixed by their formats.

`sniff(f)` reads at most a few kilobytes plus, for a ZIP, its central directory when that is small.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 8192
# A ZIP directory bigger than this, or with more entries, is not looked into while sniffing: the kind
# stays "zip" (callers that need more, like the import, inspect it with their own limits).
SNIFF_ZIP_MAX_ENTRIES = 10_000
SNIFF_ZIP_MAX_DIRECTORY = 4 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "pdf", "png", "zip", "xlsx", "docx", "ole", "text", "exe", "elf", "script", …
    content_type: str
    program: str = ""  # when the file is a program: what kind, in words ("a Windows program")

    @property
    def executable(self) -> bool:
        return bool(self.program)


# --- programs -----------------------------------------------------------------------------------------

_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
# The CLSID of the root storage of a Windows Installer package (.msi) and patch (.msp), as stored.
_MSI_CLSIDS = {
    bytes.fromhex("84100c0000000000c000000000000046"),
    bytes.fromhex("86100c0000000000c000000000000046"),
}
_LNK = bytes.fromhex("4c0000000114020000000000c000000000000046")

PROGRAM_LABELS = {
    "exe": _("a Windows program"),
    "elf": _("a Linux program"),
    "macho": _("a macOS program"),
    "java": _("a Java program"),
    "script": _("a script"),
    "msi": _("a Windows installer"),
    "lnk": _("a Windows shortcut"),
    "wasm": _("a WebAssembly program"),
}


def _program(head: bytes) -> str:
    """The kind of program `head` starts, or ""."""
    if head.startswith(b"MZ") and b"\x00" in head[2:64]:
        # A DOS/Windows executable: the MZ header's fields hold zero bytes, which text never starts with.
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head.startswith(_MACHO):
        return "macho"
    if head.startswith(b"\xca\xfe\xba\xbe"):
        return "java"  # a Java class, or a macOS "universal" program: a program either way
    if head.removeprefix(b"\xef\xbb\xbf").startswith(b"#!"):
        return "script"
    if head.startswith(_LNK):
        return "lnk"
    if head.startswith(b"\x00asm"):
        return "wasm"
    return ""


# --- containers -----------------------------------------------------------------------------------------

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole_entries(f: BinaryIO, head: bytes) -> tuple[bytes, list[str]]:
    """The root entry's CLSID and the names in the first directory sector of an OLE compound file."""
    if len(head) < 0x34:
        return b"", []
    shift = struct.unpack_from("<H", head, 0x1E)[0]
    first = struct.unpack_from("<I", head, 0x30)[0]
    if shift not in (9, 12) or first >= 0xFFFFFFFA:
        return b"", []
    size = 1 << shift
    f.seek((first + 1) * size)
    sector = f.read(size)
    names = []
    for offset in range(0, len(sector) - 127, 128):
        length = struct.unpack_from("<H", sector, offset + 64)[0]
        if 2 <= length <= 64:
            names.append(sector[offset : offset + length - 2].decode("utf-16-le", errors="replace"))
    return sector[0x50:0x60], names


def zip_names(f: BinaryIO, *, max_entries: int, max_directory: int) -> list[str] | None:
    """The names in a ZIP file, or None when its directory is bigger than allowed (counted from the
    end-of-directory record before anything is parsed) or unreadable."""
    directory = zip_directory_size(f)
    if directory is None:
        return None
    entries, size = directory
    if entries > max_entries or size > max_directory:
        return None
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


def zip_directory_size(f: BinaryIO) -> tuple[int, int] | None:
    """(entries, bytes) of a ZIP file's central directory, from its end records; None if there are none."""
    f.seek(0, io.SEEK_END)
    end = f.tell()
    tail_size = min(end, 22 + 65535)  # the end record, and a comment of at most 64 KB after it
    f.seek(end - tail_size)
    tail = f.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, size = struct.unpack_from("<HI", tail, at + 10)
    if entries == 0xFFFF or size == 0xFFFFFFFF:  # ZIP64: the real numbers are in the ZIP64 end record
        locator = tail.rfind(b"PK\x06\x07", 0, at)
        if locator < 0:
            return None
        offset = struct.unpack_from("<Q", tail, locator + 8)[0]
        f.seek(offset)
        record = f.read(56)
        if not record.startswith(b"PK\x06\x06") or len(record) < 56:
            return None
        entries, size = struct.unpack_from("<QQ", record, 32)
    return entries, size


_OOXML = {
    "xl/workbook.xml": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "word/document.xml": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ppt/presentation.xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def _zip_kind(f: BinaryIO, head: bytes) -> Sniffed:
    # An OpenDocument file starts with an uncompressed "mimetype" entry naming its type.
    if head[30:38] == b"mimetype":
        for mime, kind in _ODF.items():
            if head[38 : 38 + len(mime)] == mime:
                return Sniffed(kind, mime.decode())
    names = zip_names(f, max_entries=SNIFF_ZIP_MAX_ENTRIES, max_directory=SNIFF_ZIP_MAX_DIRECTORY)
    if names is None:
        return Sniffed("zip", "application/zip")
    found = set(names)
    if "[Content_Types].xml" in found:
        for part, (kind, content_type) in _OOXML.items():
            if part in found:
                return Sniffed(kind, content_type)
    if "classes.dex" in found and "AndroidManifest.xml" in found:
        return Sniffed("apk", "application/vnd.android.package-archive", program="java")
    if "META-INF/MANIFEST.MF" in found and any(n.endswith(".class") for n in names):
        return Sniffed("jar", "application/java-archive", program="java")
    return Sniffed("zip", "application/zip")


_OLE_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "msg": "application/vnd.ms-outlook",
}


def _ole_kind(f: BinaryIO, head: bytes, extension: str) -> Sniffed:
    clsid, names = _ole_entries(f, head)
    if clsid in _MSI_CLSIDS:
        return Sniffed("msi", "application/x-msi", program="msi")
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        # A password-protected .xlsx/.docx is an OLE file holding the encrypted package.
        return Sniffed("encrypted", "application/x-ole-storage")
    return Sniffed("ole", _OLE_TYPES.get(extension, "application/x-ole-storage"))


# --- the rest -------------------------------------------------------------------------------------------

_SIMPLE = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpeg", "image/jpeg"),
    (b"GIF87a", "gif", "image/gif"),
    (b"GIF89a", "gif", "image/gif"),
    (b"Rar!\x1a\x07", "rar", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "application/x-7z-compressed"),
    (b"\x1f\x8b", "gzip", "application/gzip"),
    (b"II*\x00", "tiff", "image/tiff"),
    (b"MM\x00*", "tiff", "image/tiff"),
]
_TEXT_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "eml": "message/rfc822",
}


def looks_like_text(head: bytes) -> bool:
    """Text in some encoding: UTF-16 with its byte order mark, or bytes with no NUL and few controls."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


def sniff(f: BinaryIO, name: str = "") -> Sniffed:
    """What `f` (seekable, read from its start) is. `name` only picks among the types of one container
    (an OLE file named .xls is an Excel 97 workbook); it never makes a program anything else."""
    f.seek(0)
    head = f.read(HEAD_BYTES)
    try:
        return _sniff(f, head, PurePath(name).suffix.lower().lstrip("."))
    finally:
        f.seek(0)


def _sniff(f: BinaryIO, head: bytes, extension: str) -> Sniffed:
    if not head:
        return Sniffed("empty", "application/octet-stream")
    if program := _program(head):
        return Sniffed(program, "application/octet-stream", program=program)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(f, head)
    if head.startswith(OLE_SIGNATURE):
        return _ole_kind(f, head, extension)
    for magic, kind, content_type in _SIMPLE:
        if head.startswith(magic):
            return Sniffed(kind, content_type)
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":  # "BM", size, four reserved zeros
        return Sniffed("bmp", "image/bmp")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("webp", "image/webp")
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        return Sniffed("heic", "image/heic")
    if looks_like_text(head):
        # Never text/html or image/svg+xml: whatever the name, text is served as plain text.
        return Sniffed("text", _TEXT_TYPES.get(extension, "text/plain"))
    return Sniffed("binary", "application/octet-stream")
