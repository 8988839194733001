"""Slides written: a title in the title placeholder, then text, a table or a chart, each
measured so that nothing runs off its shape or the slide.

Text too long for one slide goes on to the next, titled as the first with "(continued)"; a
table's header row is repeated on each slide it takes, and a row too tall for one slide is cut
between two lines of its text. Every run names the typeface it is measured in
(``_measure.FONT``), its size and its language.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from lxml import etree  # type: ignore[import-untyped]
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as Deck
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide, SlideLayout
from pptx.table import _Cell as _TableCell
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from safeguarding_plan.plugin import Chart, ChartKind, Words, clean
from safeguarding_plan_pptx import _flow, _measure
from safeguarding_plan_pptx._deck import Box, Layouts
from safeguarding_plan_pptx._flow import Para, Run

POINT = 12_700
"""EMU to the point."""
LANGUAGE = "en-GB"

INSET = 7.2
"""Points between a text box's edge and its text, left and right (PowerPoint's default)."""
INSET_TOP = 3.6
"""Points between a text box's edge and its text, above and below."""
CELL_INSET = 5.0
CELL_INSET_TOP = 3.0
GAP = 9.0
"""Points between a slide's title and what is under it, and between a table and its intro."""

TITLE_SIZES = (28.0, 24.0, 20.0, 18.0, 16.0, 14.0)
"""A title's size: the largest of these at which it fits its placeholder."""
SMALLER = (14.0, 12.0, 11.0, 10.0)
"""Sizes a title slide's lines may be set at, when they are many, before its shape grows."""
GREY = "404040"
"""Secondary text (a row's lead and due date): 10:1 on white, still easily read."""

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _a(tag: str) -> str:
    return f"{{{_A}}}{tag}"


@attrs.frozen
class Column:
    """A table column: its heading and its share of the table's width."""

    heading: str
    share: float


@attrs.frozen
class Cell:
    """A table cell: its paragraphs and, for a status, the tint behind it (hex)."""

    paras: tuple[Para, ...]
    fill: str | None = None


