"""Slides written: a title in the title placeholder, then text, a table or a chart, each
measured so that nothing runs off its shape or the slide.

Text too long for one slide goes on to the next, titled as the first with "(continued)"; a
table's header row is repeated on each slide it takes, and a row too tall for one slide is cut
between two lines of its text. Every run names the typeface it is measured in
(``_measure.FONT``), its size and its language. Text and tables are written as XML (``_xml``),
and so are charts (``_chart``) and each slide itself (``_deck.Page``); a chart's parts are
added by python-pptx.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.chart import ChartPart
from pptx.presentation import Presentation as Deck

from safeguarding_plan.plugin import Chart, Span, Words, clean
from safeguarding_plan_pptx import _chart, _flow, _xml
from safeguarding_plan_pptx._deck import Box, Layout, Layouts, Page, SlideMaker
from safeguarding_plan_pptx._flow import Para
from safeguarding_plan_pptx._xml import CELL_INSET, CELL_INSET_TOP, INSET, INSET_TOP, POINT

GAP = 9.0
"""Points between a slide's title and what is under it, and between a table and its intro."""
TITLE_SIZES = (28.0, 24.0, 20.0, 18.0, 16.0, 14.0)
"""A title's size: the largest of these at which it fits its placeholder."""
SMALLER = (14.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0)
"""Sizes for text too long for its shape at its own sizes, once the shape has grown as far as
it may: only text far longer than a slide shows (a title of thousands of characters) is set
this small, and below 1 point, PowerPoint's least, it runs over its shape."""


class Column(NamedTuple):
    """A table column: its heading and its share of the table's width."""

    heading: str
    share: float


class Cell(NamedTuple):
    """A table cell: its paragraphs and, for a status, the tint behind it (hex)."""

    paras: tuple[Para, ...]
    fill: str | None = None


