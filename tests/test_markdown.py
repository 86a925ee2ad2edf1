"""core/markdown: plain text takes a short way, and it must come out exactly as markdown-it makes it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tradewind.core.markdown import _MARKUP, _renderer, markdown_render

PLAIN = [
    "",
    "Hello",
    "报价已发，请查收。",
    'He said "FOB Ningbo", not CIF.',
    "First line\nsecond line",
    "\n\nOne paragraph\n\n\n\nand another\n",
    "Price: USD 12.50 / pc (MOQ 500) — 40HQ by 15 May; see https://example.com/a?b=1",
    "2026 was a good year",
    "L/C at sight; T/T 30% @ order, 70% against B/L copy",
]
MARKED = [
    "**bold**",
    "1. first\n2. second",
    "- item",
    "Title\n===",
    "    code",
    "a  \nb",
    "x & y",
    "<b>not html</b>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "~~gone~~",
    "back\\slash",
    "tab\there",
]


def test_plain_text_takes_the_short_way_and_marked_text_the_parser():
    assert not any(_MARKUP.search(text) for text in PLAIN)
    assert all(_MARKUP.search(text) for text in MARKED)
    for text in PLAIN + MARKED:
        assert markdown_render(text) == _renderer().render(text), text


# Characters that matter to CommonMark, and some that do not, in every order.
ALPHABET = st.sampled_from(list("ab 报价\n\"'.,:;()/@%$?+=-1234567890*_`[]<>!#&|~\\\t\r\u3000\u00a0"))


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_the_short_way_gives_what_markdown_it_gives(text):
    assert markdown_render(text) == _renderer().render(text)
