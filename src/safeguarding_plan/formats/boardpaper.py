"""The board paper as a Word document, built with python-docx from a :class:`Report`.

Accessibility follows the Public Sector Bodies Accessibility Regulations and GOV.UK's guidance
on accessible documents: real heading styles in order, tables with a repeating header row, a
caption and description and no merged cells, status in words (shading only adds to them), and
document properties that say what the paper is.

Table rows are built as XML directly: python-docx's ``Table.cell()`` and ``_Row.cells`` walk the
whole table on every call, which makes a long plan quadratic.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import attrs
import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ..exporting import ExporterError
from ..report import ActionRow, Report
from ..text import clean
from ..wording import long_date, plural
from .palette import HEADER_FILL, RAG_FILL
from .word import PaperOptions, Template

STYLES = ("Normal", "Title", "Heading 1")
"""The paragraph styles the paper uses; a house template must define each of them."""

FONT = "Arial"
"""The default template's typeface: a plain sans-serif every office machine has."""
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)
DETAIL_GREY = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white: secondary, still readable

SPLITTABLE = 1500
"""Characters in a row beyond which it may split across pages: a longer row can be taller than
a page, and Word cannot keep such a row whole."""

TITLE_LIMIT = 255  # characters: the Open Packaging core properties refuse longer values

_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@attrs.frozen
class Cell:
    """One table cell: paragraphs of (text, format) runs, format ``""``, ``"b"`` or ``"i"``."""

    paragraphs: tuple[tuple[tuple[str, str], ...], ...]
    fill: str | None = None
    right: bool = False

    @classmethod
    def of(cls, text: str, fmt: str = "", *, fill: str | None = None, right: bool = False) -> Cell:
        """A cell of one paragraph of one run."""
        return cls((((clean(text), fmt),),), fill=fill, right=right)

    @property
    def length(self) -> int:
        """Characters of text in the cell."""
        return sum(len(text) for paragraph in self.paragraphs for text, _ in paragraph)


def build(report: Report, options: PaperOptions) -> Document:
    """The board paper of ``report`` as a python-docx document, ready to save."""
    document = _start(options.template)
    paper = _Paper(document, _styles(document, options.template), report, options)
    paper.write()
    _set_properties(document, report, options)
    return document


# --- the document to start from ---------------------------------------------------------------


def _source(template: Template) -> str:
    if isinstance(template, str | os.PathLike):
        return os.fspath(template)
    return str(getattr(template, "name", "(stream)"))


def _start(template: Template | None) -> Document:
    if template is None:
        document = docx.Document()
        _default_house_style(document)
        # python-docx's own template carries an empty bibliography store; nothing of ours.
        for rel_id, rel in list(document.part.rels.items()):
            if rel.reltype == RT.CUSTOM_XML:
                del document.part.rels[rel_id]
        return document
    source = _source(template)
    try:
        if isinstance(template, str | os.PathLike):
            data = Path(template).read_bytes()
        else:
            data = template.read()
    except OSError as err:
        raise ExporterError(f"template {source}: cannot read it: {err.strerror or err}") from None
    try:
        document = docx.Document(io.BytesIO(_as_document(data)))
    except Exception as err:  # the user's file: whatever is wrong with it, say so in one line
        raise ExporterError(
            f"template {source}: not a Word document or template (.docx, .dotx): {err}"
        ) from None
    _clear_body(document)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in its main part's content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
        if _TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in package.infolist():
                content = package.read(item)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_MAIN, _DOCUMENT_MAIN)
                copy.writestr(item, content)
        return out.getvalue()


def _clear_body(document: Document) -> None:
    """Remove the template's body, keeping its last section's page set-up, headers and footers."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    used = set(document.element.xpath("//@r:id | //@r:embed | //@r:link"))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.IMAGE, RT.HYPERLINK) and rel_id not in used:
            del document.part.rels[rel_id]  # a picture that was in the body only


def _default_house_style(document: Document) -> None:
    """A plain, readable default: Arial, 12 pt body text, A4 with 2 cm margins, British English."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, Pt(12))
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", Pt(24)), ("Heading 1", Pt(16))):
        style = styles[name]
        _font(style, size, DARK_BLUE, bold=True)
    language = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    for element in language:
        element.set(qn("w:val"), "en-GB")
    settings = document.settings.element
    for element in settings.xpath("w:themeFontLang"):
        element.set(qn("w:val"), "en-GB")
    for element in settings.xpath("w:savePreviewPicture"):
        settings.remove(element)  # Word would save a page image with the paper


