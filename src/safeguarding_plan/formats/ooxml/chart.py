"""A chart part (DrawingML, ``word/charts/chartN.xml``) from a report's ``Chart``: bars or a
line of percentages, drawn by Word or LibreOffice from the numbers it holds.

Elements are written in the order of their ``CT_`` types in the schema (``dml-chart.xsd``):
Word refuses a chart whose elements are out of order, where LibreOffice reads on. A
``CT_Boolean`` left without ``val`` means true, so every flag is written with its value.

The numbers are the chart's cached values, with no workbook embedded: Word and LibreOffice
draw the chart from the cache, and Word's Edit Data has no workbook to open (it does nothing,
or says the linked file isn't available). That is meant: the numbers are the plan's, changed
in the plan and exported again, never in the paper.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from safeguarding_plan.formats.ooxml.spreadsheet import cells
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.text import clean

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
"""The namespace of a chart part, and of the ``graphicData`` that holds one."""
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NAMESPACES = {"c": C, "a": A, "r": R}

SERIES_COLOURS = ("1F3864", "C55A11", "375623", "7030A0", "595959")
"""One colour per series, in turn: the house dark blue, then an orange that readers with the
commoner colour blindness still tell from it, then more; each above the 3:1 on white that
WCAG asks of a graphic's parts (the rating tints of ``palette`` are too light to draw with).
A legend names the series whenever there is more than one."""

TOTAL_COLOUR = "000000"
"""The whole plan's line, beside the priorities': black, thicker, with square markers."""

MARKERS = ("circle", "diamond", "triangle", "x")
"""One marker shape per line, in turn, beside its colour; the whole plan's is a square. One
fewer than the colours, so that no two of twenty lines have both alike."""

PERCENT = '0"%"'
"""A value as its data label shows it: 73 is ``73%`` (the values are percentages already)."""

_SHEET = "Sheet1"
"""The sheet the references name, as Word names a chart's own; the cache holds the values."""

_TEXT = 1000
_TITLE = 1200
"""Sizes of text in hundredths of a point: labels and axes, and the chart's title."""

_GRID = "D9D9D9"
_LINE = "808080"

_CATEGORY_AXIS, _VALUE_AXIS = "100001", "100002"


def part(chart: Chart, font: str | None = None) -> bytes:
    """The chart part's XML for ``chart``: every text cleaned, every value cached, in the
    typeface ``font`` (None: the document theme's body font)."""
    space = etree.Element(f"{{{C}}}chartSpace", nsmap=_NAMESPACES)
    _flag(space, "c:date1904", False)
    _el(space, "c:lang", val="en-GB")
    _flag(space, "c:roundedCorners", False)
    body = _el(space, "c:chart")
    title = clean(chart.title)
    if title:
        _title(body, title, _TITLE)
    _flag(body, "c:autoTitleDeleted", not title)  # else Word titles it with the series' name
    plot = _el(body, "c:plotArea")
    _el(plot, "c:layout")
    bar = chart.kind is ChartKind.BAR
    kind = _el(plot, "c:barChart" if bar else "c:lineChart")
    if bar:
        _el(kind, "c:barDir", val="bar")
    _el(kind, "c:grouping", val="clustered" if bar else "standard")
    _flag(kind, "c:varyColors", False)
    categories = [clean(category) for category in chart.categories]
    shown = number_format(chart)
    several = len(chart.series) > 1
    for number, series in enumerate(chart.series):
        _series(
            kind,
            number,
            series,
            categories,
            shown=shown,
            bar=bar,
            labelled=bar or not several or series.total,
        )
    if bar:
        _el(kind, "c:gapWidth", val="60")
    else:
        _flag(kind, "c:marker", True)
    _el(kind, "c:axId", val=_CATEGORY_AXIS)
    _el(kind, "c:axId", val=_VALUE_AXIS)
    _category_axis(plot, bar=bar)
    _value_axis(plot, clean(chart.axis), chart, bar=bar)
    if len(chart.series) > 1:
        legend = _el(body, "c:legend")
        _el(legend, "c:legendPos", val="b")
        _flag(legend, "c:overlay", False)
    _flag(body, "c:plotVisOnly", True)
    _el(body, "c:dispBlanksAs", val="gap")
    _shape(space, fill="FFFFFF")
    _text_properties(space, _TEXT, font)
    return bytes(etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True))


