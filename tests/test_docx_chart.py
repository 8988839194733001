"""Charts in the Word board paper: a DrawingML chart part each, drawn inline, read back with
python-docx, zipfile and lxml, and laid out by LibreOffice (``pytest -m libreoffice``)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from docx.document import Document
from docx.enum.shape import WD_INLINE_SHAPE
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from libreoffice import convert, pdf_pages
from lxml import etree
from strategies import NASTY_SNIPPETS, long_texts
from test_docx import HOUSE_HEADER, _house_template

from safeguarding_plan.formats.docx import template as wordtemplate
from safeguarding_plan.formats.docx.chart import Charts
from safeguarding_plan.formats.docx.parts import Cell, Table, text_width
from safeguarding_plan.formats.ooxml import word
from safeguarding_plan.formats.ooxml.chart import SERIES_COLOURS, TOTAL_COLOUR
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.text import clean

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}

BY_PRIORITY = Chart(
    kind=ChartKind.BAR,
    title="Actions complete by priority",
    description="Priority 1: 90%. Priority 2: 70%. Priority 3: 100%. Priority 4: 0%.",
    categories=("Priority 1", "Priority 2", "Priority 3", "Priority 4"),
    series=(ChartSeries("Complete", (90.0, 70.0, 100.0, 0.0)),),
    axis="% of actions complete",
)
ACROSS_REVIEWS = Chart(
    kind=ChartKind.LINE,
    title="Actions complete at each review",
    description="June 2021: 40%. October 2021: 73%. February 2022: 79%.",
    categories=("June 2021", "October 2021", "February 2022"),
    series=(
        ChartSeries("Priority 1", (25.0, 50.0, 62.5)),
        ChartSeries("Priority 2", (55.0, 96.0, 95.5)),
        ChartSeries("Whole plan", (40.0, 73.0, 79.0), total=True),
    ),
    axis="% of actions complete",
)


_ns = {"namespaces": NS}


@attrs.frozen
class Drawn:
    """A chart as its part holds it."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    axis: str
    legend: bool


def _read(part: bytes) -> Drawn:
    root = etree.fromstring(part)
    (plot,) = root.xpath("c:chart/c:plotArea/c:barChart | c:chart/c:plotArea/c:lineChart", **_ns)
    categories = None
    series = []
    for ser in plot.xpath("c:ser", **_ns):
        mine = _texts(ser, "c:cat/c:strRef/c:strCache/c:pt/c:v")
        assert categories in (None, mine), "every series has the same categories"
        categories = mine
        (name,) = _texts(ser, "c:tx/c:strRef/c:strCache/c:pt/c:v")
        values = tuple(
            float(v) for v in ser.xpath("c:val/c:numRef/c:numCache/c:pt/c:v/text()", **_ns)
        )
        series.append((name, values))
    return Drawn(
        kind=etree.QName(plot).localname,
        title=_title(root.xpath("c:chart/c:title", **_ns)),
        categories=categories or (),
        series=tuple(series),
        axis=_title(root.xpath("c:chart/c:plotArea/c:valAx/c:title", **_ns)),
        legend=bool(root.xpath("c:chart/c:legend", **_ns)),
    )


def _texts(element: etree._Element, path: str) -> tuple[str, ...]:
    return tuple(found.text or "" for found in element.xpath(path, **_ns))


def _title(found: list[etree._Element]) -> str:
    if not found:
        return ""
    paragraphs = found[0].xpath("c:tx/c:rich/a:p", **_ns)
    return "\n".join("".join(p.xpath("a:r/a:t/text()", **_ns)) for p in paragraphs)


def _drawn(chart: Chart) -> Drawn:
    """What a reader of ``chart`` should find in its part: every text as the sanitiser makes it."""
    return Drawn(
        kind="barChart" if chart.kind is ChartKind.BAR else "lineChart",
        title=clean(chart.title),
        categories=tuple(clean(c) for c in chart.categories),
        series=tuple((clean(s.name), s.values) for s in chart.series),
        axis=clean(chart.axis),
        legend=len(chart.series) > 1,
    )


def _saved(document: Document) -> bytes:
    """``document`` saved as the board paper is: by ``formats.ooxml.word``, with a table written
    at its placeholder while the package is copied."""
    document.element.body.find(qn("w:sectPr")).addprevious(word.placeholder(0))
    table = Table(
        [Cell.of("Heading")],
        [[Cell.of("Row")]],
        [2000],
        caption="T",
        description="D",
        splittable=10,
    )
    out = io.BytesIO()
    word.save(document, [table], out)
    return out.getvalue()


