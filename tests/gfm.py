"""Markdown as GitHub renders it, and the page read back as a reader sees it.

``render`` is cmark-gfm, GitHub's own Markdown parser (through ``cmarkgfm``), with the extensions
GitHub turns on: autolinks (web and e-mail addresses, ``www.``, ``mailto:`` and ``xmpp:``),
tables, strikethrough and the tag filter. Raw HTML is kept, not replaced by a comment, so any
markup that got through shows up in ``Page.tags``.

``LINKIFY`` is markdown-it-py with its linkify rule (linkify-it-py), which also links bare
domains such as ``example.org``, as many website generators do.
"""

from __future__ import annotations

from html.parser import HTMLParser

import attrs
import cmarkgfm
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt

LINKIFY = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
    ["table", "strikethrough", "linkify"]
)
"""A GFM-like parser that links every URL, e-mail address and bare domain it finds."""

_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "li"})
_STYLES = frozenset({"strong", "em", "a", "del", "code"})
"""The elements inside a block that style or link its text."""


def render(markdown: str) -> str:
    """The HTML GitHub's parser makes of ``markdown``, autolinks on."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


@attrs.define
class Page:
    """What a reader sees of a rendered page."""

    tags: set[str] = attrs.Factory(set)
    """Every element the page has."""
    blocks: list[tuple[str, str]] = attrs.Factory(list)
    """Each heading, paragraph, list item and table cell: its element and its text (``<br>`` as
    a line break); an item's text stops where a list inside it starts."""
    tables: list[tuple[str, list[list[str]]]] = attrs.Factory(list)
    """Each table: the heading above it and its rows of cell text, the header row first."""
    runs: list[tuple[str, frozenset[str]]] = attrs.Factory(list)
    """Every piece of text of every block, in order, with the elements that style or link it
    (``strong``, ``em``, ``a``, ``del``, ``code``); a line break is ``"\\n"``."""

    @property
    def headings(self) -> list[str]:
        return [text for tag, text in self.blocks if tag[0] == "h" and tag[1:].isdigit()]

    @property
    def text(self) -> str:
        """Every block's text, a line each."""
        return "\n".join(text for _, text in self.blocks)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.block: tuple[str, list[str]] | None = None
        self.heading = ""
        self.styles: list[str] = []
        self.broken = False
        """Whether the last thing read was a line break (``<br />``, then a newline that
        only lays the HTML out)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.add(tag)
        self.broken = False
        if tag in _STYLES:
            self.styles.append(tag)
        elif tag in _BLOCKS:
            self._end_block()
            self.block = (tag, [])
        elif tag == "br" and self.block is not None:
            self.handle_data("\n")
            self.broken = True
        elif tag == "table":
            self.page.tables.append((self.heading, []))
        elif tag == "tr":
            self.page.tables[-1][1].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _STYLES and tag in self.styles:  # the innermost one of its kind ends
            del self.styles[len(self.styles) - 1 - self.styles[::-1].index(tag)]
        elif tag in _BLOCKS:
            self._end_block()

    def _end_block(self) -> None:
        if self.block is None:
            return
        tag, parts = self.block
        text = "".join(parts)
        if tag == "li" and not text.strip():  # an item whose text is in its own <p>
            self.block = None
            return
        self.page.blocks.append((tag, text))
        if tag in ("th", "td"):
            self.page.tables[-1][1][-1].append(text)
        elif tag[0] == "h":
            self.heading = text
        self.block = None

    def handle_data(self, data: str) -> None:
        if self.broken and data.startswith("\n"):
            data = data[1:]
        self.broken = False
        if self.block is not None and data:
            self.block[1].append(data)
            self.page.runs.append((data, frozenset(self.styles)))


def read(html: str) -> Page:
    """What a reader sees of ``html``."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def seen(markdown: str) -> Page:
    """``markdown`` as GitHub shows it."""
    return read(render(markdown))


class _Styles(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open = {"strong": 0, "em": 0}
        self.runs: list[tuple[str, bool, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.open:
            self.open[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            self.open[tag] -= 1

    def handle_data(self, data: str) -> None:
        self.runs.append((data, self.open["strong"] > 0, self.open["em"] > 0))


def styled(markdown: str) -> list[tuple[str, bool, bool]]:
    """The text of ``markdown`` as GitHub shows it, in runs: each with whether it is bold
    (inside ``<strong>``) and whether it is italic (inside ``<em>``)."""
    reader = _Styles()
    reader.feed(render(markdown))
    reader.close()
    return reader.runs