def _font(style: Any, size: Pt, colour: RGBColor | None = None, *, bold: bool = False) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):  # theme fonts would override the named one
        del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    style.font.size = size
    style.font.bold = bold or None
    if colour is not None:
        style.font.color.rgb = colour


def _styles(document: Document, template: Template | None) -> dict[str, ParagraphStyle]:
    found = {
        style.name: style
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH and isinstance(style, ParagraphStyle)
    }
    missing = [name for name in STYLES if name not in found]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        where = f"template {_source(template)}" if template is not None else "the document"
        raise ExporterError(
            f"{where} has no paragraph style {names}, which the board paper uses; "
            "apply each once in Word, delete the text and save the template again"
        )
    return {name: found[name] for name in STYLES}


# --- the paper --------------------------------------------------------------------------------


@attrs.define
class _Paper:
    document: Document
    styles: dict[str, ParagraphStyle]
    report: Report
    options: PaperOptions

    def write(self) -> None:
        self._title_block()
        self._summary()
        self._exceptions()
        self._changes()
        for section in self.report.priorities:
            self._priority(section.heading, section)
        self._key()
        _mark_pages(self.document, self.options.marking)

    # paragraphs

    def paragraph(
        self, *runs: tuple[str, str], style: str = "Normal", keep_with_next: bool = False
    ) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self.styles[style])
        if keep_with_next:  # an introduction stays on the page of its table
            paragraph.paragraph_format.keep_with_next = True
        for text, fmt in runs:
            run = paragraph.add_run(clean(text))
            run.bold = "b" in fmt or None
            run.italic = "i" in fmt or None
        if _right_to_left(" ".join(text for text, _ in runs)):
            paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        return paragraph

    def heading(self, text: str) -> None:
        self.paragraph((text, ""), style="Heading 1")

    # sections

    def _title_block(self) -> None:
        report = self.report
        self.paragraph((_title(report), ""), style="Title")
        self.paragraph((report.partnership, "b"))
        lines = [("Report to", self.options.report_to)]
        if self.options.meeting_date:
            lines.append(("Date of meeting", long_date(self.options.meeting_date)))
        if self.options.author:
            lines.append(("Report of", self.options.author))
        if report.as_of_text:
            lines.append(("Progress as at", report.as_of_text))
        lines.append(("Protective marking", self.options.marking))
        if report.audience == "public":
            lines.append(("Version", "public: restricted actions are not shown"))
        for number, (label, value) in enumerate(lines, start=1):
            line = self.paragraph((f"{label}: ", "b"), (value, ""))
            if number < len(lines):  # one block, as a cover sheet sets it out
                line.paragraph_format.space_after = Pt(0)

    def _summary(self) -> None:
        report = self.report
        self.heading("Summary")
        self.paragraph((report.headline, ""))
        if report.expected:
            self.paragraph((report.expected, ""), keep_with_next=True)
        rows = [
            [
                Cell.of(s.heading),
                Cell.of(str(s.counts.actions), right=True),
                Cell.of(str(s.counts.complete), right=True),
                Cell.of(f"{s.counts.percent_rounded}%", right=True),
                Cell.of(s.ratings),
            ]
            for s in report.priorities
        ]
        total = report.score
        rows.append(
            [
                Cell.of("All priorities", "b"),
                Cell.of(str(total.actions), "b", right=True),
                Cell.of(str(total.complete), "b", right=True),
                Cell.of(f"{total.percent_rounded}%", "b", right=True),
                Cell.of(report.ratings),
            ]
        )
        self.table(
            ("Priority", "Actions", "Complete", "% complete", "Ratings"),
            (0.40, 0.12, 0.14, 0.13, 0.21),
            rows,
            caption="Progress by priority",
            description="For each strategic priority: its actions, how many are complete, the "
            "percentage complete and its ratings in words; the last row is the whole plan.",
            numeric=(1, 2, 3),
            keep_together=True,
        )

    def _exceptions(self) -> None:
        report = self.report
        self.heading("Exceptions")
        if not report.exceptions:
            self.paragraph(("No action is overdue or rated red.", ""))
            return
        when = f" at {report.as_of_text}" if report.as_of_text else ""
        self.paragraph(
            (
                f"{plural(len(report.exceptions), 'action is', 'actions are')} overdue or "
                f"rated red{when}.",
                "",
            ),
            keep_with_next=True,
        )
        self.table(
            ("Action", "Why", "Update"),
            (0.38, 0.22, 0.40),
            (
                [
                    _action_cell(row),
                    Cell(
                        ((((row.exception_reasons + "."), "b"),), ((row.status, ""),)),
                        fill=_fill(row),
                    ),
                    Cell.of(row.note or "No update."),
                ]
                for row in report.exceptions
            ),
            caption="Exceptions",
            description="Actions that are overdue or rated red: the action with its lead and "
            "due date, why it is listed with its status, and its update.",
        )

    def _changes(self) -> None:
        changes = self.report.changes
        if changes is None:
            return
        self.heading(f"Changes since {changes.previous_title}")
        if not changes.rows:
            self.paragraph(("No action changed since the previous review.", ""))
            return
        self.table(
            ("Change", "Action", "Before", "After"),
            (0.22, 0.12, 0.33, 0.33),
            (
                [Cell.of(c.kind), Cell.of(c.action_id), Cell.of(c.before), Cell.of(c.after)]
                for c in changes.rows
            ),
            caption=f"Changes since {changes.previous_title}",
            description="Each action newly complete, rated better or worse, newly overdue or "
            "with a moved due date, with what it was and what it is now.",
        )

    def _priority(self, heading: str, section: Any) -> None:
        counts = section.counts
        self.heading(heading)
        self.paragraph(
            (
                f"{plural(counts.actions, 'action')}, {counts.complete} complete "
                f"({counts.percent_rounded}%). Ratings: {section.ratings}.",
                "",
            ),
            keep_with_next=True,
        )
        report = self.report
        self.table(
            (report.action_heading, report.update_heading, report.status_heading),
            (0.39, 0.41, 0.20),
            (
                [_action_cell(row), Cell.of(row.note or "No update."), _status_cell(row)]
                for row in section.rows
            ),
            caption=heading,
            description=f"Each action of {heading} with its lead and due date, its update for "
            f"{report.update_heading} and its status in words.",
        )

    def _key(self) -> None:
        self.heading("Key to ratings")
        self.table(
            ("Symbol", "Rating", "Meaning"),
            (0.12, 0.28, 0.60),
            (
                [
                    Cell.of(r.symbol or ""),
                    Cell.of(r.label, "b", fill=RAG_FILL.get(r.rag) if r.rag else None),
                    Cell.of(r.meaning or ""),
                ]
                for r in self.report.key
            ),
            caption="Key to ratings",
            description="Each rating of the plan's scale: its symbol, its words and what it means.",
            keep_together=True,
        )

    # tables

    def table(
        self,
        headings: Sequence[str],
        fractions: Sequence[float],
        rows: Iterable[Sequence[Cell]],
        *,
        caption: str,
        description: str,
        numeric: tuple[int, ...] = (),
        keep_together: bool = False,
    ) -> None:
        """A table after everything written so far; ``keep_together`` keeps a short table on one
        page (Word's way: each row's paragraphs keep with the next row)."""
        widths = [int(_text_width(self.document) * f) for f in fractions]
        table = OxmlElement("w:tbl")
        table.append(_table_properties(caption, description))
        grid = OxmlElement("w:tblGrid")
        for width in widths:
            grid.append(OxmlElement("w:gridCol", {qn("w:w"): str(width)}))
        table.append(grid)
        header = [
            Cell.of(text, "b", fill=HEADER_FILL, right=i in numeric)
            for i, text in enumerate(headings)
        ]
        table.append(_row(header, widths, header=True, keep_with_next=True))
        rows = list(rows)
        for number, cells in enumerate(rows, start=1):
            table.append(_row(cells, widths, keep_with_next=keep_together and number < len(rows)))
        body = self.document.element.body
        end = body.find(qn("w:sectPr"))
        if end is None:
            body.append(table)
        else:
            end.addprevious(table)


