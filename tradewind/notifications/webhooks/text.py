"""Shaping message text for chat platforms: one-line titles, safe links, escaping, cutting to a limit."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

from django.utils.translation import gettext_lazy as _

ELLIPSIS = "…"
TITLE_LIMIT = 100
LINK_LABEL = _("Open in Tradewind")

# Text in WeCom/DingTalk markdown comes partly from customers (inquiry messages, names). Swapping these
# for their full-width look-alikes keeps it readable but stops it from dressing up a link as something
# else ("[Invoice](http://phish)") or using tags such as WeCom's <@userid> mention and <font>.
_MARKDOWN_LITERAL = str.maketrans({"[": "［", "]": "］", "<": "＜", ">": "＞"})
# Characters that would end a markdown "(url)" or a Slack "<url|label>" early.
_LINK_UNSAFE = " ()<>|\"'`\\"


def utf8_len(value: str) -> int:
    return len(value.encode("utf-8"))


def truncate(text: str, limit: int, *, measure: Callable[[str], int] = len) -> str:
    """The longest start of `text`, plus "…", whose `measure` is within `limit`; `text` itself if it fits.

    `measure` must grow with the text: a character count, UTF-8 bytes, or the size of the whole
    rendered message, so a platform's limit can be applied to exactly what it limits.
    """
    if measure(text) <= limit:
        return text
    low, high = 0, len(text)
    while low < high:  # binary search for the longest prefix that fits
        middle = (low + high + 1) // 2
        if measure(text[:middle] + ELLIPSIS) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def one_line(title: str) -> str:
    """Titles become a single line of at most TITLE_LIMIT characters."""
    return truncate(" ".join((title or "").split()), TITLE_LIMIT)


def link_clean(link: str | None) -> str | None:
    """An http(s) link made safe to embed in markdown or Slack syntax; None for anything else.

    Links are ours (pages of this site), but a javascript: or data: link must never reach a chat client.
    """
    link = (link or "").strip()
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in link):
        return None
    return "".join(quote(char) if char in _LINK_UNSAFE else char for char in link)


def markdown_literal(text: str) -> str:
    """Text for WeCom/DingTalk markdown that cannot form links, tags or mentions (see _MARKDOWN_LITERAL)."""
    return text.translate(_MARKDOWN_LITERAL)


def slack_escape(text: str) -> str:
    """Slack's required escaping for mrkdwn: &, < and > are control characters there (<!channel>, <url|x>)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