class Slides:
    """The deck being written: each slide's title is unique, in its title placeholder."""

    def __init__(self, deck: Deck, layouts: Layouts, words: Words) -> None:
        self.deck, self.layouts, self.words = deck, layouts, words
        self.titles: set[str] = set()
        body = layouts.body_box
        # The content may reach the foot of the content layout's body, never past the slide.
        self.bottom = min(body.bottom, int(deck.slide_height or body.bottom))

    # --- a slide and its title -------------------------------------------------------------

    def new(self, layout: SlideLayout, title: str) -> tuple[Slide, int]:
        """A slide of ``layout`` titled ``title`` (made unique), and the top of the space under
        its title, in EMU."""
        slide = self.deck.slides.add_slide(layout)
        shape = slide.shapes.title
        assert shape is not None  # every layout the deck uses has one
        shown = self._unique(title)
        box = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
        room = box.width / POINT - 2 * INSET
        space = box.height / POINT - 2 * INSET_TOP
        for size in TITLE_SIZES:
            paras = [Para((Run(shown, bold=True),), size)]
            needed = _flow.height(paras, room)
            if needed <= space:
                break
        else:  # longer than its placeholder holds at the smallest size: the title grows
            _place(shape, attrs.evolve(box, height=int((needed + 2 * INSET_TOP) * POINT) + 1))
        frame = shape.text_frame
        _frame(frame, anchor=MSO_ANCHOR.MIDDLE if needed <= space else MSO_ANCHOR.TOP)
        write(frame, paras)
        under = int(shape.top) + int(shape.height) + int(GAP * POINT)
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

    def fill(self, shape: Shape, paras: Sequence[Para], sizes: Sequence[float]) -> None:
        """``paras`` in ``shape`` at the largest of ``sizes`` at which they fit it; failing
        that, ``shape`` reaches down to the foot of the content and the text is set at the
        largest size that fits there, down to `SMALLEST`, where the shape grows as far as it
        must."""
        box = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
        room = box.width / POINT - 2 * INSET
        tall = attrs.evolve(box, height=max(self.bottom - box.top, box.height))
        tries = [(box, size) for size in sizes]
        tries += [(tall, size) for size in (*sizes, *SMALLER) if size <= sizes[-1]]
        for place, size in tries:
            sized = [attrs.evolve(para, size=size) for para in paras]
            needed = _flow.height(sized, room) + 2 * INSET_TOP
            if needed * POINT <= place.height:
                break
        else:
            place = attrs.evolve(tall, height=int(needed * POINT) + 1)
        if place is not box:
            _place(shape, place)
        _frame(shape.text_frame)
        write(shape.text_frame, sized)

    # --- text --------------------------------------------------------------------------------

    def text(self, title: str, paras: Sequence[Para]) -> None:
        """``paras`` in the body of as many content slides as they need."""
        rest = list(paras)
        number = 0
        while rest or number == 0:
            slide, top = self.new(self.layouts.content, self.continued(title, number))
            body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx != 0)
            box = self.layouts.body_box
            _place(body, Box(box.left, top, box.width, max(self.bottom - top, POINT)))
            room = box.width / POINT - 2 * INSET
            space = (self.bottom - top) / POINT - 2 * INSET_TOP
            taken, rest = _flow.fit(rest, room, space)
            frame = body.text_frame
            _frame(frame)
            write(frame, taken, body=True)
            number += 1

    def textbox(self, slide: Slide, box: Box, paras: Sequence[Para]) -> Shape:
        shape = slide.shapes.add_textbox(
            Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        _frame(shape.text_frame)
        write(shape.text_frame, paras)
        return shape

    # --- tables ------------------------------------------------------------------------------

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        *,
        intro: Sequence[Para] = (),
        size: float = 12.0,
    ) -> None:
        """A table under ``title`` on as many slides as its rows need, its header row on each;
        ``intro`` (a sentence or two) above it on the first."""
        box = self.layouts.body_box
        widths = [round(box.width * c.share / sum(c.share for c in columns)) for c in columns]
        grid = _Grid(widths, [Cell((Para((Run(c.heading, bold=True),), size),)) for c in columns])
        pending = [_Row(list(row), grid.height(row)) for row in rows]
        full = (self.bottom - box.top) / POINT - grid.header_height
        number = 0
        while pending or number == 0:
            slide, top = self.new(self.layouts.title_only, self.continued(title, number))
            if intro and number == 0:
                room = box.width / POINT - 2 * INSET
                high = _flow.height(intro, room) + 2 * INSET_TOP
                self.textbox(slide, Box(box.left, top, box.width, int(high * POINT) + 1), intro)
                top += int((high + GAP) * POINT)
            space = (self.bottom - top) / POINT - grid.header_height
            placed = _take(pending, grid, space, full)
            grid.write(slide, Box(box.left, top, box.width, 0), placed)
            number += 1

    # --- charts ------------------------------------------------------------------------------

    def chart(self, chart: Chart) -> None:
        """``chart`` as a native chart on a slide of its own, titled with its title, its
        description (every value it shows) its alternative text."""
        slide, top = self.new(self.layouts.title_only, chart.title)
        box = self.layouts.body_box
        data = CategoryChartData(number_format='0"%"')  # type: ignore[no-untyped-call]
        data.categories = [clean(c) for c in chart.categories]
        for series in chart.series:
            data.add_series(clean(series.name), series.values)  # type: ignore[no-untyped-call]
        kind = (
            XL_CHART_TYPE.BAR_CLUSTERED
            if chart.kind is ChartKind.BAR
            else XL_CHART_TYPE.LINE_MARKERS
        )
        at = (Emu(box.left), Emu(top), Emu(box.width), Emu(self.bottom - top))
        frame = slide.shapes.add_chart(kind, *at, data)  # type: ignore[arg-type]
        properties = frame._element.nvGraphicFramePr.cNvPr
        properties.set("descr", clean(chart.description))
        properties.set("title", clean(chart.title))
        drawn = frame.chart  # type: ignore[attr-defined]  # a graphic frame, typed as its chart
        drawn.has_title = False
        drawn.has_legend = len(chart.series) > 1
        if drawn.has_legend:
            drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
            drawn.legend.include_in_layout = False
        axis = drawn.value_axis
        axis.minimum_scale, axis.maximum_scale = 0, 100
        axis.has_title = True
        axis.axis_title.text_frame.text = clean(chart.axis)
        axis.tick_labels.number_format = '0"%"'
        axis.tick_labels.number_format_is_linked = False
        if chart.kind is ChartKind.BAR:
            # The first priority at the top, and the percentages still along the foot.
            drawn.category_axis.reverse_order = True
            drawn.category_axis.crosses = XL_AXIS_CROSSES.MAXIMUM
        plot = drawn.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = '0"%"'
        plot.data_labels.number_format_is_linked = False
        for text in (drawn.font,):
            text.name, text.size = _measure.FONT, Pt(14)


