"""Text as search compares it: case, width and accents away, in any script.

The CRM's search and duplicate keys (crm/normalize.py) and the catalog's search read text through `fold`.
"""

from __future__ import annotations

import re
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


# What the search index writes twice (core/text_index.py): kana, hanzi/kanji and hangul, whose words are
# often two characters long — too short for a trigram index until "海天" is written "海海天天".
SEARCH_DOUBLED_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B to G
)
_SEARCH_DOUBLED = re.compile("([" + "".join(f"{chr(a)}-{chr(b)}" for a, b in SEARCH_DOUBLED_RANGES) + "])")


def search_doubled(text: str) -> str:
    """`text` with each CJK character written twice: "宁波 abc" -> "宁宁波波 abc". A word is a substring of a
    search text exactly when its doubled form is a substring of the doubled text (the proof is in
    crm/search_index.py), so the index of doubled texts answers two-character Chinese searches."""
    return _SEARCH_DOUBLED.sub(r"\1\1", text)