def _title(report: Report) -> str:
    plan = f"{report.plan_title} {report.period}" if report.period else report.plan_title
    return f"{plan}: {report.review_title}" if report.review_title else plan


def _fill(row: ActionRow) -> str | None:
    return RAG_FILL.get(row.rating.rag) if row.rating and row.rating.rag else None


def _action_cell(row: ActionRow) -> Cell:
    first = ((clean(row.id), "b"), (" " + clean(row.text), ""))
    if not row.details:
        return Cell((first,))
    return Cell((first, ((clean(row.details), "i"),)))


def _status_cell(row: ActionRow) -> Cell:
    return Cell.of(row.status, fill=_fill(row))


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (HTML's dir=auto)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _text_width(document: Document) -> int:
    """The width between the margins of the last section, in twentieths of a point."""
    section = document.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or 0)
    width -= section.right_margin or 0
    return max(int(width) // 635, 2880)  # 635 EMU to the twip; never under two inches


def _table_properties(caption: str, description: str) -> Any:
    properties = OxmlElement("w:tblPr")
    properties.append(OxmlElement("w:tblW", {qn("w:w"): "5000", qn("w:type"): "pct"}))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            OxmlElement(
                f"w:{side}",
                {
                    qn("w:val"): "single",
                    qn("w:sz"): "4",
                    qn("w:space"): "0",
                    qn("w:color"): "808080",
                },
            )
        )
    properties.append(borders)
    properties.append(OxmlElement("w:tblLayout", {qn("w:type"): "fixed"}))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): "85", qn("w:type"): "dxa"}))
    properties.append(margins)
    properties.append(
        OxmlElement(
            "w:tblLook",
            {
                qn("w:val"): "0420",
                qn("w:firstRow"): "1",
                qn("w:lastRow"): "0",
                qn("w:firstColumn"): "0",
                qn("w:lastColumn"): "0",
                qn("w:noHBand"): "1",
                qn("w:noVBand"): "1",
            },
        )
    )
    properties.append(OxmlElement("w:tblCaption", {qn("w:val"): clean(caption)}))
    properties.append(OxmlElement("w:tblDescription", {qn("w:val"): clean(description)}))
    return properties


