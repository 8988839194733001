"""A native chart written as text: the chart part's DrawingML, the workbook behind it (which
PowerPoint opens to edit the chart's data) and the graphic frame that shows it on a slide.

python-pptx writes a chart's workbook with xlsxwriter, whose import took about a tenth of the
time of writing a deck from the command line. The chart needs one small sheet, written here
and zipped as the deck is (``_zip``), and its XML is written with the structure python-pptx
gives it. Every piece of plan text is cleaned and escaped (``_xml.escape``) where it is
written.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence

from safeguarding_plan.plugin import Chart, ChartKind, ChartSeries, clean
from safeguarding_plan_pptx import _measure, _xml, _zip

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
FORMAT = '0"%"'
"""Each value as a whole percentage: the label and the axis read ``90%``."""
SIZE = 14.0
"""The chart's text, in points: its labels, axis and legend."""
CELL_LIMIT = 32_767
"""The most characters an Excel cell holds: a longer name is cut there in the sheet only."""

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FORMAT_ATTRIBUTE = FORMAT.replace('"', "&quot;")
_SMOOTH = '<c:smooth val="0"/>'
# The axis ids python-pptx gives each kind of chart: any pair would do, these are its own.
_AXES = {
    ChartKind.BAR: ("-2068027336", "-2113994440"),
    ChartKind.LINE: ("2118791784", "2140495176"),
}