def _parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _charts(package: bytes) -> list[tuple[etree._Element, str, bytes]]:
    """Each chart drawn in the body, in order: its ``wp:docPr``, its part's name and XML."""
    parts = _parts(package)
    body = etree.fromstring(parts["word/document.xml"])
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r for r in rels.xpath("rel:Relationship", **_ns)}
    found = []
    for inline in body.xpath("//wp:inline[a:graphic/a:graphicData/c:chart]", **_ns):
        (reference,) = inline.xpath("a:graphic/a:graphicData/c:chart", **_ns)
        rel = targets[reference.get(qn("r:id"))]
        assert rel.get("Type") == RT.CHART
        name = "word/" + rel.get("Target")
        (docpr,) = inline.xpath("wp:docPr", **_ns)
        found.append((docpr, name, parts[name]))
    return found


def _content_type(package: bytes, name: str) -> str:
    types = etree.fromstring(_parts(package)["[Content_Types].xml"])
    (override,) = types.xpath(f"ct:Override[@PartName='/{name}']", **_ns)
    return str(override.get("ContentType"))


# --- what a chart part holds ----------------------------------------------------------------


def test_a_bar_chart_is_a_part_of_its_own_drawn_the_width_of_the_text() -> None:
    document = wordtemplate.start(None)
    document.add_paragraph("Before")
    Charts(document).add(document, BY_PRIORITY)
    package = _saved(document)
    ((docpr, name, part),) = _charts(package)
    assert name == "word/charts/chart1.xml"
    assert _content_type(package, name) == CT.DML_CHART
    assert (docpr.get("title"), docpr.get("descr")) == (BY_PRIORITY.title, BY_PRIORITY.description)
    assert _read(part) == _drawn(BY_PRIORITY)
    reopened = docx.Document(io.BytesIO(package))
    (shape,) = reopened.inline_shapes
    assert shape.type == WD_INLINE_SHAPE.CHART
    assert shape.width == text_width(reopened) * 635  # twips to EMU: the text column
    assert [p.text for p in reopened.paragraphs] == ["Before", ""]
    assert reopened.tables[0].cell(1, 0).text == "Row"  # the save path still writes tables


def test_a_bar_chart_reads_top_down_on_a_fixed_scale_with_labelled_bars() -> None:
    root = etree.fromstring(_part(BY_PRIORITY))
    plot = "c:chart/c:plotArea"
    assert root.xpath(f"{plot}/c:barChart/c:barDir/@val", **_ns) == ["bar"]
    # Word draws the first category at the bottom unless the axis runs from its maximum.
    assert root.xpath(f"{plot}/c:catAx/c:scaling/c:orientation/@val", **_ns) == ["maxMin"]
    assert _scale(root) == ("0", "100")
    assert _labels(root) == [('0"%"', "1", "0", "0")]
    assert root.xpath(f"{plot}/c:barChart/c:ser/c:spPr/a:solidFill/a:srgbClr/@val", **_ns) == [
        SERIES_COLOURS[0]
    ]


def test_a_line_chart_runs_left_to_right_with_markers_labels_and_a_legend() -> None:
    root = etree.fromstring(_part(ACROSS_REVIEWS))
    plot = "c:chart/c:plotArea"
    assert _read(_part(ACROSS_REVIEWS)) == _drawn(ACROSS_REVIEWS)
    assert root.xpath(f"{plot}/c:catAx/c:scaling/c:orientation/@val", **_ns) == ["minMax"]
    # Each line a marker of its own shape beside its colour; the whole plan's set apart:
    # black, thicker, square, and the only line labelled, as labels where lines meet collide.
    symbols = root.xpath(f"{plot}/c:lineChart/c:ser/c:marker/c:symbol/@val", **_ns)
    assert symbols == ["circle", "diamond", "square"]
    assert _scale(root) == ("0", "100")
    assert _labels(root) == [None, None, ('0"%"', "1", "0", "0")]
    colours = root.xpath(f"{plot}/c:lineChart/c:ser/c:spPr/a:ln/a:solidFill/a:srgbClr/@val", **_ns)
    assert colours == [*SERIES_COLOURS[:2], TOTAL_COLOUR]
    widths = [int(w) for w in root.xpath(f"{plot}/c:lineChart/c:ser/c:spPr/a:ln/@w", **_ns)]
    assert widths[2] > widths[0] == widths[1]
    # Without a whole plan's line, lines of several series are not labelled at all; one is.
    priorities = attrs.evolve(ACROSS_REVIEWS, series=ACROSS_REVIEWS.series[:2])
    assert _labels(etree.fromstring(_part(priorities))) == [None, None]
    one = attrs.evolve(ACROSS_REVIEWS, series=ACROSS_REVIEWS.series[:1])
    assert _labels(etree.fromstring(_part(one))) == [('0"%"', "1", "0", "0")]


