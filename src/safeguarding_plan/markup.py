"""The small Markdown a plan file's narrative is written in: paragraphs, bullet and numbered
lists (one level inside another), ``**bold**``, ``*italic*`` and ``[links](https://...)``.

It is read into blocks of spans, so that every document sets the same text out in its own
way and escapes it as its own format needs; nothing written here reaches a document as
markup. What the subset does not have is refused with its line and column rather than shown
as stray symbols: a heading (``#``), or a link to anything but a web or e-mail address.
Everything else (a lone ``*``, HTML, a table) is text, shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

LINK_SCHEMES = ("https://", "http://", "mailto:")
"""What a link may point to: a web page or an e-mail address, never a script or a file."""


@attrs.frozen
class Span:
    """A run of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """The address the text links to, one of ``LINK_SCHEMES``."""


@attrs.frozen
class Paragraph:
    """A paragraph: lines written together, joined by a space."""

    spans: tuple[Span, ...]


@attrs.frozen
class ListItem:
    """One item of a list, and the list inside it, if any."""

    spans: tuple[Span, ...]
    items: tuple[ListItem, ...] = ()
    """The items of the list inside this one."""


@attrs.frozen
class BulletList:
    """A bullet list, or a numbered one."""

    items: tuple[ListItem, ...]
    numbered: bool = False


Block = Paragraph | BulletList
"""A paragraph or a list: what narrative is made of."""


@attrs.frozen
class MarkupProblem:
    """Something the subset does not have, at a 1-based line and column of the text."""

    line: int
    column: int
    message: str


_ITEM = re.compile(r"(?P<indent> *)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})[.)])[ \t]+(?P<rest>.*)")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
# Bold before italic, so that "**" is never read as two italics; an escaped character first.
# Each styled run is at most SPAN_LIMIT characters long, so that reading a line costs time in
# proportion to its length however many unclosed "**" or "[" it holds.
SPAN_LIMIT = 1000
_INLINE = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()#`!])"
    rf"|\[(?P<label>[^\[\]\n]{{1,{SPAN_LIMIT}}})\]\((?P<target>[^)\s]{{0,{SPAN_LIMIT}}})\)"
    rf"|\*\*(?P<bold>[^*\s](?:[^*]{{0,{SPAN_LIMIT}}}[^*\s])?)\*\*"
    rf"|(?<![\w*])\*(?P<star>[^*\s](?:[^*]{{0,{SPAN_LIMIT}}}[^*\s])?)\*(?![\w*])"
    rf"|(?<![\w_])_(?P<under>[^_\s](?:[^_]{{0,{SPAN_LIMIT}}}[^_\s])?)_(?![\w_])"
)

LIST_DEPTH = 2
"""A list and a list inside its items: an item indented further still belongs to the inner
list, so no text, however deeply indented, nests deeper."""


