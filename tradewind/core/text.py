"""Text as search compares it: case, width and accents away, in any script.

The CRM's search and duplicate keys (crm/normalize.py) and the catalog's search read text through `fold`.
"""

from __future__ import annotations

import unicodedata

# Latin letters that are not a base letter plus an accent, so decomposing leaves them: as buyers write
# their names in ASCII ("Yilmaz", "Lodz", "Soerensen" or "Sorensen").
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(text: str) -> str:
    """Case, width and accents away: "Müller ＧＭＢＨ" -> "muller gmbh", "Yılmaz" -> "yilmaz"."""
    if not text:
        return ""
    if text.isascii():  # most names and every e-mail: NFKC/NFKD change nothing, casefold is lower()
        return text.lower()
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_words(q: str) -> list[str]:
    """The folded words of a search: each must be a substring of the folded text searched."""
    return fold(q).split()
