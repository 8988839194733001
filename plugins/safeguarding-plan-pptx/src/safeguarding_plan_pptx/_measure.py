"""Text measured, not guessed: where a line of text breaks in a box of a given width.

The deck is set in Arial, and measured with the advance widths of Liberation Sans
(``liberation-sans.json``, made by ``scripts/make_metrics.py``), a freely licensed typeface with
Arial's widths, which LibreOffice sets in Arial's place. So where a table or a list breaks onto
the next slide is decided the same way on every machine, whatever fonts it has, and the text
fits where PowerPoint or LibreOffice lays it out.

Lines break at spaces and line breaks; a word wider than the line breaks between its
characters, as PowerPoint and LibreOffice break it. Kerning is left out, which only narrows
text, and a line is reckoned a little wider than its widths add up to (`WIDER`), so text is
never measured narrower than it is set.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files

FONT = "Arial"
"""The typeface every run of text in the deck names."""

LINE = 1.2
"""A line's height, in ems: the typeface's own (1.117) or an emoji's (1.17), with room."""

WIDER = 1.02
"""How much wider than the typeface's widths a line is reckoned, when deciding where it breaks:
LibreOffice lays a slide out in hundredths of a millimetre, each character's advance rounded,
which adds up to a point or more on a long line of 14-point text."""

_OTHER = 1.25
"""The width, in ems, of a character Liberation Sans lacks, which is set in another typeface:
an emoji is 1.245 in Noto Color Emoji; letters of other scripts are narrower."""
_TAB = 36.0
"""A tab's width, in points: at most the distance to the next half-inch tab stop."""
_ZERO = frozenset({"Mn", "Me", "Cf"})
"""Unicode categories of characters that take no width of their own (combining marks,
variation selectors, joiners), when the typeface does not say otherwise."""


def _load() -> tuple[int, dict[bool, dict[int, int]]]:
    data = json.loads(files(__package__).joinpath("liberation-sans.json").read_text("utf-8"))
    faces = {}
    for bold, face in ((False, "regular"), (True, "bold")):
        widths: dict[int, int] = {}
        for first, run in data[face]["widths"]:
            widths.update(zip(range(first, first + len(run)), run, strict=True))
        faces[bold] = widths
    return int(data["units_per_em"]), faces


_UNITS, _WIDTHS = _load()


@cache
def _character(character: str, bold: bool) -> float:
    """A character's width in ems."""
    found = _WIDTHS[bold].get(ord(character))
    if found is not None:
        return found / _UNITS
    if unicodedata.category(character) in _ZERO:
        return 0.0
    return _OTHER


_WORDS: dict[tuple[str, bool], float] = {}


def width(text: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in ems (multiply by the size in points)."""
    key = (text, bold)
    found = _WORDS.get(key)
    if found is None:
        found = sum(_character(character, bold) for character in text)
        if len(_WORDS) < 200_000:  # words repeat; a bound keeps a hostile plan from filling it
            _WORDS[key] = found
    return found


def breaks(text: str, size: float, room: float, bold: bool = False) -> list[int]:
    """Where each line of ``text`` starts when set at ``size`` points in a line ``room`` points
    wide: the offset of each line's first character (the first line's is 0)."""
    starts = [0]
    ems = room / size / WIDER
    line = _Line(ems, min(_TAB / size, ems), bold, starts)
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        if number:
            starts.append(offset)
        line.used = 0.0
        for piece in paragraph.split(" "):
            line.add(piece, offset)
            offset += len(piece) + 1
    return starts


class _Line:
    """The line being filled: how wide it is so far, spaces before the next word included."""

    def __init__(self, ems: float, tab: float, bold: bool, starts: list[int]) -> None:
        self.ems, self.tab, self.bold, self.starts = ems, tab, bold, starts
        self.used = 0.0
        self.space = width(" ", bold)

    def add(self, piece: str, at: int) -> None:
        """Add a word (``piece``, between two spaces) that starts at offset ``at``, and the
        space after it. Spaces are counted where a line breaks too: never too narrow."""
        wide = width(piece.replace("\t", ""), self.bold) + piece.count("\t") * self.tab
        if piece and self.used and self.used + wide > self.ems:
            self.starts.append(at)
            self.used = 0.0
        if wide > self.ems:  # a word wider than a line breaks between its characters
            for index, character in enumerate(piece):
                one = self.tab if character == "\t" else _character(character, self.bold)
                if self.used and self.used + one > self.ems:
                    self.starts.append(at + index)
                    self.used = 0.0
                self.used += one
        else:
            self.used += wide
        self.used += self.space


def lines(text: str, size: float, room: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, set at ``size`` points in a line ``room`` points wide."""
    return len(breaks(text, size, room, bold))