def _place(shape: Shape, box: Box) -> None:
    """Put ``shape`` at ``box``: all four at once, as a placeholder that takes its place from
    its layout gets a place of its own, at 0, 0 and of no size, when one of them is set."""
    shape.left, shape.top = Emu(box.left), Emu(box.top)
    shape.width, shape.height = Emu(box.width), Emu(box.height)


@attrs.define
class _Row:
    """A row waiting for its slide, and its height in points."""

    cells: list[Cell]
    height: float


@attrs.define
class _Grid:
    """A table's columns: their widths in EMU, the room for text in each, the header row."""

    widths: list[int]
    header: list[Cell]
    rooms: list[float] = attrs.field(init=False)
    header_height: float = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.rooms = [width / POINT - 2 * CELL_INSET for width in self.widths]
        self.header_height = self.height(self.header)

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
            firsts.append(attrs.evolve(cell, paras=tuple(taken)))
            rests.append(attrs.evolve(cell, paras=tuple(rest)))
        return _Row(firsts, self.height(firsts)), _Row(rests, self.height(rests))

    def write(self, slide: Slide, box: Box, rows: Sequence[_Row]) -> None:
        """The header row and ``rows`` as a table at the top left of ``box``, each row as tall
        as it was measured (a point's fraction rounded up)."""
        heights = [int(h * POINT) + 1 for h in (self.header_height, *(r.height for r in rows))]
        frame = slide.shapes.add_table(
            len(heights),
            len(self.widths),
            Emu(box.left),
            Emu(box.top),
            Emu(sum(self.widths)),
            Emu(sum(heights)),
        )
        table = frame.table
        table.first_row = True  # the header row, marked as one
        table.horz_banding = False
        for number, width in enumerate(self.widths):
            table.columns[number].width = Emu(width)
        given = [self.header, *(r.cells for r in rows)]
        for row, height, cells in zip(table.rows, heights, given, strict=True):
            row.height = Emu(height)
            for cell, content in zip(row.cells, cells, strict=True):
                _cell(cell, content)


def _take(pending: list[_Row], grid: _Grid, space: float, full: float) -> list[_Row]:
    """The rows that go on a slide with ``space`` points for them (``full`` on a slide with
    nothing above the table), taken from the front of ``pending``. Rows are kept whole where
    they fit a slide, and shared evenly among the slides the rest need, so that no slide ends
    a table with one short row; a row taller than a slide is cut between two lines."""
    placed: list[_Row] = []
    share = _share(pending, space, full)
    while pending and len(placed) < share:
        row = pending[0]
        if row.height <= space:
            placed.append(pending.pop(0))
            space -= row.height
            continue
        if placed and row.height <= full:
            break  # whole, on the next slide
        cut = grid.cut(row, space)
        if cut is not None:  # else not a line fits under what is above: the next slide
            placed.append(cut[0])
            pending[0] = cut[1]
        break
    return placed