def test_one_series_has_no_legend_and_an_untitled_chart_is_not_titled_by_word() -> None:
    untitled = attrs.evolve(ACROSS_REVIEWS, title="", series=ACROSS_REVIEWS.series[:1])
    root = etree.fromstring(_part(untitled))
    assert not root.xpath("c:chart/c:legend | c:chart/c:title", **_ns)
    # Without this flag Word would title a one-series chart with the series' name.
    assert root.xpath("c:chart/c:autoTitleDeleted/@val", **_ns) == ["1"]


def _part(chart: Chart) -> bytes:
    document = docx.Document()
    Charts(document).add(document, chart)
    ((_, _, part),) = _charts(_saved(document))
    return part


def _scale(root: etree._Element) -> tuple[str, str]:
    scaling = "c:chart/c:plotArea/c:valAx/c:scaling"
    (low,) = root.xpath(f"{scaling}/c:min/@val", **_ns)
    (high,) = root.xpath(f"{scaling}/c:max/@val", **_ns)
    return low, high


def _labels(root: etree._Element) -> list[tuple[str, str, str, str] | None]:
    """Each series' data labels: number format, and whether they show value, category, series;
    None for a series whose points show nothing."""
    found: list[tuple[str, str, str, str] | None] = []
    for labels in root.xpath("c:chart/c:plotArea/*/c:ser/c:dLbls", **_ns):
        flags = [
            labels.xpath(f"c:{f}/@val", **_ns)[0]
            for f in ("showVal", "showCatName", "showSerName", "showLegendKey", "showPercent")
        ]
        if set(flags) == {"0"}:
            assert not labels.xpath("c:numFmt", **_ns)
            found.append(None)
            continue
        (code,) = labels.xpath("c:numFmt/@formatCode", **_ns)
        found.append((code, *flags[:3]))
    return found


# Each element's children in the order of its CT_ type in dml-chart.xsd (ECMA-376 Part 1), a
# choice of elements as one place ("valAx|catAx"): Word refuses a part out of this order.
SCHEMA_ORDER = {
    "chartSpace": (
        "date1904", "lang", "roundedCorners", "style", "clrMapOvr", "pivotSource", "protection",
        "chart", "spPr", "txPr", "externalData", "printSettings", "userShapes", "extLst",
    ),
    "chart": (
        "title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall",
        "plotArea", "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst",
    ),
    "title": ("tx", "layout", "overlay", "spPr", "txPr", "extLst"),
    "plotArea": ("layout", "lineChart|barChart", "valAx|catAx", "dTable", "spPr", "extLst"),
    "barChart": (
        "barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap", "serLines",
        "axId", "extLst",
    ),
    "lineChart": (
        "grouping", "varyColors", "ser", "dLbls", "dropLines", "hiLowLines", "upDownBars",
        "marker", "smooth", "axId", "extLst",
    ),
    "barChart/ser": (
        "idx", "order", "tx", "spPr", "invertIfNegative", "pictureOptions", "dPt", "dLbls",
        "trendline", "errBars", "cat", "val", "shape", "extLst",
    ),
    "lineChart/ser": (
        "idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline", "errBars", "cat",
        "val", "smooth", "extLst",
    ),
    "ser/marker": ("symbol", "size", "spPr", "extLst"),
    "dLbls": (
        "dLbl", "delete", "numFmt", "spPr", "txPr", "dLblPos", "showLegendKey", "showVal",
        "showCatName", "showSerName", "showPercent", "showBubbleSize", "separator",
        "showLeaderLines", "leaderLines", "extLst",
    ),
    "strRef": ("f", "strCache", "extLst"),
    "numRef": ("f", "numCache", "extLst"),
    "strCache": ("ptCount", "pt", "extLst"),
    "numCache": ("formatCode", "ptCount", "pt", "extLst"),
    "catAx": (
        "axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title",
        "numFmt", "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx",
        "crosses", "crossesAt", "auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip",
        "noMultiLvlLbl", "extLst",
    ),
    "valAx": (
        "axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title",
        "numFmt", "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx",
        "crosses", "crossesAt", "crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst",
    ),
    "scaling": ("logBase", "orientation", "max", "min", "extLst"),
    "legend": ("legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"),
}  # fmt: skip


