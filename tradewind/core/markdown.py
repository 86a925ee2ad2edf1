"""Markdown for user text (task descriptions, comments): CommonMark with raw HTML switched off.

markdown-it escapes any HTML a user types and refuses javascript:/vbscript:/file: links, so the output
is safe to mark as such. Images are off: a remote image in a comment is a tracking pixel.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Text in which CommonMark (with tables and strikethrough) finds nothing to do: no character that marks
# anything up or that markdown-it would escape but `"`; no whitespace but spaces and line breaks (it trims
# the others too); no line that opens a block (indented code, list, heading underline); no trailing
# space. Most chat messages and comments are such text, and it takes a tenth of the parser's time
# (tests/test_markdown.py checks that both ways give the same HTML).
_MARKUP = re.compile(r"[`*_\[\]<>!#&|~\\\x00]|[^\S \n]|^[ +=-]|^\d+[.)]| $", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{2,}")


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True, "typographer": False})
    md.enable(["table", "strikethrough"]).disable("image")
    return md


def markdown_render(text: str) -> SafeString:
    text = text or ""
    if not _MARKUP.search(text):
        return mark_safe(_paragraphs(text))  # noqa: S308 - nothing but `"` needed escaping
    return mark_safe(_renderer().render(text))  # noqa: S308 - html is disabled, see module doc


def _paragraphs(text: str) -> str:
    """What markdown-it makes of plain text: a paragraph per run of lines, each line break a <br />."""
    paragraphs = _BLANK_LINES.split(text.replace('"', "&quot;").strip("\n"))
    return "".join(f"<p>{p.replace(chr(10), '<br />' + chr(10))}</p>\n" for p in paragraphs if p)
