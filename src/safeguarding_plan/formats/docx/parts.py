"""The XML pieces a board paper is made of: table rows and cells, and the page furniture.

Tables are written as XML text when the paper is saved, never built through python-docx: its
``Table.cell()`` walks the whole table on every call, which makes a long plan quadratic, and
even building the elements one by one costs several times more than the rest of the paper.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph

from safeguarding_plan.formats.docx.grid import per_line
from safeguarding_plan.formats.docx.isolation import isolated
from safeguarding_plan.formats.docx.narrative import LINK_BLUE
from safeguarding_plan.formats.ooxml import escaping
from safeguarding_plan.text import clean
from safeguarding_plan.values import Value

DETAIL_GREY = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white: secondary, still readable


@attrs.frozen(repr=False, eq=False)
class Cell(Value):
    """One table cell: paragraphs of (text, format) runs, format ``""``, ``"b"`` or ``"i"``;
    text is cleaned where it is written, in ``table_cell``."""

    paragraphs: tuple[tuple[tuple[str, str], ...], ...]
    fill: str | None = None
    right: bool = False

    @classmethod
    def of(cls, text: str, fmt: str = "", *, fill: str | None = None, right: bool = False) -> Cell:
        """A cell of one paragraph of one run."""
        return cls((((text, fmt),),), fill=fill, right=right)


def right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (HTML's dir=auto)."""
    if text.isascii():  # most text; no ASCII character is right-to-left
        return False
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


@attrs.frozen(repr=False, eq=False)
class Table(Value):
    """A table of the paper, written as XML text when the paper is saved (see
    ``formats.ooxml.word``): building its thousands of elements one by one through python-docx
    takes several times longer than the rest of the paper, and holds them all in memory."""

    header: Sequence[Cell]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[int]
    """Column widths in twentieths of a point."""
    caption: str
    description: str
    splittable: int
    """The lines beyond which a row may split across pages (``grid.Grid.splittable``)."""
    keep_together: bool = False
    """Keep a short table on one page (Word's way: each row's paragraphs keep with the next)."""
    keep_with_next: bool = False
    """Keep the last row on the page of what follows the table."""

    def xml(self) -> Iterator[str]:
        """The ``w:tbl`` element as text, a row at a time; the ``w`` prefix is the document's."""
        yield "".join(
            [
                "<w:tbl><w:tblPr>",
                '<w:tblW w:w="5000" w:type="pct"/><w:tblBorders>',
                *(
                    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                ),
                '</w:tblBorders><w:tblLayout w:type="fixed"/>',
                '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
                "</w:tblCellMar>",
                '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
                'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
                f"<w:tblCaption w:val={_attribute(self.caption)}/>",
                f"<w:tblDescription w:val={_attribute(self.description)}/>",
                "</w:tblPr><w:tblGrid>",
                *(f'<w:gridCol w:w="{width}"/>' for width in self.widths),
                "</w:tblGrid>",
            ]
        )
        characters = [per_line(width) for width in self.widths]
        yield _row(self.header, self, characters, header=True, keep_with_next=True)
        last = len(self.rows)
        for number, cells in enumerate(self.rows, start=1):
            keep = self.keep_with_next if number == last else self.keep_together
            yield _row(cells, self, characters, header=False, keep_with_next=keep)
        yield "</w:tbl>"


def _row(
    cells: Sequence[Cell],
    table: Table,
    characters: Sequence[int],
    *,
    header: bool,
    keep_with_next: bool,
) -> str:
    """A row's XML; ``characters`` are each column's to a line (``grid.per_line``)."""
    parts: list[str] = []
    lines = 0  # the tallest cell's (``grid.height``), reckoned as the cells are written
    for cell, width, per in zip(cells, table.widths, characters, strict=True):
        lines = max(lines, _cell(parts, cell, width, per, keep_with_next=keep_with_next))
    can_split = not header and lines > table.splittable
    properties = _ROW_PROPERTIES[header, can_split]
    return f"<w:tr>{properties}{''.join(parts)}</w:tr>"


_ROW_PROPERTIES = {
    (True, False): "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    (False, False): "<w:trPr><w:cantSplit/></w:trPr>",
    (False, True): "<w:trPr></w:trPr>",
}


def _cell(
    parts: list[str], cell: Cell, width: int, characters: int, *, keep_with_next: bool
) -> int:
    """Append the cell's XML to ``parts``; return the lines it takes, reckoned."""
    fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
    parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>')
    lines = 0
    for runs in cell.paragraphs or ((),):
        bidi = not all(text.isascii() for text, _ in runs) and right_to_left(
            " ".join(text for text, _ in runs)
        )
        parts.append(_PARAGRAPH_START[keep_with_next, bidi, cell.right])
        length = 0
        for text, fmt in runs:
            length += len(text)
            if fmt.startswith(LINK):
                parts.append(_linked(text, fmt.removeprefix(LINK)))
            else:
                parts.append(f"{_RUN_START[fmt]}{_run_content(text)}</w:r>")
        parts.append("</w:p>")
        lines += 1 + length // characters
    parts.append("</w:tc>")
    return lines