def _row(
    cells: Sequence[Cell], widths: Sequence[int], *, header: bool = False, keep_with_next: bool
) -> Any:
    row = OxmlElement("w:tr")
    properties = OxmlElement("w:trPr")
    if header or sum(cell.length for cell in cells) <= SPLITTABLE:
        properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    row.append(properties)
    for cell, width in zip(cells, widths, strict=True):
        row.append(_cell(cell, width, keep_with_next=keep_with_next))
    return row


def _cell(cell: Cell, width: int, *, keep_with_next: bool) -> Any:
    element = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    properties.append(OxmlElement("w:tcW", {qn("w:w"): str(width), qn("w:type"): "dxa"}))
    if cell.fill:
        properties.append(
            OxmlElement(
                "w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): cell.fill}
            )
        )
    element.append(properties)
    for runs in cell.paragraphs or ((),):
        paragraph = OxmlElement("w:p")
        paragraph_properties = OxmlElement("w:pPr")
        if keep_with_next:
            paragraph_properties.append(OxmlElement("w:keepNext"))
        if _right_to_left(" ".join(text for text, _ in runs)):
            paragraph_properties.append(OxmlElement("w:bidi"))
        paragraph_properties.append(
            OxmlElement("w:spacing", {qn("w:before"): "40", qn("w:after"): "40"})
        )
        if cell.right:
            paragraph_properties.append(OxmlElement("w:jc", {qn("w:val"): "right"}))
        paragraph.append(paragraph_properties)
        for text, fmt in runs:
            run = OxmlElement("w:r")
            if fmt:
                run_properties = OxmlElement("w:rPr")
                if "b" in fmt:
                    run_properties.append(OxmlElement("w:b"))
                if "i" in fmt:
                    run_properties.append(OxmlElement("w:i"))
                    run_properties.append(OxmlElement("w:color", {qn("w:val"): str(DETAIL_GREY)}))
                run.append(run_properties)
            # Cleaned here, where every cell's text is written, whoever built the cell;
            # python-docx turns tabs and line breaks into w:tab and w:br.
            run.text = clean(text)
            paragraph.append(run)
        element.append(paragraph)
    return element


