"""The document a board paper starts from: a house template, or a plain accessible default.

A template's body is replaced; its styles, headers, footers and page set-up are kept. It is
read as every house template is (``exporting.templates``): checked against the package limits,
cleaned of external links and macros, and what was dropped told in an `ExportNote`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from safeguarding_plan.exporting.exporter import ExporterError
from safeguarding_plan.exporting.templates import HouseTemplate, Template, source

STYLES = ("Normal", "Title", "Heading 1")
"""The paragraph styles the paper uses; a house template must define each of them."""

FONT = "Arial"
"""The default template's typeface: a plain sans-serif every office machine has."""
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)


WORD = HouseTemplate("a Word document", (".docx", ".dotx"))
"""The board paper's house template, as its messages name it."""


def start(template: Template | None) -> Document:
    if template is None:
        document = docx.Document()
        _default_house_style(document)
        # python-docx's own template carries an empty bibliography store; nothing of ours.
        for rel_id, rel in list(document.part.rels.items()):
            if rel.reltype == RT.CUSTOM_XML:
                del document.part.rels[rel_id]
        return document
    document = WORD.open(template, docx.Document)
    _clear_body(document)
    return document


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
        # The marking, and the page numbers under it, then fit in the margins: a header or
        # footer that reaches past them takes its height from every page's text.
        section.header_distance = section.footer_distance = Cm(0.8)
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, Pt(12))
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", Pt(24)), ("Heading 1", Pt(16))):
        style = styles[name]
        _font(style, size, DARK_BLUE, bold=True)
    # A section's heading one and a half lines below the text before it, not two.
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
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


def styles(
    document: Document, template: Template | None, paragraph: Sequence[ParagraphStyle]
) -> dict[str, ParagraphStyle]:
    """The paper's styles (``STYLES``) of the document's ``paragraph`` styles
    (``styling.paragraph_styles``), or ExporterError naming those it lacks."""
    found = {style.name: style for style in paragraph}
    missing = [name for name in STYLES if name not in found]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        where = f"template {source(template)}" if template is not None else "the document"
        raise ExporterError(
            f"{where} has no paragraph style {names}, which the board paper uses; "
            "apply each once in Word, delete the text and save the template again"
        )
    return {name: found[name] for name in STYLES}
