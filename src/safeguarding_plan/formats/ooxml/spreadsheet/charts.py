"""A column chart of one series drawn from a sheet's cells (``xl/charts/chartN.xml``), and the
drawing that places it on the sheet (``xl/drawings/drawingN.xml``).

Elements are written in the order of their ``CT_`` types in the schema (``dml-chart.xsd``),
which Excel holds to. The cells' values are cached in the chart too, so that a viewer that
does not calculate draws it all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from safeguarding_plan.formats.ooxml import escaping

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
EMU_PER_CM = 360_000


class Reference(NamedTuple):
    """A range of a sheet (``'Summary'!$E$12:$E$15``) and the values its cells hold."""

    formula: str
    values: Sequence[str | float]


class ColumnChart(NamedTuple):
    """A column for each category, its value labelled on it, on an axis from ``low`` to
    ``high`` shown in ``number_format``; placed at the top left of row ``row`` (1 is the
    first), ``width`` by ``height`` centimetres."""

    title: str
    category_title: str
    value_title: str
    name: Reference
    """The series' name: one cell, its heading."""
    categories: Reference
    values: Reference
    number_format: str
    low: float
    high: float
    row: int
    width: float
    height: float

    def xml(self) -> str:
        """The chart part."""
        return (
            f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}">'
            '<c:roundedCorners val="0"/><c:chart>'
            f'{_title(self.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
            '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
            '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f"<c:tx>{_strings(self.name)}</c:tx>"
            '<c:spPr><a:solidFill><a:srgbClr val="1F3864"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f"<c:cat>{_strings(self.categories)}</c:cat>"
            f"<c:val>{_numbers(self.values, self.number_format)}</c:val></c:ser>"
            '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
            '</c:dLbls><c:gapWidth val="150"/><c:axId val="10"/><c:axId val="100"/>'
            '</c:barChart><c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/>'
            f'</c:scaling><c:delete val="0"/><c:axPos val="b"/>{_title(self.category_title)}'
            '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
            '<c:tickLblPos val="nextTo"/><c:crossAx val="100"/><c:crosses val="autoZero"/>'
            '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
            '<c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="100"/><c:scaling>'
            f'<c:orientation val="minMax"/><c:max val="{self.high:g}"/><c:min val="{self.low:g}"/>'
            '</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
            f"{_title(self.value_title)}"
            f'<c:numFmt formatCode={escaping.attribute(self.number_format)} sourceLinked="0"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
            '<c:tickLblPos val="nextTo"/><c:crossAx val="10"/><c:crosses val="autoZero"/>'
            '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
        )

    def drawing(self, relationship: str) -> str:
        """The drawing part placing the chart, which its ``relationship`` id names."""
        return (
            f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">'
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{self.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{round(self.width * EMU_PER_CM)}" '
            f'cy="{round(self.height * EMU_PER_CM)}"/>'
            '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
            f'<xdr:cNvPr id="2" name="Chart 1" descr={escaping.attribute(self.title)}/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            f'<a:graphic><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" xmlns:r="{R}" '
            f'r:id="{relationship}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
            "<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
        )


def _title(text: str) -> str:
    """A title of ``text``, a paragraph for each of its lines."""
    paragraphs = "".join(
        f'<a:p><a:pPr><a:defRPr b="1"/></a:pPr><a:r><a:rPr lang="en-GB" b="1"/>'
        f"<a:t>{escaping.text(line)}</a:t></a:r></a:p>"
        for line in text.split("\n")
    )
    return (
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paragraphs}</c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
    )


def _strings(reference: Reference) -> str:
    points = "".join(
        f'<c:pt idx="{n}"><c:v>{escaping.text(str(v))}</c:v></c:pt>'
        for n, v in enumerate(reference.values)
    )
    return (
        f"<c:strRef><c:f>{escaping.text(reference.formula)}</c:f><c:strCache>"
        f'<c:ptCount val="{len(reference.values)}"/>{points}</c:strCache></c:strRef>'
    )


def _numbers(reference: Reference, number_format: str) -> str:
    points = "".join(
        f'<c:pt idx="{n}"><c:v>{float(v)!r}</c:v></c:pt>' for n, v in enumerate(reference.values)
    )
    return (
        f"<c:numRef><c:f>{escaping.text(reference.formula)}</c:f><c:numCache>"
        f"<c:formatCode>{escaping.text(number_format)}</c:formatCode>"
        f'<c:ptCount val="{len(reference.values)}"/>{points}</c:numCache></c:numRef>'
    )