def parse(text: str) -> tuple[tuple[Block, ...], tuple[MarkupProblem, ...]]:
    """The blocks ``text`` holds, and a problem for each thing the subset does not have."""
    reader = _Reader()
    return reader.blocks(text), tuple(reader.problems)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[MarkupProblem] = []

    def blocks(self, text: str) -> tuple[Block, ...]:
        found: list[Block] = []
        lines: list[tuple[int, str]] = []
        for number, line in enumerate([*text.splitlines(), ""], start=1):
            if line.strip():
                lines.append((number, line.rstrip()))
                continue
            if lines:
                found.extend(self.group(lines))
                lines = []
        return tuple(found)

    def group(self, lines: list[tuple[int, str]]) -> list[Block]:
        """The blocks of lines with no blank line between them: a paragraph, a list, or a
        paragraph and the list that follows it."""
        blocks: list[Block] = []
        paragraph: list[_Line] = []
        at = 0
        while at < len(lines):
            number, line = lines[at]
            if _HEADING.match(line):
                self.problems.append(
                    MarkupProblem(
                        number,
                        line.index("#") + 1,
                        "a heading cannot be part of a section's text; give it a section of its "
                        "own, or write the words without '#'",
                    )
                )
                at += 1
                continue
            if _ITEM.fullmatch(line):
                if paragraph:
                    blocks.append(Paragraph(self.spans(paragraph)))
                    paragraph = []
                block, at = self.listed(lines, at)
                blocks.append(block)
                continue
            paragraph.append(_line(number, 0, line))
            at += 1
        if paragraph:
            blocks.append(Paragraph(self.spans(paragraph)))
        return blocks

    def listed(
        self, lines: list[tuple[int, str]], at: int, depth: int = 1
    ) -> tuple[BulletList, int]:
        """The list starting at ``lines[at]``, and where it ends. An item indented further
        than the list's first starts a list inside the item before it; a line that is no
        item continues the item before it."""
        first = _ITEM.fullmatch(lines[at][1])
        assert first is not None
        indent = len(first["indent"])
        numbered = first["number"] is not None
        items: list[tuple[list[_Line], list[ListItem]]] = []
        while at < len(lines):
            number, line = lines[at]
            item = _ITEM.fullmatch(line)
            if item is not None and len(item["indent"]) > indent and items and depth < LIST_DEPTH:
                inner, at = self.listed(lines, at, depth + 1)
                items[-1][1].extend(inner.items)
                continue
            if item is not None and len(item["indent"]) < indent:
                break
            if item is not None:
                items.append(([_line(number, item.start("rest"), item["rest"])], []))
            elif _HEADING.match(line):
                break
            elif items:
                items[-1][0].append(_line(number, 0, line))
            at += 1
        made = tuple(ListItem(self.spans(text), tuple(inner)) for text, inner in items)
        return BulletList(made, numbered), at

    def spans(self, lines: list[_Line]) -> tuple[Span, ...]:
        """The styled runs of lines joined by a space; a link with another scheme is a
        problem located at its address."""
        spans: list[Span] = []
        for index, (number, column, line) in enumerate(lines):
            if index:
                spans.append(Span(" "))
            spans.extend(self.inline(number, column, line))
        return _merged(spans)

    def inline(self, number: int, column: int, line: str) -> list[Span]:
        """The spans of ``line``, which starts at 0-based ``column`` of line ``number``."""
        spans: list[Span] = []
        last = 0
        for match in _INLINE.finditer(line):
            spans.append(Span(line[last : match.start()]))
            last = match.end()
            if match["escaped"] is not None:
                spans.append(Span(match["escaped"]))
            elif match["label"] is not None:
                target = match["target"]
                if not target.lower().startswith(LINK_SCHEMES):
                    self.problems.append(
                        MarkupProblem(
                            number,
                            column + match.start("target") + 1,
                            f"a link must go to a web or e-mail address (https://, http://, "
                            f"mailto:), not {target[:60]!r}",
                        )
                    )
                inside = self.inline(number, column + match.start("label"), match["label"])
                spans.extend(attrs.evolve(s, link=target) for s in inside)
            elif match["bold"] is not None:
                inside = self.inline(number, column + match.start("bold"), match["bold"])
                spans.extend(attrs.evolve(s, bold=True) for s in inside)
            else:
                group = "star" if match["star"] is not None else "under"
                inside = self.inline(number, column + match.start(group), match[group])
                spans.extend(attrs.evolve(s, italic=True) for s in inside)
        spans.append(Span(line[last:]))
        return spans


_Line = tuple[int, int, str]
"""A line's 1-based number, the 0-based column its text starts at, and the text."""


def _line(number: int, column: int, text: str) -> _Line:
    """``text`` without the spaces around it, and the column it then starts at."""
    kept = text.lstrip()
    return number, column + len(text) - len(kept), kept.rstrip()


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Neighbouring spans of one style as one, and no empty span."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and attrs.evolve(merged[-1], text="") == attrs.evolve(span, text=""):
            merged[-1] = attrs.evolve(span, text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def runs(blocks: Iterable[Block]) -> Iterator[tuple[Span, ...]]:
    """The spans of each paragraph and each list item (those of a list inside it next), in
    the order they are read."""
    for block in blocks:
        if isinstance(block, BulletList):
            yield from _item_runs(block.items)
        else:
            yield block.spans


def _item_runs(items: Iterable[ListItem]) -> Iterator[tuple[Span, ...]]:
    for item in items:
        yield item.spans
        yield from _item_runs(item.items)


def plain(blocks: Iterable[Block]) -> str:
    """The words of ``blocks`` without their styles: paragraphs and items a line each."""
    return "\n".join("".join(span.text for span in run) for run in runs(blocks))