def _series(
    kind: etree._Element,
    number: int,
    drawn: ChartSeries,
    categories: Sequence[str],
    *,
    shown: str,
    bar: bool,
    labelled: bool,
) -> None:
    series = _el(kind, "c:ser")
    _el(series, "c:idx", val=str(number))
    _el(series, "c:order", val=str(number))
    column = cells.column(number + 2)  # the categories are column A
    tx = _el(series, "c:tx")
    _strings(tx, f"{_SHEET}!${column}$1", [clean(drawn.name)])
    colour = TOTAL_COLOUR if drawn.total else SERIES_COLOURS[number % len(SERIES_COLOURS)]
    if bar:
        _shape(series, fill=colour)
        _flag(series, "c:invertIfNegative", False)
    else:
        _shape(series, line=colour, width=44450 if drawn.total else 28575)  # 3.5 pt, 2.25 pt
        marker = _el(series, "c:marker")
        # A shape beside each colour, so that two lines of one colour (a sixth priority's and
        # the first's) are still told apart, and in print in black and white too.
        symbol = "square" if drawn.total else MARKERS[number % len(MARKERS)]
        _el(marker, "c:symbol", val=symbol)
        _el(marker, "c:size", val="9" if drawn.total else "7")
        _shape(marker, fill=colour, line=colour)
    labels = _el(series, "c:dLbls")
    if labelled:
        _el(labels, "c:numFmt", formatCode=shown, sourceLinked="0")
        _el(labels, "c:dLblPos", val="outEnd" if bar else "t")
    for flag in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent"):
        _flag(labels, f"c:{flag}", labelled and flag == "showVal")
    _flag(labels, "c:showBubbleSize", False)
    last = len(categories) + 1
    _strings(_el(series, "c:cat"), f"{_SHEET}!$A$2:$A${last}", categories)
    _numbers(_el(series, "c:val"), f"{_SHEET}!${column}$2:${column}${last}", drawn.values, shown)
    if not bar:
        _flag(series, "c:smooth", False)


def _strings(parent: etree._Element, reference: str, texts: Sequence[str]) -> None:
    ref = _el(parent, "c:strRef")
    _el(ref, "c:f").text = reference
    cache = _el(ref, "c:strCache")
    _el(cache, "c:ptCount", val=str(len(texts)))
    for index, text in enumerate(texts):
        _el(_el(cache, "c:pt", idx=str(index)), "c:v").text = text


def _numbers(
    parent: etree._Element, reference: str, values: Sequence[float | None], shown: str
) -> None:
    ref = _el(parent, "c:numRef")
    _el(ref, "c:f").text = reference
    cache = _el(ref, "c:numCache")
    _el(cache, "c:formatCode").text = shown
    _el(cache, "c:ptCount", val=str(len(values)))
    for index, value in enumerate(values):
        if value is not None:  # no point: a gap in the line, never a 0
            _el(_el(cache, "c:pt", idx=str(index)), "c:v").text = repr(float(value))


def number_format(chart: Chart) -> str:
    """How a value's label is shown: ``0"%"`` for a percentage (``PERCENT``), ``"£"#,##0``
    for pounds, ``#,##0.00`` for a rate written to two places."""
    places = f".{'0' * chart.decimals}" if chart.decimals else ""
    before = f'"{chart.before}"' if chart.before else ""
    after = f'"{chart.after}"' if chart.after else ""
    if chart.after == "%" and not chart.before and not chart.decimals:
        return PERCENT
    return f"{before}#,##0{places}{after}"


def _category_axis(plot: etree._Element, *, bar: bool) -> None:
    axis = _el(plot, "c:catAx")
    _el(axis, "c:axId", val=_CATEGORY_AXIS)
    # Word draws a bar chart's first category at the bottom; reversed, the first is on top.
    _el(_el(axis, "c:scaling"), "c:orientation", val="maxMin" if bar else "minMax")
    _flag(axis, "c:delete", False)
    _el(axis, "c:axPos", val="l" if bar else "b")
    _el(axis, "c:majorTickMark", val="none")
    _el(axis, "c:minorTickMark", val="none")
    _el(axis, "c:tickLblPos", val="nextTo")
    _shape(axis, line=_LINE)
    _el(axis, "c:crossAx", val=_VALUE_AXIS)
    _el(axis, "c:crosses", val="autoZero")
    _flag(axis, "c:auto", True)
    _el(axis, "c:lblAlgn", val="ctr")
    _el(axis, "c:lblOffset", val="100")
    _flag(axis, "c:noMultiLvlLbl", True)


