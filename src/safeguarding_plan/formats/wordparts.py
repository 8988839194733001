"""The XML pieces a board paper is made of: table rows and cells, and the page furniture.

Rows are built as XML directly: python-docx's ``Table.cell()`` and ``_Row.cells`` walk the
whole table on every call, which makes a long plan quadratic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph

from ..text import clean

DETAIL_GREY = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white: secondary, still readable

SPLITTABLE = 1500
"""Characters in a row beyond which it may split across pages: a longer row can be taller than
a page, and Word cannot keep such a row whole."""


@attrs.frozen
class Cell:
    """One table cell: paragraphs of (text, format) runs, format ``""``, ``"b"`` or ``"i"``;
    text is cleaned where it is written, in :func:`table_cell`."""

    paragraphs: tuple[tuple[tuple[str, str], ...], ...]
    fill: str | None = None
    right: bool = False

    @classmethod
    def of(cls, text: str, fmt: str = "", *, fill: str | None = None, right: bool = False) -> Cell:
        """A cell of one paragraph of one run."""
        return cls((((text, fmt),),), fill=fill, right=right)

    @property
    def length(self) -> int:
        """Characters of text in the cell."""
        return sum(len(text) for paragraph in self.paragraphs for text, _ in paragraph)


def right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (HTML's dir=auto)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def text_width(document: Document) -> int:
    """The width between the margins of the last section, in twentieths of a point."""
    section = document.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or 0)
    width -= section.right_margin or 0
    return max(int(width) // 635, 2880)  # 635 EMU to the twip; never under two inches


def table_properties(caption: str, description: str) -> Any:
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


def table_row(
    cells: Sequence[Cell], widths: Sequence[int], *, header: bool = False, keep_with_next: bool
) -> Any:
    element = OxmlElement("w:tr")
    properties = OxmlElement("w:trPr")
    if header or sum(cell.length for cell in cells) <= SPLITTABLE:
        properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    element.append(properties)
    for cell, width in zip(cells, widths, strict=True):
        element.append(table_cell(cell, width, keep_with_next=keep_with_next))
    return element


def table_cell(cell: Cell, width: int, *, keep_with_next: bool) -> Any:
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
        if right_to_left(" ".join(text for text, _ in runs)):
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


def mark_pages(document: Document, marking: str) -> None:
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
