"""A workbook written out: its sheets, their tables and charts, its styles and document
properties, each a part of the package with the content type and relationships Excel and
LibreOffice look for, zipped as it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import IO, NamedTuple

from safeguarding_plan.formats.ooxml import escaping
from safeguarding_plan.formats.ooxml.spreadsheet import worksheet
from safeguarding_plan.formats.ooxml.spreadsheet.charts import ColumnChart
from safeguarding_plan.formats.ooxml.spreadsheet.styles import MAIN, Stylesheet
from safeguarding_plan.formats.ooxml.spreadsheet.worksheet import Sheet, Table
from safeguarding_plan.formats.ooxml.streaming import write_batched
from safeguarding_plan.formats.ooxml.zipping import Archive

OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPE = "application/vnd.openxmlformats-officedocument"
TYPES = {
    "workbook": f"{TYPE}.spreadsheetml.sheet.main+xml",
    "worksheet": f"{TYPE}.spreadsheetml.worksheet+xml",
    "styles": f"{TYPE}.spreadsheetml.styles+xml",
    "table": f"{TYPE}.spreadsheetml.table+xml",
    "drawing": f"{TYPE}.drawing+xml",
    "chart": f"{TYPE}.drawingml.chart+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": f"{TYPE}.extended-properties+xml",
}
"""Each kind of part's content type."""
RELATION = {
    "officeDocument": f"{OFFICE}/relationships/officeDocument",
    "core": f"{PACKAGE}/relationships/metadata/core-properties",
    "app": f"{OFFICE}/relationships/extended-properties",
    "worksheet": f"{OFFICE}/relationships/worksheet",
    "styles": f"{OFFICE}/relationships/styles",
    "table": f"{OFFICE}/relationships/table",
    "drawing": f"{OFFICE}/relationships/drawing",
    "chart": f"{OFFICE}/relationships/chart",
}
"""Each kind of relationship's type."""


class Page(NamedTuple):
    """A sheet to write: its settings, its rows (``cells.rows``), and its table or chart."""

    sheet: Sheet
    rows: Iterable[str]
    table: Table | None = None
    chart: ColumnChart | None = None


class Properties(NamedTuple):
    """The document's properties, each one line of at most 255 characters."""

    title: str = ""
    subject: str = ""
    creator: str = ""
    """Also the last to modify it."""


def write(
    stream: IO[bytes], pages: Sequence[Page], styles: Stylesheet, properties: Properties
) -> None:
    """The workbook of ``pages``, in order, to ``stream``, its styles those ``styles`` numbered
    for the rows (written last, after every row is made)."""
    parts = _Parts(pages)
    sheets = [("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(pages) + 1)]
    with Archive(stream) as package:
        package.writestr("[Content_Types].xml", parts.content_types())
        package.writestr("_rels/.rels", _relationships(
            [("officeDocument", "xl/workbook.xml"), ("core", "docProps/core.xml"),
             ("app", "docProps/app.xml")]
        ))  # fmt: skip
        package.writestr("docProps/core.xml", _core(properties))
        package.writestr("docProps/app.xml", _APP)
        package.writestr("xl/workbook.xml", _workbook(pages))
        package.writestr(
            "xl/_rels/workbook.xml.rels", _relationships([*sheets, ("styles", "styles.xml")])
        )
        for number, page in enumerate(pages, start=1):
            _sheet(package, number, page, parts)
        package.writestr("xl/styles.xml", styles.xml())


def _sheet(package: Archive, number: int, page: Page, parts: _Parts) -> None:
    """Sheet ``number``'s part, and its table's or its chart's and the drawing placing it."""
    related: list[tuple[str, str]] = []
    drawing = table = None
    if page.chart is not None:
        chart = parts.charts[number]
        drawing = f"rId{len(related) + 1}"
        related.append(("drawing", f"../drawings/drawing{chart}.xml"))
        package.writestr(f"xl/drawings/drawing{chart}.xml", page.chart.drawing("rId1"))
        package.writestr(
            f"xl/drawings/_rels/drawing{chart}.xml.rels",
            _relationships([("chart", f"../charts/chart{chart}.xml")]),
        )
        package.writestr(f"xl/charts/chart{chart}.xml", page.chart.xml())
    if page.table is not None:
        numbered = parts.tables[number]
        table = f"rId{len(related) + 1}"
        related.append(("table", f"../tables/table{numbered}.xml"))
        package.writestr(f"xl/tables/table{numbered}.xml", page.table.xml(numbered))
    if related:
        package.writestr(f"xl/worksheets/_rels/sheet{number}.xml.rels", _relationships(related))
    with package.open(f"xl/worksheets/sheet{number}.xml") as part:
        write_batched(part, worksheet.xml(page.sheet, page.rows, drawing=drawing, table=table))


class _Parts:
    """The numbers of the pages' tables and charts, each counted from 1 in the workbook."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self.pages = pages
        self.tables = _numbered(n for n, page in enumerate(self.pages, 1) if page.table)
        self.charts = _numbered(n for n, page in enumerate(self.pages, 1) if page.chart)

    def content_types(self) -> str:
        parts = [
            ("/xl/workbook.xml", "workbook"),
            ("/xl/styles.xml", "styles"),
            ("/docProps/core.xml", "core"),
            ("/docProps/app.xml", "app"),
            *((f"/xl/worksheets/sheet{n}.xml", "worksheet") for n in range(1, len(self.pages) + 1)),
            *((f"/xl/tables/table{n}.xml", "table") for n in self.tables.values()),
            *((f"/xl/drawings/drawing{n}.xml", "drawing") for n in self.charts.values()),
            *((f"/xl/charts/chart{n}.xml", "chart") for n in self.charts.values()),
        ]
        overrides = "".join(
            f'<Override PartName="{name}" ContentType="{TYPES[kind]}"/>' for name, kind in parts
        )
        return (
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        )


def _numbered(pages: Iterable[int]) -> dict[int, int]:
    return {page: n for n, page in enumerate(pages, start=1)}


def _relationships(targets: Sequence[tuple[str, str]]) -> str:
    listed = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATION[kind]}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'<Relationships xmlns="{PACKAGE}/relationships">{listed}</Relationships>'


def _workbook(pages: Sequence[Page]) -> str:
    hidden = ' state="hidden"'
    sheets = "".join(
        f'<sheet name={escaping.attribute(page.sheet.name)} sheetId="{n}"'
        f'{hidden if page.sheet.hidden else ""} r:id="rId{n}"/>'
        for n, page in enumerate(pages, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
        f"{escaping.text(worksheet.title_rows(page.sheet))}</definedName>"
        for n, page in enumerate(pages)
        if page.sheet.title_row
    )
    return (
        f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}/relationships">'
        '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets>"
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _core(properties: Properties) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    stamp = 'xsi:type="dcterms:W3CDTF"'
    given = (
        ("dc:title", properties.title),
        ("dc:subject", properties.subject),
        ("dc:creator", properties.creator),
        ("cp:lastModifiedBy", properties.creator),
    )
    said = "".join(f"<{tag}>{escaping.text(text)}</{tag}>" for tag, text in given if text)
    return (
        f"<cp:coreProperties "
        f'xmlns:cp="{PACKAGE}/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{said}<dcterms:created {stamp}>{now}</dcterms:created>"
        f"<dcterms:modified {stamp}>{now}</dcterms:modified></cp:coreProperties>"
    )


_APP = (
    f'<Properties xmlns="{OFFICE}/extended-properties">'
    "<Application>safeguarding-plan</Application></Properties>"
)
