"""The document a board paper starts from: a house template, or a plain accessible default.

A template's body is replaced; its styles, headers, footers and page set-up are kept. It is
checked against the package limits first (`packages`) and cleaned of external links and
macros (`cleaning`); what was dropped is told in an `ExportNote`.
"""

from __future__ import annotations

import io
import os
import warnings
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from lxml import etree  # type: ignore[import-untyped]

from safeguarding_plan.exporting.exporter import ExporterError, ExportNote
from safeguarding_plan.formats import packages
from safeguarding_plan.formats.docx import cleaning
from safeguarding_plan.formats.docx.options import Template

STYLES = ("Normal", "Title", "Heading 1")
"""The paragraph styles the paper uses; a house template must define each of them."""

FONT = "Arial"
"""The default template's typeface: a plain sans-serif every office machine has."""
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)


def source(template: Template) -> str:
    if isinstance(template, str | os.PathLike):
        return os.fspath(template)
    return str(getattr(template, "name", "(stream)"))


def start(template: Template | None) -> Document:
    if template is None:
        document = docx.Document()
        _default_house_style(document)
        # python-docx's own template carries an empty bibliography store; nothing of ours.
        for rel_id, rel in list(document.part.rels.items()):
            if rel.reltype == RT.CUSTOM_XML:
                del document.part.rels[rel_id]
        return document
    name = source(template)
    try:
        if isinstance(template, str | os.PathLike):
            with packages.open_file(template, packages.TEMPLATE) as stream:
                data = packages.read_file(stream, packages.TEMPLATE)
        else:
            data = packages.read_file(template, packages.TEMPLATE)
        cleaned = _cleaned(data)
        document = docx.Document(io.BytesIO(cleaned.data))
    except OSError as err:
        raise ExporterError(f"template {name}: cannot read it: {err.strerror or err}") from None
    except packages.PackageError as err:
        raise ExporterError(f"template {name}: {err}") from None
    except etree.XMLSyntaxError as err:  # lxml's words, without its advice to programmers
        reason = str(err.msg or err).split(", try XML_PARSE_HUGE")[0]
        raise ExporterError(f"template {name}: a part of it cannot be read: {reason}") from None
    except Exception as err:  # the user's file: whatever is wrong with it, say so in one line
        raise ExporterError(
            f"template {name}: not a Word document or template (.docx, .dotx): {err}"
        ) from None
    note = cleaned.note()
    if note is not None:
        warnings.warn(f"template {name}: {note}", ExportNote, stacklevel=2)
    _clear_body(document)
    return document


def _cleaned(data: bytes) -> cleaning.Cleaned:
    """The template checked against the package limits, without external links or macros, as
    a .docx (a .dotx differs from one only in its main part's content type)."""
    types = packages.check(io.BytesIO(data), packages.TEMPLATE)
    return cleaning.clean(data, types)


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


def styles(document: Document, template: Template | None) -> dict[str, ParagraphStyle]:
    found = {
        style.name: style
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH and isinstance(style, ParagraphStyle)
    }
    missing = [name for name in STYLES if name not in found]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        where = f"template {source(template)}" if template is not None else "the document"
        raise ExporterError(
            f"{where} has no paragraph style {names}, which the board paper uses; "
            "apply each once in Word, delete the text and save the template again"
        )
    return {name: found[name] for name in STYLES}
