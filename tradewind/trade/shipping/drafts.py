"""Messages drafted for the buyer, which the rep copies into their own e-mail, WhatsApp or WeChat: written
in the buyer's language where there is a template for it (English and Chinese today: templates/shipping/
drafts/<message>.<language>.txt, whose first line is the subject), else in English.

The buyer's language is the first one on their customer profile ("languages spoken") that has a template;
else the language of the order's PI, which the rep chose for this buyer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

DEFAULT_LANGUAGE = "en"
# What people type in "languages spoken", folded to lower case: the words for the languages we have
# templates in.
_NAMES = {
    "en": {"en", "eng", "english", "英语", "英文"},
    "zh-hans": {
        "zh",
        "zh-hans",
        "zh-cn",
        "zh_cn",
        "chinese",
        "mandarin",
        "中文",
        "汉语",
        "普通话",
        "简体中文",
    },
}
_SPLIT = re.compile(r"[,;/|、，；\s]+")


@dataclass(frozen=True)
class Draft:
    language: str
    subject: str
    body: str


def _template(message: str, language: str):
    try:
        return get_template(f"shipping/drafts/{message}.{language}.txt")
    except TemplateDoesNotExist:
        return None


def _spoken(text: str) -> list[str]:
    """The languages named in a customer's "languages spoken", as our codes, in their order."""
    found = []
    for word in _SPLIT.split((text or "").strip().lower()):
        for code, names in _NAMES.items():
            if word in names and code not in found:
                found.append(code)
    return found


def buyer_language(order, message: str) -> str:
    """The language to write `message` to the order's buyer in (one with a template)."""
    for code in [*_spoken(order.customer.languages), order.language, DEFAULT_LANGUAGE]:
        if code and _template(message, code) is not None:
            return code
    return DEFAULT_LANGUAGE


def draft_render(order, message: str, context: dict, *, language: str | None = None) -> Draft:
    """`message` for the order's buyer, in their language (or `language`, found by buyer_language): the
    subject from the template's first line ("Subject: …"), the body from the rest."""
    language = language or buyer_language(order, message)
    template = _template(message, language)
    with translation.override(language):  # month names and the like in the buyer's language
        text = template.render(context).strip()
    first, _newline, rest = text.partition("\n")
    subject = first.removeprefix("Subject:").strip()
    return Draft(language=language, subject=subject[:200], body=rest.strip())
