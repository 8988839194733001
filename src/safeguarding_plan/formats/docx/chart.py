"""A chart in the board paper: its own chart part, drawn inline in a paragraph of its own, the
width of the text, with the chart's title and description as its alternative text.

python-docx has no charts, so the part is added to its package as any other part and saved
with it; the drawing that shows it is written as Word writes one.
"""

from __future__ import annotations

import math

import attrs
from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph

from safeguarding_plan.formats.docx.parts import text_width
from safeguarding_plan.formats.ooxml import chart as chart_part
from safeguarding_plan.reporting.charts import Chart, ChartKind
from safeguarding_plan.text import clean

PART_NAME = "/word/charts/chart%d.xml"
"""Where Word keeps a document's charts; each new one takes the next free number."""

_EMU_PER_TWIP = 635

_LEGEND_ROW = 5
"""The legend entries a row holds, at the text's width, as Word and LibreOffice lay them."""


@attrs.define(repr=False, eq=False)  # compared by identity: one per paper
class Charts:
    """The charts drawn into one document, one after another. Each needs the document's font
    and text width, a part name no part has and a drawing id no drawing has: found once,
    and counted on from there, as finding each walks the whole document (a plan of a
    thousand measures, a chart each, took time growing as their square)."""

    document: Document
    _font: str | None = attrs.field(init=False)
    _width: Length = attrs.field(init=False)
    _taken: set[str] = attrs.field(init=False)
    _number: int = attrs.field(init=False, default=0)
    _drawing: int = attrs.field(init=False)
    _relations: dict[Part, int] = attrs.field(init=False, factory=dict)
    """Each story part's next relationship number: python-docx's ``relate_to`` looks through
    every relationship of the part, twice, for each chart."""

    def __attrs_post_init__(self) -> None:
        package = self.document.part.package
        self._font = self.document.styles["Normal"].font.name  # None: the theme's
        self._width = Length(text_width(self.document) * _EMU_PER_TWIP)
        self._taken = {str(part.partname) for part in package.iter_parts()}
        self._drawing = _next_drawing_id(package)

    def add(self, target: Document | Paragraph, chart: Chart) -> Paragraph:
        """Draw ``chart`` in a new paragraph at the end of the document ``target``, or in
        the paragraph ``target`` (which should hold nothing else); return that paragraph."""
        paragraph = target.add_paragraph() if isinstance(target, Document) else target
        story = paragraph.part
        blob = chart_part.part(chart, self._font)
        part = Part(self._next_name(), CT.DML_CHART, blob, story.package)
        relationship = self._relate(story, part)
        # A house style's exact line height would crop the drawing to one line.
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.add_run()._r.append(
            _inline(chart, relationship, self._width, _height(chart), self._drawing)
        )
        self._drawing += 1
        return paragraph

    def _relate(self, story: Part, part: Part) -> str:
        """A new relationship of ``story`` to the new chart ``part``: its id, the first free
        from the last one given."""
        rels = story.rels
        number = self._relations.get(story)
        if number is None:
            given = [int(r[3:]) for r in rels if r.startswith("rId") and r[3:].isdigit()]
            number = max(given, default=0) + 1
        while f"rId{number}" in rels:
            number += 1
        self._relations[story] = number + 1
        rels.add_relationship(RT.CHART, part, f"rId{number}")
        return f"rId{number}"

    def _next_name(self) -> PackURI:
        self._number += 1
        while PART_NAME % self._number in self._taken:
            self._number += 1
        name = PART_NAME % self._number
        self._taken.add(name)
        return PackURI(name)


def _height(chart: Chart) -> Length:
    """Room for the title, the value axis and its title, and for a bar chart a band for each
    category that holds a bar for each series; a legend when there is more than one, a row
    for each five series (a trend of more priorities wraps its legend)."""
    several = len(chart.series) > 1
    legend = 0.8 * math.ceil(len(chart.series) / _LEGEND_ROW) if several else 0.0
    if chart.small:  # a measure's: low, so that several take little of the page
        return Cm(5.5 + legend)
    if chart.kind is ChartKind.LINE:
        return Cm(8 + legend)
    band = 0.25 + 0.5 * max(len(chart.series), 1)  # a bar as tall as two lines of text
    return Cm(min(2.8 + legend + band * len(chart.categories), 20.0))  # never over a page


def _next_drawing_id(package: OpcPackage) -> int:
    """One more than any drawing's id in the document, its headers and footers: Word wants
    each unique across them, and python-docx numbers a header's pictures on their own."""
    # Each part's tree walked in C for the tag: the XPath ``//wp:docPr/@id`` took a
    # millisecond, most of it in the styles' thousands of elements.
    used = [
        int(value)
        for part in package.iter_parts()
        if isinstance(part, XmlPart)
        for drawing in part.element.getroottree().iter(_DOC_PR)
        if (value := drawing.get("id")) is not None and value.isdigit()
    ]
    return max(used, default=0) + 1


_DOC_PR = qn("wp:docPr")


def _inline(
    chart: Chart, relationship: str, width: Length, height: Length, drawing_id: int
) -> BaseOxmlElement:
    drawing = OxmlElement("w:drawing")
    inline = _add(drawing, "wp:inline", distT="0", distB="0", distL="0", distR="0")
    _add(inline, "wp:extent", cx=str(width), cy=str(height))
    _add(inline, "wp:effectExtent", l="0", t="0", r="0", b="0")
    _add(
        inline,
        "wp:docPr",
        id=str(drawing_id),
        name=f"Chart {drawing_id}",
        descr=clean(chart.description),
        title=clean(chart.title),
    )
    _add(inline, "wp:cNvGraphicFramePr")
    graphic = _add(inline, "a:graphic")
    data = _add(graphic, "a:graphicData", uri=chart_part.C)
    namespaces = {"c": chart_part.C, "r": chart_part.R}
    reference = OxmlElement("c:chart", {qn("r:id"): relationship}, namespaces)
    data.append(reference)
    return drawing


def _add(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag, attributes)
    parent.append(element)
    return element
