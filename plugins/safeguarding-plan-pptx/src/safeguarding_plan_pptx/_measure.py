"""Text measured, not guessed: where a line of text breaks in a box of a given width.

The deck is set in Arial, and measured with the advance widths of Liberation Sans
(``_metrics``, made by ``scripts/make_metrics.py``), a freely licensed typeface with
Arial's widths, which LibreOffice sets in Arial's place. So where a table or a list breaks onto
the next slide is decided the same way on every machine, whatever fonts it has, and the text
fits where PowerPoint or LibreOffice lays it out.

Lines break at spaces and line breaks; a word wider than the line breaks between its
characters, as PowerPoint and LibreOffice break it. Kerning is left out, which only narrows
text, and a line is reckoned a little wider than its widths add up to (`WIDER`), so text is
never measured narrower than it is set.
"""

from __future__ import annotations

import bisect
import unicodedata

from safeguarding_plan_pptx import _metrics

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
_CLEARLY = 1e-6
"""How much less than a line's width a paragraph's must be to be taken as fitting it without
measuring it word by word: far more than adding up its characters' widths can err by."""
_ZERO = frozenset({"Mn", "Me", "Cf"})
"""Unicode categories of characters that take no width of their own (combining marks,
variation selectors, joiners), when the typeface does not say otherwise."""


class _Face(dict[str, float]):
    """Each character's width in ems in one face, looked up in the typeface's runs of widths
    (``_metrics``) the first time it is asked for."""

    def __init__(self, firsts: tuple[int, ...], runs: tuple[tuple[int, ...], ...]) -> None:
        super().__init__()
        self.firsts, self.runs = firsts, runs

    def __missing__(self, character: str) -> float:
        code = ord(character)
        number = bisect.bisect_right(self.firsts, code) - 1  # the run it would be in
        offset = code - self.firsts[number] if number >= 0 else -1
        if 0 <= offset < len(self.runs[number]):
            ems = self.runs[number][offset] / _metrics.UNITS_PER_EM
        elif unicodedata.category(character) in _ZERO:
            ems = 0.0
        else:
            ems = _OTHER
        self[character] = ems
        return ems


_FACES = {
    False: _Face(_metrics.REGULAR_FIRSTS, _metrics.REGULAR_WIDTHS),
    True: _Face(_metrics.BOLD_FIRSTS, _metrics.BOLD_WIDTHS),
}

_WORDS: dict[bool, dict[str, float]] = {False: {}, True: {}}
"""Each word's width in ems, by face: words repeat."""
_WORDS_HELD = 100_000
"""The most words kept for each face, so that a hostile plan cannot fill memory with them."""


def width(text: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in ems (multiply by the size in points)."""
    words = _WORDS[bold]
    found = words.get(text)
    if found is None:
        found = sum(map(_FACES[bold].__getitem__, text))
        if len(words) < _WORDS_HELD:
            words[text] = found
    return found


_STARTS_HELD = 4_000_000
"""The most characters of text whose breaks are kept: past them, the kept breaks are let go.
A 10,000-action plan's deck measures 2.6 million, which with their breaks take about 10 MB."""


class _Kept(dict[tuple[str, float, float, bool], tuple[int, ...]]):
    """Where each text measured so far breaks, by its size, room and face: a table's cells are
    measured again as it is shared among slides and cut, and the same words recur from deck to
    deck. Let go of once the texts it holds pass `_STARTS_HELD` characters."""

    held = 0

    def keep(self, key: tuple[str, float, float, bool], found: tuple[int, ...]) -> None:
        if self.held + len(key[0]) > _STARTS_HELD:
            self.clear()
            self.held = 0
        self[key] = found
        self.held += len(key[0])


_STARTS = _Kept()


def starts(text: str, size: float, room: float, bold: bool = False) -> tuple[int, ...]:
    """`breaks`, as a tuple, measured once for each text, size, room and face."""
    key = (text, size, room, bold)
    found = _STARTS.get(key)
    if found is None:
        found = _breaks(text, size, room, bold)
        _STARTS.keep(key, found)
    return found


def breaks(text: str, size: float, room: float, bold: bool = False) -> list[int]:
    """Where each line of ``text`` starts when set at ``size`` points in a line ``room`` points
    wide: the offset of each line's first character (the first line's is 0)."""
    return list(starts(text, size, room, bold))


def _breaks(text: str, size: float, room: float, bold: bool) -> tuple[int, ...]:
    """`breaks`, measured. A line is filled word by word (a word is what lies between two
    spaces), the space after each word counted too, so that a line is never reckoned too
    narrow; a word wider than a line breaks between its characters."""
    found = [0]
    ems = room / size / WIDER
    tab = min(_TAB / size, ems)
    words, face = _WORDS[bold], _FACES[bold]
    space = width(" ", bold)
    # A paragraph whose whole width (its last space too) is clearly less than a line's fits on
    # one: no word of it could start a line, whatever rounding its sum word by word has.
    fits = ems * (1 - _CLEARLY) - space
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        if number:
            found.append(offset)
        if "\t" not in paragraph and sum(map(face.__getitem__, paragraph)) < fits:
            offset += len(paragraph) + 1
            continue
        used = 0.0
        for piece in paragraph.split(" "):
            if "\t" in piece:
                wide = width(piece.replace("\t", ""), bold) + piece.count("\t") * tab
            else:
                known = words.get(piece)
                wide = width(piece, bold) if known is None else known
            if piece and used and used + wide > ems:
                found.append(offset)
                used = 0.0
            if wide > ems:
                used = _split(piece, offset, used, (ems, tab), face=face, found=found)
            else:
                used += wide
            used += space
            offset += len(piece) + 1
    return tuple(found)


def _split(
    piece: str, at: int, used: float, line: tuple[float, float], *, face: _Face, found: list[int]
) -> float:
    """Break ``piece``, a word wider than a line (``line`` is its width and a tab's, in ems),
    between its characters, starting at offset ``at`` with ``used`` ems of the line taken:
    each line's start added to ``found``, and what the last line takes returned."""
    ems, tab = line
    for index, character in enumerate(piece):
        one = tab if character == "\t" else face[character]
        if used and used + one > ems:
            found.append(at + index)
            used = 0.0
        used += one
    return used


def lines(text: str, size: float, room: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, set at ``size`` points in a line ``room`` points wide."""
    return len(starts(text, size, room, bold))
