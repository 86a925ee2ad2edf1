"""Compile the .po catalogs to .mo with Babel, so no system gettext is needed.

`python -m tradewind.core.compile_messages` — run by `make messages`; the .mo files are committed
so that a fresh clone shows Chinese without a build step. A test checks they are up to date.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalog(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    from io import BytesIO

    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        po_path.with_suffix(".mo").write_bytes(compile_catalog(po_path))
        print(f"compiled {po_path.relative_to(LOCALE_DIR)}")


if __name__ == "__main__":
    main()