def _value_axis(plot: etree._Element, title: str, chart: Chart, *, bar: bool) -> None:
    axis = _el(plot, "c:valAx")
    _el(axis, "c:axId", val=_VALUE_AXIS)
    scaling = _el(axis, "c:scaling")
    _el(scaling, "c:orientation", val="minMax")
    _el(scaling, "c:max", val=f"{chart.high:g}")
    _el(scaling, "c:min", val=f"{chart.low:g}")
    _flag(axis, "c:delete", False)
    _el(axis, "c:axPos", val="b" if bar else "l")
    _shape(_el(axis, "c:majorGridlines"), line=_GRID)
    if title:
        _title(axis, title, _TEXT)
    # A percentage's axis in whole numbers; a measure's in as many places as its steps need.
    _el(axis, "c:numFmt", formatCode="General" if chart.small else "0", sourceLinked="0")
    _el(axis, "c:majorTickMark", val="out")
    _el(axis, "c:minorTickMark", val="none")
    _el(axis, "c:tickLblPos", val="nextTo")
    _shape(axis, line=_LINE)
    _el(axis, "c:crossAx", val=_CATEGORY_AXIS)
    # Under the bars: the category axis runs top to bottom, so its maximum is at the foot.
    _el(axis, "c:crosses", val="max" if bar else "autoZero")
    _el(axis, "c:crossBetween", val="between")
    _el(axis, "c:majorUnit", val=f"{(chart.high - chart.low) / 5:g}")


def _title(parent: etree._Element, text: str, size: int) -> None:
    """A title of ``text`` (cleaned), a paragraph for each of its lines, in bold."""
    title = _el(parent, "c:title")
    rich = _el(_el(title, "c:tx"), "c:rich")
    _el(rich, "a:bodyPr")
    _el(rich, "a:lstStyle")
    for line in text.split("\n"):
        paragraph = _el(rich, "a:p")
        _el(_el(paragraph, "a:pPr"), "a:defRPr", sz=str(size), b="1")
        if line:
            run = _el(paragraph, "a:r")
            _el(run, "a:rPr", lang="en-GB", sz=str(size), b="1")
            _el(run, "a:t").text = line
    _flag(title, "c:overlay", False)


def _text_properties(parent: etree._Element, size: int, font: str | None) -> None:
    """The chart's text: ``size``, in ``font`` for every script (as the paper's styles set it)."""
    text = _el(parent, "c:txPr")
    _el(text, "a:bodyPr")
    _el(text, "a:lstStyle")
    paragraph = _el(text, "a:p")
    defaults = _el(_el(paragraph, "a:pPr"), "a:defRPr", sz=str(size))
    if font:
        for script in ("a:latin", "a:ea", "a:cs"):
            _el(defaults, script, typeface=clean(font))
    _el(paragraph, "a:endParaRPr", lang="en-GB")


def _shape(
    parent: etree._Element, *, fill: str | None = None, line: str | None = None, width: int = 9525
) -> None:
    """Shape properties: a solid fill and a solid line of ``width`` EMU, or none of either."""
    shape = _el(parent, "c:spPr")
    if fill is None:
        _el(shape, "a:noFill")
    else:
        _el(_el(shape, "a:solidFill"), "a:srgbClr", val=fill)
    outline = _el(shape, "a:ln", w=str(width))
    if line is None:
        _el(outline, "a:noFill")
    else:
        _el(_el(outline, "a:solidFill"), "a:srgbClr", val=line)


def _flag(parent: etree._Element, tag: str, value: bool) -> None:
    _el(parent, tag, val="1" if value else "0")


def _el(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    prefix, name = tag.split(":")
    return etree.SubElement(parent, f"{{{_NAMESPACES[prefix]}}}{name}", attributes)
