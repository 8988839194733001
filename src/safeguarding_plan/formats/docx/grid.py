"""How the board paper's tables sit on its page: their columns' widths, and which rows may split
across pages.

Reckoned from the text, never laid out: a cell's lines from its characters, a heading's width
from its longest word. The figures were set by laying the Birmingham paper out in LibreOffice
(``tests/test_docx_layout.py`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import attrs
from docx.document import Document
from docx.shared import Cm
from docx.styles.style import ParagraphStyle

from safeguarding_plan.values import Value

CHARACTER = 120
"""An average character of 12 pt text, in twentieths of a point: what a cell's lines are
reckoned by."""

EMS = {"Arial": (0.6, 0.5)}
"""The widest a character of a bold column heading and of a cell's text may be, in ems, for
the typefaces measured: the default paper's Arial."""
WIDEST = (0.75, 0.65)
"""The same for any other typeface: enough for the widest common ones (DejaVu Serif, which
LibreOffice sets for a typeface it does not have, measured)."""
SAMPLE = 100
"""The rows whose words a column is widened for, at most: spread evenly over a long table (a
column's long words, such as a status's, recur)."""

CELL_MARGINS = 170
"""A cell's left and right margins together, as ``parts.Table`` sets them, in twentieths of a
point."""

LINE = 300
"""A line of 12 pt text in a cell with its share of the paragraphs' spacing, in twentieths of
a point."""

SPLITTABLE = 0.2
"""The share of the page's text height a row may take and still be kept whole. A row kept
whole that does not fit leaves the foot of the page as white as it is tall; a taller one may
split across pages (in LibreOffice, Birmingham's paper then has a fifth of a page less white at
its page feet than with every row kept whole)."""


class Paragraphs(Protocol):
    """A cell as reckoned: its paragraphs of (text, format) runs."""

    @property
    def paragraphs(self) -> tuple[tuple[tuple[str, str], ...], ...]: ...


def per_line(width: int) -> int:
    """The characters of a line of a column ``width`` wide: a paragraph of ``n`` characters
    takes ``1 + n // per_line(width)`` lines."""
    return max(width - CELL_MARGINS, CHARACTER) // CHARACTER


def height(cells: Sequence[Paragraphs], widths: Sequence[int]) -> int:
    """The lines a row of ``cells`` in columns ``widths`` wide takes: its tallest cell's."""
    tallest = 0
    for cell, width in zip(cells, widths, strict=True):
        characters = per_line(width)
        lines = sum(1 + sum(len(t) for t, _ in runs) // characters for runs in cell.paragraphs)
        tallest = max(tallest, lines)
    return tallest


def type_size(document: Document, normal: ParagraphStyle) -> float:
    """The size of the body text in points: the Normal style's, else the document's default."""
    if normal.font.size is not None:
        return float(normal.font.size.pt)
    default = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return int(default[0]) / 2 if default else 12.0


@attrs.frozen(repr=False, eq=False)
class Grid(Value):
    """The page the tables are set on."""

    width: int
    """Between the margins, in twentieths of a point."""
    splittable: int
    """The lines beyond which a row may split across pages (see ``SPLITTABLE``)."""
    heading: float
    """The widest a character of a column heading may be, in twentieths of a point."""
    text: float
    """The widest a character of a cell's text may be, in twentieths of a point."""

    @classmethod
    def of(cls, document: Document, width: int, normal: ParagraphStyle) -> Grid:
        """The grid of ``document``'s last section, ``width`` wide, for text in the typeface
        and size of the ``normal`` style."""
        section = document.sections[-1]
        tall = (section.page_height or Cm(29.7)) - (section.top_margin or 0)
        tall -= section.bottom_margin or 0
        splittable = max(int(int(tall) // 635 * SPLITTABLE) // LINE, 1)
        size = 20 * type_size(document, normal)
        heading, text = EMS.get(normal.font.name or "", WIDEST)
        return cls(width, splittable, heading * size, text * size)

    def widths(
        self,
        headings: Sequence[str],
        fractions: Sequence[float],
        rows: Sequence[Sequence[Paragraphs]] = (),
    ) -> list[int]:
        """Each column's share of the width, widened where a word of its heading or of its
        cells in ``rows`` would not fit (it would break mid-word: on a narrow page, "Complete"
        and "(complete)" did) by what the other columns can spare."""
        return self._share(self._least(headings, rows), fractions)

    def shortest(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[Paragraphs]],
        choices: Sequence[Sequence[float]],
    ) -> Sequence[float]:
        """Of ``choices`` of columns, the one that sets ``rows`` in the fewest lines."""
        least = self._least(headings, rows)

        def lines(fractions: Sequence[float]) -> int:
            widths = self._share(least, fractions)
            return sum(height(row, widths) for row in rows)

        return min(choices, key=lines)

    def _least(self, headings: Sequence[str], rows: Sequence[Sequence[Paragraphs]]) -> list[float]:
        """The narrowest each column may be: its longest word's width, but never more than an
        even share (a word so long breaks whatever the column)."""
        most = self.width / len(headings)
        least = [_unbroken(heading) * self.heading for heading in headings]
        for row in rows[:: max(1, len(rows) // SAMPLE)]:
            for column, cell in enumerate(row):
                for runs in cell.paragraphs:
                    word = _unbroken(" ".join(text for text, _ in runs)) * self.text
                    least[column] = max(least[column], word)
        return [min(width + CELL_MARGINS, most) for width in least]

    def _share(self, least: Sequence[float], fractions: Sequence[float]) -> list[int]:
        shares = [self.width * fraction for fraction in fractions]
        short = sum(max(0.0, low - share) for share, low in zip(shares, least, strict=True))
        spare = [max(0.0, share - low) for share, low in zip(shares, least, strict=True)]
        if short > sum(spare):  # too narrow a page for every word: share by what each needs
            return [int(self.width * low / sum(least)) for low in least]
        cut = short / sum(spare) if short else 0.0
        return [
            int(max(share, low) - room * cut)
            for share, low, room in zip(shares, least, spare, strict=True)
        ]


def _unbroken(text: str) -> int:
    """The characters of the longest part of ``text`` a line may not break: a word, or the
    part of one up to a hyphen, with a word of one character kept to the next (``% complete``)."""
    return max(map(len, re.split(r"(?<=\S\S) +(?=\S)|(?<=[^\W\d]-)(?=[^\W\d])", text)), default=0)