def _share(pending: Sequence[_Row], space: float, full: float) -> int:
    """How many rows a slide takes at most, to share ``pending`` evenly among the slides they
    need: this one, with ``space`` points for them, then as many with ``full`` as it takes."""
    slides = 1
    for row in pending:
        if row.height > space:
            slides += 1
            space = full
        space -= min(row.height, full)
    return -(-len(pending) // slides)


def _cell(cell: _TableCell, content: Cell) -> None:
    cell.margin_left = cell.margin_right = Emu(int(CELL_INSET * POINT))
    cell.margin_top = cell.margin_bottom = Emu(int(CELL_INSET_TOP * POINT))
    cell.vertical_anchor = MSO_ANCHOR.TOP
    if content.fill:
        cell.fill.solid()  # type: ignore[no-untyped-call]
        cell.fill.fore_color.rgb = RGBColor.from_string(content.fill)  # type: ignore[no-untyped-call]
    write(cell.text_frame, content.paras)


def _frame(frame: TextFrame, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Emu(int(INSET * POINT))
    frame.margin_top = frame.margin_bottom = Emu(int(INSET_TOP * POINT))


def write(frame: TextFrame, paras: Sequence[Para], *, body: bool = False) -> None:
    """Replace the text of ``frame`` with ``paras``; in a placeholder's ``body``, a paragraph
    outside a list says it has no bullet (the master's body text has them)."""
    element = frame._txBody
    for old in element.findall(_a("p")):
        element.remove(old)
    part = frame.part
    for para in paras or (Para((), 12.0),):
        p = etree.SubElement(element, _a("p"))
        properties = etree.SubElement(p, _a("pPr"), marL=str(int(para.indent * POINT)), lvl="0")
        if para.marker in ("bullet", "number"):
            properties.set("indent", str(-int(_flow.INDENT * POINT)))
        else:
            properties.set("indent", "0")
        if para.centred:
            properties.set("algn", "ctr")
        etree.SubElement(etree.SubElement(properties, _a("lnSpc")), _a("spcPct"), val="100000")
        before = etree.SubElement(properties, _a("spcBef"))
        etree.SubElement(before, _a("spcPts"), val=str(int(para.space_before * 100)))
        if para.marker == "bullet":
            etree.SubElement(properties, _a("buFont"), typeface=_measure.FONT)
            etree.SubElement(properties, _a("buChar"), char="•")
        elif para.marker == "number":
            etree.SubElement(
                properties, _a("buAutoNum"), type="arabicPeriod", startAt=str(para.number)
            )
        elif body or para.marker == "none":
            etree.SubElement(properties, _a("buNone"))
        for run in para.runs:
            text = clean(run.text)
            if not text:
                continue
            r = etree.SubElement(p, _a("r"))
            _run_properties(r, para, run, part)
            etree.SubElement(r, _a("t")).text = text
        end = etree.SubElement(p, _a("endParaRPr"), lang=LANGUAGE, sz=str(int(para.size * 100)))
        etree.SubElement(end, _a("latin"), typeface=_measure.FONT)


def _run_properties(r: etree._Element, para: Para, run: Run, part: object) -> None:
    properties = etree.SubElement(r, _a("rPr"), lang=LANGUAGE, sz=str(int(para.size * 100)))
    if run.bold:
        properties.set("b", "1")
    if run.italic:
        properties.set("i", "1")
    if para.grey:
        fill = etree.SubElement(properties, _a("solidFill"))
        etree.SubElement(fill, _a("srgbClr"), val=GREY)
    etree.SubElement(properties, _a("latin"), typeface=_measure.FONT)
    etree.SubElement(properties, _a("cs"), typeface=_measure.FONT)
    if run.link is not None:
        rel = part.relate_to(run.link, RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
        etree.SubElement(properties, _a("hlinkClick"), {f"{{{_R}}}id": rel})
