"""The styled runs of a paragraph or a list item, read as GitHub reads them: cmark-gfm's
reading of CommonMark's backslash escapes, ``*`` and ``_`` emphasis and inline links.

A run of ``*`` or ``_`` opens or closes emphasis by the left- and right-flanking rules
(https://spec.commonmark.org/0.31.2/#left-flanking-delimiter-run): ``**Decision:**Approve`` is
no bold, as GitHub shows it, because the closing ``**`` follows punctuation and comes before a
letter. Runs are matched with CommonMark's delimiter stack, link brackets before emphasis, and
a link's address may hold balanced parentheses, ``https://example.org/Working_Together_(2018)``.
Punctuation and space are what cmark-gfm takes them to be: ASCII punctuation and Unicode's
punctuation (P) categories; the space (Zs) characters, tab and line breaks.

Reading costs time in proportion to the text's length whatever it holds: each closer looks
back no further than the last search of its kind ended, a link stops the links before it with
one flag, not bracket by bracket, and an address is read by one compiled pattern over at most
``SPAN_LIMIT`` characters.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from safeguarding_plan.markup.spans import LINK_SCHEMES, MarkupProblem, Span

SPAN_LIMIT = 1000
"""The most characters of a link's address, its parentheses included: a longer one is text."""

Line = tuple[int, int, str]
"""A line's 1-based number, the 0-based column its text starts at, and the text."""

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ESCAPABLE = r"[!-/:-@\[-`{-~]"  # ASCII punctuation, as a character class
_SPECIAL = re.compile(r"[\\*_\[\]!]")
_RUNS = {"*": re.compile(r"\*+"), "_": re.compile(r"_+")}
_UNESCAPE = re.compile(rf"\\({_ESCAPABLE})")

# An address (cmark-gfm's manual_scan_link_url): in angle brackets, or without spaces and with
# its parentheses balanced, 32 deep at most as cmark-gfm reads them. Read by hand, a character
# at a time and never again: a pattern that nests 32 deep takes longer to compile than the
# rest of reading a plan's narrative.
_SPACES = frozenset(" \t\n\v\f\r")
_NESTING = 32


class _Address(NamedTuple):
    start: int
    """Where the address's own text starts (after ``<`` when it has one)."""
    written: str
    """The address as written, its escapes kept."""
    end: int
    """Just after its closing ``)``."""


def _address(text: str, at: int, end: int) -> _Address | None:
    """The address of a link whose ``(`` is at ``at``, read no further than ``end``."""
    if at >= end or text[at] != "(":
        return None
    at = _after_spaces(text, at + 1, end)
    if at < end and text[at] == "<":
        begin = at = at + 1
        while at < end and text[at] not in "<>\n":
            if text[at] == "\\":
                if at + 1 >= end or text[at + 1] == "\n":
                    return None
                at += 1
            at += 1
        if at >= end or text[at] != ">":
            return None
        written, at = text[begin:at], at + 1
    else:
        begin, depth = at, 0
        while at < end and text[at] not in _SPACES:
            character = text[at]
            if character == "\\":
                at += 2 if at + 1 < end and text[at + 1] in _ASCII_PUNCTUATION else 1
                continue
            if character == "(":
                if depth == _NESTING:
                    return None
                depth += 1
            elif character == ")":
                if not depth:
                    break
                depth -= 1
            at += 1
        if depth:
            return None
        written = text[begin:at]
    at = _after_spaces(text, at, end)
    if at >= end or text[at] != ")":
        return None
    return _Address(begin, written, at + 1)


def _after_spaces(text: str, at: int, end: int) -> int:
    while at < end and text[at] in _SPACES:
        at += 1
    return at


_SPACE, _PUNCTUATION, _OTHER = range(3)


@functools.lru_cache(maxsize=4096)
def _kind(char: str) -> int:
    """Whether a character is a space, punctuation or neither, as flanking counts them."""
    if char in "\t\n\f\r" or unicodedata.category(char) == "Zs":
        return _SPACE
    if char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P"):
        return _PUNCTUATION
    return _OTHER


