"""Normalising what people type, for the duplicate check (查重) and for search.

Company names are compared without case, accents, width (全角/半角), punctuation and legal-form words in
many languages, so "Müller GmbH", "MULLER GMBH." and "Müller G.m.b.H" share one key, and
"宁波海天贸易有限公司" and "宁波海天贸易" do too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from tradewind.core.text import SEARCH_DOUBLED_RANGES, fold, search_doubled  # noqa: F401 - re-exported

# Legal forms, as sequences of words after punctuation is removed ("s.r.l." -> "s r l").
_LEGAL_FORMS = [
    "co ltd", "company limited", "co limited", "pvt ltd", "private limited", "pte ltd", "pty ltd", "sdn bhd",
    "ltd", "limited", "inc", "incorporated", "corp", "corporation", "company", "co", "llc", "l l c", "llp",
    "plc", "gmbh", "g m b h", "gmbh co kg", "co kg", "kg", "ag", "ug", "e k", "sa", "s a", "sas", "s a s",
    "sarl", "s a r l", "srl", "s r l", "spa", "s p a", "sl", "s l", "sa de cv", "s a de c v", "ltda",
    "bv", "b v", "nv", "n v", "oy", "oyj", "ab", "as", "a s", "aps", "asa", "sp z o o", "sp zoo", "s r o",
    "sro", "a s", "kft", "zrt", "doo", "d o o", "ooo", "ооо", "зао", "оао", "пао", "ао", "ип", "jsc", "ojsc",
    "pjsc", "cjsc", "llc fz", "fze", "fzco", "wll", "w l l", "est", "bhd", "tbk", "pt", "cv", "kk",
    "kabushiki kaisha", "yugen kaisha", "the",
]  # fmt: skip
_LEGAL_FORMS_RE = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(re.escape(f) for f in sorted(set(_LEGAL_FORMS), key=len, reverse=True))
    + r")(?=\s|$)"
)
# Chinese, Japanese and Korean legal forms, longest first so 股份有限公司 goes before 有限公司.
_CJK_LEGAL_FORMS = [
    "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "集团公司", "集團公司", "株式会社",
    "有限会社", "合同会社", "주식회사", "유한회사", "公司",
]  # fmt: skip
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)

FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.co.jp", "ymail.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "gmx.de", "gmx.net", "gmx.com",
        "web.de", "t-online.de", "mail.ru", "yandex.ru", "yandex.com", "rambler.ru", "bk.ru", "list.ru",
        "inbox.ru", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn",
        "sohu.com", "aliyun.com", "139.com", "189.cn", "21cn.com", "tom.com", "naver.com", "daum.net",
        "hanmail.net", "rediffmail.com", "libero.it", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr",
        "seznam.cz", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "zoho.com", "mail.com", "outlook.fr",
        "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.fr", "live.de", "bol.com.br",
        "uol.com.br", "terra.com.br",
    ]
)  # fmt: skip


def name_key(name: str) -> str:
    """The comparable core of a company name."""
    text = _NOT_WORD.sub(" ", fold(name)).replace("_", " ")
    for form in _CJK_LEGAL_FORMS:
        text = text.replace(form, " ")
    text = " ".join(text.split())
    previous = None
    while previous != text:  # "abc co ltd" -> "abc co" -> "abc"
        previous = text
        text = " ".join(_LEGAL_FORMS_RE.sub(" ", text).split())
    return text or " ".join(_NOT_WORD.sub(" ", fold(name)).split())


def name_tokens(key: str) -> set[str]:
    """Pieces of a name key that similar names share: character trigrams of each word (so "mueller" and
    "muller" meet on "lle", "ler"), and character pairs of CJK words (宁波, 波海, 海天 …)."""
    tokens: set[str] = set()
    for word in key.split():
        size = 2 if _CJK.search(word) else 3
        if len(word) <= size:
            tokens.add(word)
        else:
            tokens.update(word[i : i + size] for i in range(len(word) - size + 1))
    return tokens


def email_domain(email: str) -> str | None:
    """The company domain of an address, or None for free-mail (gmail.com, qq.com, 163.com …)."""
    _local, _at, domain = (email or "").strip().lower().rpartition("@")
    domain = domain.strip(".")
    if not _at or not domain or domain in FREE_MAIL_DOMAINS:
        return None
    return domain


def website_domain(url: str) -> str | None:
    url = (url or "").strip().lower()
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:  # "http://[x" (an unclosed IPv6 bracket), NFKC tricks: no web address at all
        return None
    host = (parts.hostname or "").strip(".")
    host = host.removeprefix("www.")
    return host or None


class PhoneError(ValueError):
    pass


def phone_e164(raw: str, country: str | None) -> str:
    """A phone number as E.164 (+4940123456), read in the customer's country unless it has a +prefix."""
    raw = (raw or "").strip()
    try:
        number = phonenumbers.parse(raw, (country or "").upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(str(exc)) from None
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise PhoneError(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str, country: str | None = None) -> str:
    """A stored number as people write it: in national format when it belongs to `country` (the customer's:
    +49 40 123456 -> 040 123456), else in international format (+49 40 123456)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if country and phonenumbers.region_code_for_number(number) == country.upper():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_search_forms(phones) -> list[str]:
    """What search finds stored numbers by: E.164 and the national digits (+49403012345, 04030123456), so
    a number copied from a signature as "040 3012345" or "0574-87654321" finds its customer."""
    forms = []
    for e164 in phones:
        forms.append(e164)
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            continue
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = "".join(ch for ch in national if ch.isdigit())
        if digits and digits not in e164:
            forms.append(digits)
    return forms


_PHONE_WRITING = re.compile(r"^\+?[\d()./-]*\d[\d()./-]*$")


def search_words(q: str) -> list[str]:
    """The words of a search, folded as search_text is; a number written with punctuation ("0574-87654321",
    "(312)") is searched as its digits, the form search_text keeps."""
    words = []
    for word in fold(q).split():
        if _PHONE_WRITING.match(word) and not word.isdigit():
            word = ("+" if word.startswith("+") else "") + "".join(ch for ch in word if ch.isdigit())
        words.append(word)
    return words


def search_text(*parts: str) -> str:
    """One folded string per customer for substring search (Chinese included, accents ignored)."""
    return " ".join(fold(p) for p in parts if p)[:4000]