# --- every page: marking and page numbers -----------------------------------------------------


def _mark_pages(document: Document, marking: str) -> None:
    """The marking at the top and bottom of every page, and "Page X of Y" at the bottom; a house
    template's own header and footer are kept and only added to."""
    for section in document.sections:
        for header in _variants(document, section, "header"):
            if marking not in _text(header):
                _marking(header.add_paragraph(), marking)
        for footer in _variants(document, section, "footer"):
            if marking not in _text(footer):
                _marking(footer.add_paragraph(), marking)
            if not footer._element.xpath(".//w:fldSimple | .//w:instrText"):
                _page_numbers(footer.add_paragraph())


def _variants(document: Document, section: Section, kind: str) -> list[Any]:
    found = [getattr(section, kind)]
    if section.different_first_page_header_footer:
        found.append(getattr(section, f"first_page_{kind}"))
    if document.settings.odd_and_even_pages_header_footer:
        found.append(getattr(section, f"even_page_{kind}"))
    return found


def _text(part: Any) -> str:
    return "\n".join(paragraph.text for paragraph in part.paragraphs) + "\n".join(
        cell.text for table in part.tables for row in table.rows for cell in row.cells
    )


def _marking(paragraph: Paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(marking).bold = True


def _page_numbers(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    paragraph._p.append(_field("PAGE", "1"))
    paragraph.add_run(" of ")
    paragraph._p.append(_field("NUMPAGES", "1"))


def _field(instruction: str, shown: str) -> Any:
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} \\* MERGEFORMAT "})
    run = OxmlElement("w:r")
    run.text = shown
    field.append(run)
    return field


# --- document properties ----------------------------------------------------------------------


def _set_properties(document: Document, report: Report, options: PaperOptions) -> None:
    """Properties from the plan and review only: nothing of python-docx's template or of a
    house template's own title, dates or description is left."""
    author = clean(options.author or report.partnership)
    properties = document.core_properties
    properties.title = _limit(_title(report))
    properties.subject = _limit(f"{report.partnership}: progress of the business improvement plan")
    properties.author = _limit(author)
    properties.last_modified_by = _limit(author)
    properties.language = "en-GB"
    properties.keywords = _limit(
        "; ".join(
            part
            for part in ("safeguarding", "business improvement plan", report.review_title or "")
            if part
        )
    )
    properties.category = "Board paper"
    properties.comments = ""
    properties.content_status = options.marking
    properties.identifier = ""
    properties.version = ""
    properties.revision = 1
    moment = datetime.combine(report.as_of, time(), UTC) if report.as_of else datetime.now(UTC)
    properties.created = properties.modified = moment.replace(tzinfo=None)
    core = properties._element  # python-docx can set lastPrinted but not remove it
    for printed in core.findall(f"{{{_CORE}}}lastPrinted"):
        core.remove(printed)
    _application_properties(document, report)


def _limit(text: str) -> str:
    text = clean(text).replace("\n", " ")
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"


def _application_properties(document: Document, report: Report) -> None:
    """Replace the template's app.xml (another program's name, stale page and word counts) and
    drop its page thumbnail, which would show the template, not this paper."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rel_id]
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>safeguarding-plan</Application>'
        f"<Company>{xml_escape(clean(report.partnership))}</Company></Properties>"
    ).encode()
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)