def part(chart: Chart) -> bytes:
    """The chart part of ``chart``: a clustered bar chart, its first category at the top, or a
    line chart with markers; values labelled, the value axis 0 to 100 and titled with the
    chart's axis, a legend below only when there are several series."""
    bar = chart.kind is ChartKind.BAR
    category, value = _AXES[chart.kind]
    count = len(chart.categories)
    names = "".join(
        f'<c:pt idx="{index}"><c:v>{_xml.escape(name)}</c:v></c:pt>'
        for index, name in enumerate(chart.categories)
    )
    # Each series names the same categories, in column A of the sheet.
    categories = (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${count + 1}</c:f>"
        f'<c:strCache><c:ptCount val="{count}"/>{names}</c:strCache></c:strRef></c:cat>'
    )
    series = "".join(
        _series(chart.series[number], number, categories, bar)
        for number in range(len(chart.series))
    )
    labels = (
        f'<c:dLbls><c:numFmt formatCode="{_FORMAT_ATTRIBUTE}" sourceLinked="0"/>'
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
        '<c:showLeaderLines val="1"/></c:dLbls>'
    )
    axes = f'<c:axId val="{category}"/><c:axId val="{value}"/>'
    if bar:
        plot = (
            f'<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>{series}{labels}'
            f"{axes}</c:barChart>"
        )
    else:
        plot = (
            f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}{labels}'
            f'<c:marker val="1"/><c:smooth val="0"/>{axes}</c:lineChart>'
        )
    # A bar chart's categories run down from the top (reversed), so the value axis crosses at
    # the last of them to stay along the foot.
    category_axis = (
        f'<c:catAx><c:axId val="{category}"/>'
        f'<c:scaling><c:orientation val="{"maxMin" if bar else "minMax"}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"l" if bar else "b"}"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{value}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    # Each line of the axis's title a paragraph, as python-pptx sets a text.
    title = "".join(
        f"<a:p><a:r><a:t>{_xml.escape(line)}</a:t></a:r></a:p>"
        for line in clean(chart.axis).split("\n")
    )
    value_axis = (
        f'<c:valAx><c:axId val="{value}"/>'
        '<c:scaling><c:max val="100.0"/><c:min val="0.0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"b" if bar else "l"}"/><c:majorGridlines/>'
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>{title}</c:rich></c:tx>"
        '<c:layout/><c:overlay val="0"/></c:title>'
        f'<c:numFmt formatCode="{_FORMAT_ATTRIBUTE}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{category}"/><c:crosses val="{"max" if bar else "autoZero"}"/>'
        "</c:valAx>"
    )
    legend = ""
    if len(chart.series) > 1:
        layout = "" if bar else "<c:layout/>"
        legend = f'<c:legend><c:legendPos val="b"/>{layout}<c:overlay val="0"/></c:legend>'
    shown = '<c:dispBlanksAs val="gap"/>'
    if not bar:
        shown = f'<c:plotVisOnly val="1"/>{shown}<c:showDLblsOverMax val="0"/>'
    text = (
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="{int(SIZE * 100)}"><a:latin typeface="{_measure.FONT}"/></a:defRPr>'
        f'</a:pPr><a:endParaRPr lang="{_xml.LANGUAGE}"/></a:p></c:txPr>'
    )
    # The workbook's c:externalData goes after c:txPr when python-pptx relates the workbook.
    return (
        f'{_HEAD}<c:chartSpace xmlns:c="{C}" xmlns:a="{_xml.A}" xmlns:r="{_xml.R}">'
        '<c:date1904 val="0"/><c:chart><c:autoTitleDeleted val="1"/>'
        f"<c:plotArea>{plot}{category_axis}{value_axis}</c:plotArea>{legend}{shown}</c:chart>"
        f"{text}</c:chartSpace>"
    ).encode()


def _series(series: ChartSeries, number: int, categories: str, bar: bool) -> str:
    """The ``number``-th series as ``c:ser``: its name, the ``categories`` and its values,
    each with the cells of the sheet they come from."""
    column, last = _column(number + 2), len(series.values) + 1
    values = "".join(
        f'<c:pt idx="{index}"><c:v>{shown}</c:v></c:pt>' for index, shown in _numbers(series.values)
    )
    return (
        f'<c:ser><c:idx val="{number}"/><c:order val="{number}"/>'
        f"<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f>"
        f'<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{_xml.escape(series.name)}</c:v>'
        "</c:pt></c:strCache></c:strRef></c:tx>"
        f"{categories}<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${last}</c:f>"
        f'<c:numCache><c:formatCode>{FORMAT}</c:formatCode><c:ptCount val="{len(series.values)}"/>'
        f"{values}</c:numCache></c:numRef></c:val>{'' if bar else _SMOOTH}</c:ser>"
    )


def _numbers(values: Sequence[float | None]) -> Iterator[tuple[int, str]]:
    """Each value that is there, with its place, as XML writes a number: a missing value (or
    one that is no number) is left out, a gap in the chart and an empty cell in the sheet."""
    for index, value in enumerate(values):
        if value is not None and math.isfinite(value):
            yield index, str(value) if isinstance(value, int) else repr(float(value))


def _column(number: int) -> str:
    """The letters of the sheet's ``number``-th column: 1 is A, 27 is AA."""
    letters = ""
    while number:
        number, left = divmod(number - 1, 26)
        letters = chr(ord("A") + left) + letters
    return letters


def frame(shape_id: int, box: tuple[int, int, int, int], rel: str, chart: Chart) -> str:
    """The graphic frame showing the chart part related as ``rel`` at ``box`` (left, top,
    width, height in EMU), the chart's title and description its alternative text."""
    left, top, width, height = box
    return (
        "<p:graphicFrame><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name="Chart {shape_id - 1}" '
        f'descr="{_attribute(chart.description)}" title="{_attribute(chart.title)}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
        "<p:nvPr/></p:nvGraphicFramePr>"
        f'<p:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="{rel}"/>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _attribute(text: str) -> str:
    """Plan text for an attribute, its line breaks and tabs kept (a plain one would be read
    back as a space)."""
    escaped = _xml.escape(text).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\t", "&#9;")


# --- the workbook ----------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_OFFICE}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # Two cell formats: the default, and the values' percentage (style 1).
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{_FORMAT_ATTRIBUTE}"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def workbook(chart: Chart) -> bytes:
    """The chart's data as the sheet ``Sheet1`` of an Excel workbook, where the chart's
    references point: the categories down column A from row 2, each series' name in row 1
    and its values under it."""
    rows = ["".join(_text(_column(number + 2), 1, s.name) for number, s in enumerate(chart.series))]
    columns = [dict(_numbers(series.values)) for series in chart.series]
    for index, name in enumerate(chart.categories):
        row = index + 2
        cells = [_text("A", row, name)]
        for number, shown in enumerate(columns):
            # A missing value's cell is left empty, formatted for one to be typed in.
            value = f"<v>{shown[index]}</v>" if index in shown else ""
            cells.append(f'<c r="{_column(number + 2)}{row}" s="1">{value}</c>')
        rows.append("".join(cells))
    sheet = (
        f'<worksheet xmlns="{_MAIN}">'
        # Column A as wide as python-pptx made it, wide enough for "Priority 1".
        '<cols><col min="1" max="1" width="10.7109375" customWidth="1"/></cols><sheetData>'
        + "".join(f'<row r="{row}">{cells}</row>' for row, cells in enumerate(rows, 1))
        + "</sheetData></worksheet>"
    )
    stream = io.BytesIO()
    # Zipped as the deck is (``_zip``), with a fixed date: the same chart, the same bytes.
    package = _zip.Archive(stream, dated=(1980, 1, 1, 0, 0, 0))
    for name, xml in (*_PARTS.items(), ("xl/worksheets/sheet1.xml", sheet)):
        package.write(name, (_HEAD + xml).encode())
    package.close()
    return stream.getvalue()


def _text(column: str, row: int, text: str) -> str:
    """A cell holding ``text`` as an inline string, cut to what a cell holds."""
    kept = clean(text)[:CELL_LIMIT]
    return (
        f'<c r="{column}{row}" t="inlineStr"><is><t xml:space="preserve">'
        f"{_xml.escape(kept)}</t></is></c>"
    )