@pytest.mark.parametrize("chart", [BY_PRIORITY, ACROSS_REVIEWS], ids=["bar", "line"])
def test_every_element_is_in_the_order_its_schema_type_sets(chart: Chart) -> None:
    root = etree.fromstring(_part(chart))
    checked = set()
    for element in root.iter(f"{{{NS['c']}}}*"):
        name = etree.QName(element).localname
        parent = element.getparent()
        within = f"{etree.QName(parent).localname}/{name}" if parent is not None else name
        key = within if within in SCHEMA_ORDER else name
        children = [
            etree.QName(c).localname for c in element if etree.QName(c).namespace == NS["c"]
        ]
        if key not in SCHEMA_ORDER or not children:
            continue
        order = {name: n for n, place in enumerate(SCHEMA_ORDER[key]) for name in place.split("|")}
        unknown = [c for c in children if c not in order]
        assert not unknown, f"{key} holds {unknown}, which its type does not have"
        places = [order[c] for c in children]
        assert places == sorted(places), f"{key}: {children} is out of order"
        checked.add(key)
    assert len(checked) >= 14  # every kind of element the part holds was looked at


# --- hostile text ---------------------------------------------------------------------------

_HOSTILE = st.one_of(
    st.text(),
    st.sampled_from([*NASTY_SNIPPETS, "]]>", "<![CDATA[x]]>", "\ud800", "a\r\nb"]),
    st.lists(st.sampled_from([*NASTY_SNIPPETS, "]]>", "x"]), max_size=6).map("".join),
    long_texts(2000, 20000),
)


@settings(max_examples=60, deadline=None)
@given(
    title=_HOSTILE,
    description=_HOSTILE,
    axis=_HOSTILE,
    name=_HOSTILE,
    categories=st.lists(_HOSTILE, max_size=4),
    kind=st.sampled_from(ChartKind),
)
def test_any_text_is_written_well_formed_and_read_back_as_the_sanitiser_makes_it(
    *, title: str, description: str, axis: str, name: str, categories: list[str], kind: ChartKind
) -> None:
    values = tuple(float(n * 7 % 101) for n in range(len(categories)))
    chart = Chart(kind, title, description, tuple(categories), (ChartSeries(name, values),), axis)
    document = docx.Document()
    Charts(document).add(document, chart)
    ((docpr, _, part),) = _charts(_saved(document))  # each part parses: well-formed
    assert _read(part) == _drawn(chart)
    assert (docpr.get("title"), docpr.get("descr")) == (clean(title), clean(description))


# --- more than one, and a house template ----------------------------------------------------


def test_two_charts_have_their_own_parts_and_drawing_ids() -> None:
    document = wordtemplate.start(None)
    Charts(document).add(document, BY_PRIORITY)
    document.add_paragraph("Between")
    Charts(document).add(document, ACROSS_REVIEWS)
    package = _saved(document)
    (first, first_name, first_part), (second, second_name, second_part) = _charts(package)
    assert (first_name, second_name) == ("word/charts/chart1.xml", "word/charts/chart2.xml")
    assert first.get("id") != second.get("id")
    assert (_read(first_part), _read(second_part)) == (_drawn(BY_PRIORITY), _drawn(ACROSS_REVIEWS))