class Slides:
    """The deck being written: each slide's title is unique, in its title placeholder."""

    def __init__(self, deck: Deck, layouts: Layouts, words: Words) -> None:
        self.deck, self.layouts, self.words = deck, layouts, words
        self.titles: set[str] = set()
        self.maker = SlideMaker(deck)
        body = layouts.body_box
        # The content may reach the foot of the content layout's body, never past the slide.
        self.bottom = min(body.bottom, int(deck.slide_height or body.bottom))

    # --- a slide and its title -------------------------------------------------------------

    def new(self, layout: Layout, title: str) -> tuple[Page, int]:
        """A slide of ``layout`` titled ``title`` (made unique), and the top of the space under
        its title, in EMU. A title too long for its placeholder at 14 points grows down the
        slide, to a third of it at most, and is set smaller where it must be, so that what is
        under it always has room."""
        slide = self.maker.add(layout)
        shown = self._unique(title)
        box = layout.title_box
        cap = max(box.height, (self.bottom - box.top) // 3)
        paras = [Para((Span(shown, bold=True),), 0)]
        sized, place = _sized(paras, box, cap, TITLE_SIZES)
        text = _text(slide, sized, anchor="ctr" if place == box else "t")
        slide.fill(text, title=True, box=None if place == box else place)
        under = place.bottom + int(GAP * POINT)
        return slide, max(
            under, self.layouts.body_box.top if layout is not self.layouts.title else 0
        )

    def _unique(self, title: str) -> str:
        shown = " ".join(clean(title).split())
        number = 1
        unique = shown
        while unique in self.titles:
            number += 1
            unique = f"{shown} ({number})"
        self.titles.add(unique)
        return unique

    def continued(self, title: str, number: int) -> str:
        """The title of the ``number``-th slide of a section (0 is its first)."""
        if number == 0:
            return title
        if number == 1:
            return f"{title} {self.words.continued}"
        return f"{title} {self.words.continued_more.format(number=number)}"

    def subtitle(self, slide: Page, paras: Sequence[Para], sizes: Sequence[float]) -> None:
        """``paras`` in the title slide's subtitle at the largest of ``sizes`` at which they
        fit it; failing that, the subtitle reaches down to the foot of the content, and the
        text is set as large as fits there."""
        box = self.layouts.title.other_box
        sized, place = _sized(paras, box, max(self.bottom - box.top, box.height), sizes)
        slide.fill(_text(slide, sized), title=False, box=None if place == box else place)

    # --- text --------------------------------------------------------------------------------

    def text(self, title: str, paras: Sequence[Para]) -> None:
        """``paras`` in the body of as many content slides as they need, shared evenly among
        them where no paragraph has to be cut, so that no slide ends a list with a line."""
        box = self.layouts.body_box
        room = box.width / POINT - 2 * INSET
        rest = list(paras)
        share = _even(rest, room, (self.bottom - box.top) / POINT - 2 * INSET_TOP)
        number = 0
        while rest or number == 0:
            slide, top = self.new(self.layouts.content, self.continued(title, number))
            place = Box(box.left, top, box.width, max(self.bottom - top, POINT))
            space = (self.bottom - top) / POINT - 2 * INSET_TOP
            taken, rest = _flow.fit(rest, room, min(space, share), whole=share < space)
            slide.fill(_text(slide, taken, body=True), title=False, box=place)
            number += 1

    def textbox(self, slide: Page, box: Box, paras: Sequence[Para]) -> None:
        body = _xml.body_properties("t", (INSET, INSET_TOP)) + "<a:lstStyle/>"
        body += _xml.paragraphs(paras, _linker(slide))
        at = (box.left, box.top, box.width, box.height)
        slide.add(_xml.textbox(slide.next_id(), at, body))

    # --- tables ------------------------------------------------------------------------------

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        *,
        description: str,
        intro: Sequence[Para] = (),
        size: float = 12.0,
    ) -> None:
        """A table under ``title`` on as many slides as its rows need, its header row on each;
        ``intro`` (a sentence or two) above it on the first. ``description`` says what its
        rows and columns hold, for a reader who cannot see it."""
        box = self.layouts.body_box
        widths = [round(box.width * c.share / sum(c.share for c in columns)) for c in columns]
        content = (self.bottom - box.top) / POINT
        # The header row, smaller where its headings (a review's title) are long: it takes a
        # quarter of the slide at most, so that rows always have room under it.
        for header_size in (size, *(smaller for smaller in SMALLER if smaller < size)):
            header = [Cell((Para((Span(c.heading, bold=True),), header_size),)) for c in columns]
            grid = _Grid(widths, header)
            if grid.header_height <= content / 4:
                break
        pending = [_Row(list(row), grid.height(row)) for row in rows]
        full = content - grid.header_height
        after = _after(pending, full)
        number = empty = 0
        while pending or number == 0:
            slide, top = self.new(self.layouts.title_only, self.continued(title, number))
            if intro and number == 0:
                room = box.width / POINT - 2 * INSET
                high = _flow.height(intro, room) + 2 * INSET_TOP
                self.textbox(slide, Box(box.left, top, box.width, int(high * POINT) + 1), intro)
                top += int((high + GAP) * POINT)
            space = (self.bottom - top) / POINT - grid.header_height
            placed = _take(pending, after, grid, space, full)
            grid.write(slide, (box.left, top), placed, description)
            number += 1
            empty = 0 if placed else empty + 1
            if empty > 1:  # never a deck without end: a row that fits no slide is a bug here
                raise RuntimeError(f"no slide holds a row of the table {title!r}")

    # --- charts ------------------------------------------------------------------------------

    def chart(self, chart: Chart) -> None:
        """``chart`` as a native chart on a slide of its own, titled with its title, its
        description (every value it shows) its alternative text."""
        if not chart.categories:  # nothing to draw (a plan of no priorities): its words
            self.text(chart.title, [Para((Span(chart.description),), 20.0)])
            return
        slide, top = self.new(self.layouts.title_only, chart.title)
        box = self.layouts.body_box
        # The chart's part and workbook are written here (``_chart``): python-pptx's chart
        # data would import xlsxwriter to write the workbook.
        package = slide.package
        name = package.next_partname(ChartPart.partname_template)
        part = ChartPart.load(name, CT.DML_CHART, package, _chart.part(chart))
        part.chart_workbook.update_from_xlsx_blob(_chart.workbook(chart))
        rel = slide.relate_to(part, RT.CHART)
        at = (box.left, top, box.width, self.bottom - top)
        slide.add(_chart.frame(slide.next_id(), at, rel, chart))


class _Row:
    """A row waiting for its slide, and its height in points."""

    __slots__ = ("cells", "height")

    def __init__(self, cells: list[Cell], height: float) -> None:
        self.cells, self.height = cells, height


class _Grid:
    """A table's columns: their widths in EMU, the room for text in each, the header row."""

    def __init__(self, widths: list[int], header: list[Cell]) -> None:
        self.widths, self.header = widths, header
        self.rooms = [width / POINT - 2 * CELL_INSET for width in widths]
        self.header_height = self.height(header)

    def height(self, cells: Sequence[Cell]) -> float:
        """A row's height in points: its tallest cell's text and the cells' insets."""
        tallest = max(
            _flow.height(cell.paras, room) for cell, room in zip(cells, self.rooms, strict=True)
        )
        return tallest + 2 * CELL_INSET_TOP

    def cut(self, row: _Row, space: float) -> tuple[_Row, _Row] | None:
        """``row``, too tall for the ``space`` points left on a slide, cut between two lines
        of its text: what fits, and the rest for the next slide; None if not a line fits."""
        inner = space - 2 * CELL_INSET_TOP
        if inner <= 0:
            return None
        firsts, rests = [], []
        for cell, room in zip(row.cells, self.rooms, strict=True):
            taken, rest = _flow.fit(cell.paras, room, inner)
            if _flow.height(taken, room) > inner:
                return None  # not even its first line fits
            firsts.append(cell._replace(paras=tuple(taken)))
            rests.append(cell._replace(paras=tuple(rest)))
        return _Row(firsts, self.height(firsts)), _Row(rests, self.height(rests))

    def write(
        self, slide: Page, at: tuple[int, int], rows: Sequence[_Row], description: str
    ) -> None:
        """The header row and ``rows`` as a table whose top left corner is ``at``, each row
        as tall as it was measured (a point's fraction rounded up)."""
        link = _linker(slide)
        laid = [
            (
                int(height * POINT) + 1,
                [(_xml.paragraphs(cell.paras, link), cell.fill) for cell in cells],
            )
            for height, cells in (
                (self.header_height, self.header),
                *((r.height, r.cells) for r in rows),
            )
        ]
        slide.add(_xml.table(slide.next_id(), at, self.widths, laid, description))


