"""Where each character of a text's value was written in the file, so that a problem found
inside a value (a narrative's Markdown) is located at the character an editor shows.

A value is not its file text: quotes are dropped, an escape (``\\u00e9``, ``\\"``, ``''``) is
one character however long it is written, and a text over several lines is folded (a line
break is a space, an empty line a line break, the indentation dropped). The text is read
again here as YAML reads it (PyYAML's scanner), noting where each character came from; what is
read must be the value the reader gave, or no place is claimed.
"""

from __future__ import annotations

import bisect
import re

from safeguarding_plan.planfile.characters import unescaped
from safeguarding_plan.planfile.composing import ScalarNode

_BREAKS = "\r\n\x85\u2028\u2029"
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ESCAPE_LENGTHS = {"x": 2, "u": 4, "U": 8}
_HEADER = re.compile(r"[|>](?P<indicators>[-+0-9]*)[ \t]*(?:#[^\r\n]*)?")


class Places:
    """The places of a file's text, found when first asked for."""

    def __init__(self, source: str | bytes) -> None:
        self.given = source
        """The text, or its UTF-8 (already checked), made text only when first needed: a
        large plan's text takes up to four times the memory of its bytes."""
        self._source = source if isinstance(source, str) else None
        self._starts: list[int] | None = None

    @property
    def source(self) -> str:
        """The file's text."""
        if self._source is None:
            assert isinstance(self.given, bytes)
            self._source = self.given.decode("utf-8")
        return self._source

    @property
    def starts(self) -> list[int]:
        """Where each line starts, lines ending as YAML ends them."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source))]
        return self._starts

    def line(self, number: int) -> str:
        """The text of 0-based line ``number``, without its line break."""
        starts = self.starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self.source)
        return self.source[starts[number] : end].rstrip(_BREAKS)

    def of(self, node: ScalarNode, offset: int) -> tuple[int, int] | None:
        """The 0-based line and column where character ``offset`` of ``node``'s value was
        written (its end, for the value's length), or None if the value cannot be read again
        as it was."""
        start = self.starts[node.line] + node.column
        end = self.starts[node.end_line] + node.end_column
        if node.style in ("|", ">"):
            found = _block(self.source, start, end, folded=node.style == ">")
        else:
            found = _flow(self.source, start, end, node.style or "")
        if found is None:
            return None
        chars, indexes = found
        if "".join(chars) != node.value or not 0 <= offset <= len(indexes):
            return None
        index = indexes[offset] if offset < len(indexes) else end
        line = bisect.bisect_right(self.starts, index) - 1
        return line, index - self.starts[line]


def _after_break(source: str, at: int) -> int:
    return at + 2 if source.startswith("\r\n", at) else at + 1


def _flow(source: str, start: int, end: int, quote: str) -> tuple[list[str], list[int]]:
    """A plain (``quote`` empty), single- or double-quoted text between ``start`` and
    ``end``: its characters and where each was written (a folded line break at the break)."""
    chars: list[str] = []
    indexes: list[int] = []
    at, stop = (start + 1, end - 1) if quote else (start, end)
    while at < stop:
        char = source[at]
        if char in " \t":
            blank = at
            while blank < stop and source[blank] in " \t":
                blank += 1
            if blank == stop or source[blank] not in _BREAKS:  # inside a line: kept
                chars.extend(source[at:blank])
                indexes.extend(range(at, blank))
            at = blank
        elif char in _BREAKS:
            at = _fold(source, at, stop, chars, indexes, joined=" ")
        elif quote == '"' and char == "\\" and source[at + 1] in _BREAKS:
            at = _fold(source, at + 1, stop, chars, indexes, joined="")
        elif quote == '"' and char == "\\":
            width = 2 + _ESCAPE_LENGTHS.get(source[at + 1], 0)
            chars.append(unescaped(source[at : at + width]))
            indexes.append(at)
            at += width
        else:
            chars.append(char)
            indexes.append(at)
            at += 2 if quote == "'" and char == "'" else 1
    return chars, indexes


def _fold(
    source: str, at: int, stop: int, chars: list[str], indexes: list[int], *, joined: str
) -> int:
    """Read the line break at ``at`` and the empty lines after it: a line break each, or
    ``joined`` (a space, or nothing after an escaped break) when there are none. Where the
    next line's text starts."""
    breaks = []
    following = _after_break(source, at)
    while True:
        while following < stop and source[following] in " \t":
            following += 1
        if following < stop and source[following] in _BREAKS:
            breaks.append(following)
            following = _after_break(source, following)
        else:
            break
    if breaks:
        chars.extend("\n" * len(breaks))
        indexes.extend(breaks)
    elif joined:
        chars.append(joined)
        indexes.append(at)
    return following


def _block(
    source: str, start: int, end: int, *, folded: bool
) -> tuple[list[str], list[int]] | None:
    """A ``|`` or ``>`` block from its indicator at ``start``: its characters and where each
    was written. None for a block that gives its indentation as a number, which depends on
    the key above it."""
    header = _HEADER.match(source, start)
    if header is None or any(c.isdigit() for c in header["indicators"]):
        return None
    chomping = header["indicators"]
    at = header.end()
    if at >= len(source) or source[at] not in _BREAKS:
        return None
    at = _after_break(source, at)
    # The indentation is the first line's with text (or an empty line's before it, if deeper).
    indent = 0
    probe = at
    while probe < len(source) and source[probe] in " " + _BREAKS:
        if source[probe] == " ":
            column = probe - source.rfind("\n", 0, probe) - 1
            indent = max(indent, column + 1)
            probe += 1
        else:
            probe = _after_break(source, probe)
    indent = max(indent, 1)
    chars: list[str] = []
    indexes: list[int] = []
    breaks, at = _block_breaks(source, at, indent)
    line_break: tuple[str, int] | None = None
    while at < end and _column(source, at) == indent:
        _add(chars, indexes, breaks)
        leading_text = source[at] not in " \t"
        text_end = at
        while text_end < len(source) and source[text_end] not in _BREAKS:
            text_end += 1
        chars.extend(source[at:text_end])
        indexes.extend(range(at, text_end))
        if text_end >= len(source):
            line_break, breaks, at = None, [], text_end
            break
        line_break = ("\n", text_end)
        breaks, at = _block_breaks(source, _after_break(source, text_end), indent)
        if at < end and _column(source, at) == indent:
            if folded and leading_text and source[at] not in " \t":
                if not breaks:
                    _add(chars, indexes, [(" ", text_end)])
            else:
                _add(chars, indexes, [line_break])
        else:
            break
    if chomping != "-" and line_break is not None:
        _add(chars, indexes, [line_break])
    if chomping == "+":
        _add(chars, indexes, breaks)
    return chars, indexes


def _block_breaks(source: str, at: int, indent: int) -> tuple[list[tuple[str, int]], int]:
    """The empty lines of a block from ``at``: a line break each, and where the next line's
    text (past the block's indentation) starts."""
    breaks = []
    while True:
        line_start = at
        while at < len(source) and source[at] == " " and at - line_start < indent:
            at += 1
        if at < len(source) and source[at] in _BREAKS:
            breaks.append(("\n", at))
            at = _after_break(source, at)
        else:
            return breaks, at


def _column(source: str, at: int) -> int:
    return at - max(source.rfind("\n", 0, at), source.rfind("\r", 0, at)) - 1


def _add(chars: list[str], indexes: list[int], found: list[tuple[str, int]]) -> None:
    for char, index in found:
        chars.append(char)
        indexes.append(index)