def test_charts_are_related_without_looking_through_every_relationship(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # python-docx's relate_to looks through every relationship of the part for each new one:
    # a plan of a thousand measures, a chart each, took time growing as their square.
    from docx.opc.rel import Relationships

    document = wordtemplate.start(None)
    document.part.relate_to("https://example.org/", RT.HYPERLINK, is_external=True)
    before = set(document.part.rels)

    def looked(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("looked through the relationships")

    monkeypatch.setattr(Relationships, "_get_matching", looked)
    charts = Charts(document)
    for chart in (BY_PRIORITY, ACROSS_REVIEWS, BY_PRIORITY):
        charts.add(document, chart)
    added = {r: document.part.rels[r] for r in set(document.part.rels) - before}
    assert len(added) == 3  # each its own id, none taken before
    assert all(rel.reltype == RT.CHART for rel in added.values())
    monkeypatch.undo()
    package = _saved(document)
    assert len(_charts(package)) == 3


def test_a_chart_goes_in_the_paragraph_it_is_given() -> None:
    document = wordtemplate.start(None)
    document.add_paragraph("Heading", style="Heading 1")
    place = document.add_paragraph(style="Normal")
    document.add_paragraph("After")
    assert Charts(document).add(place, BY_PRIORITY) is place
    reopened = docx.Document(io.BytesIO(_saved(document)))
    assert [p.text for p in reopened.paragraphs] == ["Heading", "", "After"]
    drawn_in = reopened.paragraphs[1]._p.xpath(".//c:chart")
    assert len(drawn_in) == 1


def test_a_chart_on_a_house_template_keeps_its_header_logo_and_a_line_tall_enough(
    tmp_path: Path,
) -> None:
    house = _house_template(tmp_path / "house.docx")
    styled = docx.Document(str(house))
    normal = styled.styles["Normal"].paragraph_format
    normal.line_spacing_rule, normal.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(14)
    Charts(styled).add(styled, BY_PRIORITY)  # a template may hold a chart of its own
    styled.save(house)
    document = wordtemplate.start(house)
    Charts(document).add(document, ACROSS_REVIEWS)
    package = _saved(document)
    ((docpr, name, part),) = _charts(package)
    assert _read(part) == _drawn(ACROSS_REVIEWS)
    assert name != "word/charts/chart1.xml"  # the template's own chart part is not overwritten
    reopened = docx.Document(io.BytesIO(package))
    header = reopened.sections[0].header
    assert header.paragraphs[0].text == HOUSE_HEADER
    # Word wants drawing ids unique across the body and the header with the logo.
    header_ids = header._element.xpath(".//wp:docPr/@id")
    assert header_ids
    assert docpr.get("id") not in header_ids
    (paragraph,) = [p for p in reopened.paragraphs if p._p.xpath(".//c:chart")]
    assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
    assert reopened.inline_shapes[0].width == text_width(reopened) * 635


def test_a_bar_chart_grows_with_its_bars_and_never_beyond_a_page() -> None:
    def height(categories: int, series: int = 1) -> int:
        chart = attrs.evolve(
            BY_PRIORITY,
            categories=tuple(f"Priority {n}" for n in range(categories)),
            series=tuple(ChartSeries(str(s), (50.0,) * categories) for s in range(series)),
        )
        document = docx.Document()
        Charts(document).add(document, chart)
        return int(document.inline_shapes[0].height)

    assert height(2) < height(6) < height(6, series=2) <= Cm(20)
    assert height(200) == Cm(20)


# --- laid out by LibreOffice ----------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_draws_both_kinds_with_their_titles_labels_and_values(tmp_path: Path) -> None:
    document = wordtemplate.start(None)
    Charts(document).add(document, BY_PRIORITY)
    Charts(document).add(document, ACROSS_REVIEWS)
    paper = tmp_path / "charts.docx"
    paper.write_bytes(_saved(document))
    convert(paper, "pdf")
    text = "\n".join(pdf_pages(paper.with_suffix(".pdf")))
    for chart in (BY_PRIORITY, ACROSS_REVIEWS):
        assert chart.title in text
        assert chart.axis in text
        for category in chart.categories:
            assert category in text
    # The bars' values and the whole plan's line's; the priorities' lines are not labelled.
    for value in ("90%", "70%", "100%", "0%", "40%", "73%", "79%"):
        assert re.search(rf"(?<![\d.]){re.escape(value)}", text), value
    for value in ("25%", "55%", "96%"):
        assert not re.search(rf"(?<![\d.]){re.escape(value)}", text), value
    bars = [text.index(category) for category in BY_PRIORITY.categories]
    assert bars == sorted(bars), "the bars read top to bottom in the order given"
    assert "Whole plan" in text  # the legend of the two-series chart


def test_charts_of_one_document_look_through_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each chart looked through the whole document for a free part name and drawing id: a
    # plan of a thousand measures, a chart each, took time growing as their square.
    from safeguarding_plan.formats.docx import chart as charts

    walks: list[int] = []
    width = charts.text_width
    monkeypatch.setattr(charts, "text_width", lambda d: walks.append(1) or width(d))
    document = wordtemplate.start(None)
    drawing = Charts(document)
    for _ in range(5):
        drawing.add(document, BY_PRIORITY)
    assert walks == [1]
    reopened = docx.Document(io.BytesIO(_saved(document)))
    ids = reopened.element.body.xpath(".//wp:docPr/@id")
    names = [p.partname for p in reopened.part.package.iter_parts() if "chart" in p.partname]
    assert len(set(ids)) == len(ids) == 5
    assert len(set(names)) == 5