def _paragraph_start(keep_with_next: bool, bidi: bool, right: bool) -> str:
    return "".join(
        (
            "<w:p><w:pPr>",
            "<w:keepNext/>" if keep_with_next else "",
            "<w:bidi/>" if bidi else "",
            # Single-spaced, as Word's own table styles set cells (the document's default is 1.15).
            '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>',
            '<w:jc w:val="right"/>' if right else "",
            "</w:pPr>",
        )
    )


_PARAGRAPH_START = {
    (keep, bidi, right): _paragraph_start(keep, bidi, right)
    for keep in (False, True)
    for bidi in (False, True)
    for right in (False, True)
}

_ITALIC = f'<w:i/><w:color w:val="{DETAIL_GREY}"/>'
_RUN_START = {
    "": "<w:r>",
    "b": "<w:r><w:rPr><w:b/></w:rPr>",
    "i": f"<w:r><w:rPr>{_ITALIC}</w:rPr>",
    "bi": f"<w:r><w:rPr><w:b/>{_ITALIC}</w:rPr>",
}
"""A run's start, by its format: plain, bold, italic (in grey) or both."""


LINK = "link "
"""A run's format that makes it a hyperlink: ``LINK`` then the relationship id of its address,
``link rId9`` (``document.part.relate_to``)."""

# The prefix is bound here: the tables' XML relies on the main part binding only ``w``.
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LINK_RUN = f'<w:r><w:rPr><w:color w:val="{LINK_BLUE}"/><w:u w:val="single"/></w:rPr>'


def _linked(text: str, relationship: str) -> str:
    """A hyperlink of one run, blue and underlined as the narrative's links are."""
    return (
        f'<w:hyperlink xmlns:r="{_RELATIONSHIPS}" r:id={_attribute(relationship)}>'
        f"{_LINK_RUN}{_run_content(text)}</w:r></w:hyperlink>"
    )


def _run_content(text: str) -> str:
    """A run's text, cleaned here where every cell's text is written (whoever built the cell),
    with tabs and line breaks as Word's own w:tab and w:br, as python-docx writes them."""
    text = clean(text)
    if "\n" not in text and "\t" not in text:  # most text: one piece
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<w:t xml:space="preserve">{escaped}</w:t>' if text else ""
    pieces = []
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            pieces.append("<w:br/>")
        for tab_number, words in enumerate(line.split("\t")):
            if tab_number:
                pieces.append("<w:tab/>")
            if words:
                pieces.append(f'<w:t xml:space="preserve">{escaping.text(words)}</w:t>')
    return "".join(pieces)


def _attribute(text: str) -> str:
    return escaping.attribute(clean(text))


# --- every page: marking and page numbers -----------------------------------------------------


def mark_pages(document: Document, marking: str | None, page_numbers: str) -> None:
    """The marking (if any) at the top and bottom of every page, and ``page_numbers`` ("Page
    {page} of {pages}") at the bottom; a house template's own header and footer are kept and
    only added to."""
    marking = clean(marking) if marking else None  # as a template's header would hold it
    for section in document.sections:
        for header in _variants(document, section, "header"):
            if marking and marking not in _text(header):
                _marking(_new_paragraph(header), marking)
        for footer in _variants(document, section, "footer"):
            if marking and marking not in _text(footer):
                _marking(_new_paragraph(footer), marking)
            if not footer._element.xpath(".//w:fldSimple | .//w:instrText"):
                _page_numbers(_new_paragraph(footer), page_numbers)


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


def _new_paragraph(part: Any) -> Paragraph:
    """A paragraph at the end of a header or footer, with no space around it so that the
    header and footer keep inside the margins; a new header or footer's one empty paragraph
    is used rather than left as a blank line above."""
    paragraphs: list[Paragraph] = part.paragraphs
    empty = len(paragraphs) == 1 and not paragraphs[0]._p.xpath("w:r | w:hyperlink | w:fldSimple")
    paragraph: Paragraph = paragraphs[0] if empty else part.add_paragraph()
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
    return paragraph


def _marking(paragraph: Paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Isolated: the marking is the plan's text, and nothing in it may reorder the page's own.
    run = paragraph.add_run(isolated(marking))
    # Bold in a right-to-left script too, which Word and LibreOffice set apart (w:bCs).
    run.bold = run.font.cs_bold = True


_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


def _page_numbers(paragraph: Paragraph, words: str) -> None:
    """``words`` with Word's fields for this page's number and the number of pages in place of
    ``{page}`` and ``{pages}``."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in re.split(r"(\{pages?\})", words):
        if part in _FIELDS:
            paragraph._p.append(_field(_FIELDS[part], "1"))
        elif part:
            paragraph.add_run(clean(part))


def _field(instruction: str, shown: str) -> Any:
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} \\* MERGEFORMAT "})
    run = OxmlElement("w:r")
    run.text = shown
    field.append(run)
    return field
