"""Markdown for user text (task descriptions, comments): CommonMark with raw HTML switched off.

markdown-it escapes any HTML a user types and refuses javascript:/vbscript:/file: links, so the output
is safe to mark as such. Images are off: a remote image in a comment is a tracking pixel.
"""

from __future__ import annotations

from functools import cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True, "typographer": False})
    md.enable(["table", "strikethrough"]).disable("image")
    return md


def markdown_render(text: str) -> SafeString:
    return mark_safe(_renderer().render(text or ""))  # noqa: S308 - html is disabled, see module doc