# Compared and shown as objects: the parser's own state, never a value (see values.py).
@attrs.define(eq=False, repr=False)
class _Run:
    """A run of ``*`` or ``_`` that may open or close emphasis, a delimiter of the stack: its
    piece of text (which loses the characters used), its length as written (for the rule of
    three), the characters it has left, and its neighbours on the stack."""

    char: str
    piece: int
    length: int
    left: int
    can_open: bool
    can_close: bool
    previous: _Run | None = None
    following: _Run | None = None


@attrs.define(eq=False, repr=False)
class _Bracket:
    """A ``[`` or ``![`` that may start a link's words."""

    piece: int
    start: int
    image: bool


def spans(lines: Sequence[Line], problems: list[MarkupProblem]) -> list[Span]:
    """The styled runs of ``lines`` read as one text, their line breaks as spaces; a link to
    anything but ``LINK_SCHEMES``, or with no words, is added to ``problems``."""
    text = "\n".join(line for _, _, line in lines)
    reader = _Reader(text)
    reader.read()
    starts = []
    at = 0
    for _, _, line in lines:
        starts.append(at)
        at += len(line) + 1
    for offset, message in reader.problems:
        index = bisect.bisect_right(starts, offset) - 1
        number, column, _ = lines[index]
        problems.append(MarkupProblem(number, column + offset - starts[index] + 1, message))
    return reader.spans()


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[str] = []
        self.top: _Run | None = None
        self.brackets: list[_Bracket] = []
        # Since the last link, no '[' has opened: a ']' ends no link (no link inside a link),
        # until a '[' opens again. cmark-gfm keeps this one flag, not one for each bracket.
        self.no_link_openers = False
        self.styles: list[tuple[int, int, int]] = []  # pieces first to end, 1 italic, 2 bold
        self.links: list[tuple[int, int, str]] = []  # pieces first to end, address
        self.problems: list[tuple[int, str]] = []  # an offset in the text, and what is wrong

    def read(self) -> None:
        text, at = self.text, 0
        while at < len(text):
            found = _SPECIAL.search(text, at)
            if found is None:
                self.pieces.append(text[at:])
                break
            start = found.start()
            if start > at:
                self.pieces.append(text[at:start])
            char = text[start]
            if char == "\\":
                escaped = start + 1 < len(text) and text[start + 1] in _ASCII_PUNCTUATION
                self.pieces.append(text[start + 1] if escaped else "\\")
                at = start + (2 if escaped else 1)
            elif char in _RUNS:
                at = self.run(start)
            elif char == "[":
                self.bracket(start, image=False)
                at = start + 1
            elif char == "!":  # '![' opens an image's words ('![^' a footnote's)
                image = text.startswith("[", start + 1) and not text.startswith("^", start + 2)
                if image:
                    self.bracket(start, image=True)
                else:
                    self.pieces.append(char)
                at = start + (2 if image else 1)
            else:
                at = self.close(start)
        self.emphasis(0)

    def run(self, start: int) -> int:
        """Read the run of ``*`` or ``_`` at ``start``; where it ends."""
        text = self.text
        char = text[start]
        found = _RUNS[char].match(text, start)
        assert found is not None
        end = found.end()
        before = _kind(text[start - 1]) if start else _SPACE
        after = _kind(text[end]) if end < len(text) else _SPACE
        left = after == _OTHER or (after == _PUNCTUATION and before != _OTHER)
        right = before == _OTHER or (before == _PUNCTUATION and after != _OTHER)
        if char == "_":  # inside a word, snake_case_words stay as written
            can_open = left and (not right or before == _PUNCTUATION)
            can_close = right and (not left or after == _PUNCTUATION)
        else:
            can_open, can_close = left, right
        self.pieces.append(found.group())
        if can_open or can_close:
            run = _Run(char, len(self.pieces) - 1, end - start, end - start, can_open, can_close)
            run.previous = self.top
            if self.top is not None:
                self.top.following = run
            self.top = run
        return end

    def bracket(self, start: int, *, image: bool) -> None:
        self.pieces.append("![" if image else "[")
        bracket = _Bracket(len(self.pieces) - 1, start, image)
        self.brackets.append(bracket)
        if not image:
            self.no_link_openers = False

    def close(self, start: int) -> int:
        """Read the ``]`` at ``start``: a link's end if a bracket is open before it and an
        address follows; where reading goes on."""
        opener = self.brackets.pop() if self.brackets else None
        address = (
            _address(self.text, start + 1, min(len(self.text), start + 1 + SPAN_LIMIT))
            if opener is not None and (opener.image or not self.no_link_openers)
            else None
        )
        if opener is None or address is None:
            self.pieces.append("]")
            return start + 1
        self.pieces[opener.piece] = "!" if opener.image else ""
        first, end = opener.piece + 1, len(self.pieces)
        self.emphasis(opener.piece + 1)
        if not opener.image:
            self.no_link_openers = True
        target = _UNESCAPE.sub(r"\1", address.written)
        if not target.lower().startswith(LINK_SCHEMES):
            self.problems.append(
                (
                    address.start,
                    f"a link must go to a web or e-mail address (https://, http://, mailto:), "
                    f"not {target[:60]!r}",
                )
            )
        if not any(piece.strip() for piece in itertools.islice(self.pieces, first, end)):
            self.problems.append(
                (opener.start, "a link needs words to show: write them between '[' and ']'")
            )
        self.links.append((first, end, target))
        return address.end

    def emphasis(self, bottom: int) -> None:
        """Match the runs from piece ``bottom`` on as cmark-gfm does (process_emphasis), then
        drop them from the stack. A closer that finds no opener sets how far back the next
        closer of its character and length (modulo 3) looks: no further than itself."""
        closer = None
        below = self.top
        while below is not None and below.piece >= bottom:
            closer, below = below, below.previous
        floors: dict[tuple[int, str], int] = {}
        while closer is not None:
            if not closer.can_close:
                closer = closer.following
                continue
            kind = (closer.length % 3, closer.char)
            floor = floors.get(kind, bottom)
            opener = closer.previous
            while opener is not None and opener.piece >= floor:
                if (
                    opener.can_open
                    and opener.char == closer.char
                    and (
                        not (closer.can_open or opener.can_close)
                        or closer.length % 3 == 0
                        or (opener.length + closer.length) % 3 != 0
                    )
                ):
                    break
                opener = opener.previous
            else:
                floors[kind] = closer.piece
                following = closer.following
                if not closer.can_open:
                    self.remove(closer)
                closer = following
                continue
            closer = self.emphasise(opener, closer)
        while self.top is not None and self.top.piece >= bottom:
            self.remove(self.top)

    def emphasise(self, opener: _Run, closer: _Run) -> _Run | None:
        """Italic (one character of each run) or bold (two) between ``opener`` and
        ``closer``; the closer still to match, or the next."""
        used = 2 if opener.left >= 2 and closer.left >= 2 else 1
        opener.left -= used
        closer.left -= used
        self.pieces[opener.piece] = opener.char * opener.left
        self.pieces[closer.piece] = closer.char * closer.left
        between = closer.previous
        while between is not None and between is not opener:
            self.remove(between)
            between = between.previous
        self.styles.append((opener.piece + 1, closer.piece, used))
        if not opener.left:
            self.remove(opener)
        if closer.left:
            return closer
        following = closer.following
        self.remove(closer)
        return following

    def remove(self, run: _Run) -> None:
        if run.following is not None:
            run.following.previous = run.previous
        else:
            self.top = run.previous
        if run.previous is not None:
            run.previous.following = run.following

    def spans(self) -> list[Span]:
        count = len(self.pieces)
        depth = {1: [0] * (count + 1), 2: [0] * (count + 1)}
        for first, end, used in self.styles:
            depth[used][first] += 1
            depth[used][end] -= 1
        links: list[str | None] = [None] * count
        done: dict[int, int] = {}  # a linked stretch's first piece, and its end
        for first, end, target in self.links:  # inner first: an image's words keep their link
            at = first
            while at < end:
                if at in done:
                    at = done.pop(at)
                    continue
                links[at] = target
                at += 1
            done[first] = end
        found = []
        italic = bold = 0
        for index, piece in enumerate(self.pieces):
            italic += depth[1][index]
            bold += depth[2][index]
            if piece:
                found.append(Span(piece.replace("\n", " "), bold > 0, italic > 0, links[index]))
        return found
