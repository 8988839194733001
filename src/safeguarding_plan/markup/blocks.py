"""The blocks of narrative: paragraphs (separated by an empty line), bullet and numbered lists
(one level inside another), and a heading refused with its line and column, as it would break
the paper's own headings. Each paragraph's and item's words are read by ``inline``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.markup import inline
from safeguarding_plan.markup.inline import Line
from safeguarding_plan.markup.spans import BulletList, ListItem, MarkupProblem, Paragraph

if TYPE_CHECKING:
    from safeguarding_plan.markup.spans import Block, Span

_ITEM = re.compile(r"(?P<indent> *)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})[.)])[ \t]+(?P<rest>.*)")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_TABLE_CELL = re.compile(r" *:?-+:? *")
_PIPE = re.compile(r"(?<!\\)\|")
_TABLE = (
    "a table cannot be part of this text (a document would show its rows run together); "
    "write each row as a list item, as '- Anytown Council: £150,000'"
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
        paragraph: list[Line] = []
        at = 0
        while at < len(lines):
            number, line = lines[at]
            if _HEADING.match(line):
                self.problems.append(
                    MarkupProblem(
                        number,
                        line.index("#") + 1,
                        "a heading cannot be part of this text; write the words without '#', "
                        "or give them a section of the paper of their own",
                    )
                )
                at += 1
                continue
            if at + 1 < len(lines) and _table(line, lines[at + 1][1]):
                self.problems.append(
                    MarkupProblem(number, len(line) - len(line.lstrip()) + 1, _TABLE)
                )
                at = _after_table(lines, at + 2)
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
        items: list[tuple[list[Line], list[ListItem]]] = []
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

    def spans(self, lines: list[Line]) -> tuple[Span, ...]:
        """The styled runs of lines read as one text; a link with another scheme is a
        problem located at its address."""
        return _merged(inline.spans(lines, self.problems))


def _table(header: str, rule: str) -> bool:
    """Whether ``header`` above ``rule`` starts a table, as GitHub reads one: a delimiter row
    (``| --- | :-: |``) with as many cells as the header row."""
    # Hyphens alone underline a heading or draw a rule; a table's row has a | or a : too.
    if not {"|", ":"} & set(rule) or rule.startswith("    ") or _ITEM.fullmatch(rule):
        return False
    rules = _cells(rule)
    return (
        bool(rules)
        and all(_TABLE_CELL.fullmatch(c) for c in rules)
        and len(_cells(header)) == len(rules)
    )


def _cells(row: str) -> list[str]:
    """A table row's cells: split at each ``|`` not escaped, less those at its ends."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
        if not row:
            return []
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return _PIPE.split(row)


def _after_table(lines: list[tuple[int, str]], at: int) -> int:
    """Where a table's rows, read from ``lines[at]``, end: its rows are the lines with a
    ``|`` that follow its delimiter row."""
    while at < len(lines) and "|" in lines[at][1]:
        at += 1
    return at


def _line(number: int, column: int, text: str) -> Line:
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