def _take(
    pending: list[_Row], after: list[int], grid: _Grid, space: float, full: float
) -> list[_Row]:
    """The rows that go on a slide with ``space`` points for them (``full`` on a slide with
    nothing above the table), taken from the front of ``pending`` (and of ``after``, kept
    beside it: see `_after`). Rows are kept whole where they fit a slide, and shared evenly
    among the slides the rest need, so that no slide ends a table with one short row; a row
    taller than a slide is cut between two lines."""
    placed: list[_Row] = []
    # The slides the rows need, this one with ``space`` points for them, then as many with
    # ``full`` as it takes: each takes its share.
    share = -(-len(pending) // (1 + _later(pending, 0, space, full, after)))
    while pending and len(placed) < share:
        row = pending[0]
        if row.height <= space:
            placed.append(pending.pop(0))
            after.pop(0)
            space -= row.height
            continue
        if placed and row.height <= full:
            break  # whole, on the next slide
        cut = grid.cut(row, space)
        if cut is not None:  # else not a line fits under what is above: the next slide
            placed.append(cut[0])
            pending[0] = cut[1]
            after[0] = _later(pending, 1, full - min(cut[1].height, full), full, after)
        break
    return placed


def _after(rows: Sequence[_Row], full: float) -> list[int]:
    """For each row, the new slides counted after it when it starts a slide of ``full``
    points. Counted from the next row that starts one, so that sharing the rows of a long
    table among its slides looks at each row a few times, not once for each slide (a table of
    10,000 rows on 4,000 slides took time growing as their product)."""
    found = [0] * len(rows)
    for number in range(len(rows) - 1, -1, -1):
        left = full - min(rows[number].height, full)
        found[number] = _later(rows, number + 1, left, full, found)
    return found


def _later(
    rows: Sequence[_Row], start: int, space: float, full: float, after: Sequence[int]
) -> int:
    """The new slides counted from row ``start`` on, with ``space`` points left on the slide:
    a row that does not fit starts one (a row taller than a slide is given one whole), and
    ``after`` counts those after it."""
    for number in range(start, len(rows)):
        if rows[number].height > space:
            return 1 + after[number]
        space -= min(rows[number].height, full)
    return 0


def _sized(
    paras: Sequence[Para], box: Box, cap: int, sizes: Sequence[float]
) -> tuple[list[Para], Box]:
    """``paras`` set at the largest of ``sizes`` at which they fit ``box``; failing that, in
    ``box`` grown down to ``cap`` EMU tall, at the largest of those sizes or `SMALLER` at which
    they fit it; and where not even 1 point fits, at 1 point in a box of ``cap``."""
    room = box.width / POINT - 2 * INSET
    tall = box._replace(height=cap)
    tries = [(box, size) for size in sizes]
    tries += [(tall, size) for size in (*sizes, *SMALLER) if size <= sizes[-1]]
    for place, size in tries:
        sized = [para._replace(size=size) for para in paras]
        needed = _flow.height(sized, room) + 2 * INSET_TOP
        if needed * POINT <= place.height:
            grown = place._replace(height=int(needed * POINT) + 1)
            return sized, place if place == box else grown
    return sized, tall


def _even(paras: Sequence[Para], room: float, space: float) -> float:
    """The height of text each slide takes so that ``paras``, shared among the fewest slides
    of ``space`` points that hold them, fill those slides evenly; ``space`` itself when they
    fit one, or when a paragraph is taller than a slide and must be cut anyway."""
    heights = [para.height(room) for para in paras]
    if sum(heights) <= space or max(heights, default=0.0) > space:
        return space
    slides, used = 1, 0.0
    for height in heights:
        if used + height > space:
            slides, used = slides + 1, 0.0
        used += height
    return sum(heights) / slides + max(heights)  # each slide its share, to a paragraph


def _text(slide: Page, paras: Sequence[Para], *, anchor: str = "t", body: bool = False) -> str:
    """A placeholder's text body holding ``paras``: wrapped, never shrunk to fit."""
    text = _xml.body_properties(anchor, (INSET, INSET_TOP)) + "<a:lstStyle/>"
    return text + _xml.paragraphs(paras, _linker(slide), body=body)


def _linker(slide: Page) -> _xml.Link:
    def link(address: str) -> str:
        return str(slide.relate_to(address, RT.HYPERLINK, is_external=True))

    return link
