"""The partnership's own text (``markup`` blocks) as Word paragraphs: bold, italic, links, and
bullet and numbered lists.

A list uses Word's own list styles where the document has them (python-docx's default
template does; a house template may not), so a screen reader announces it as a list;
without them, each item is a paragraph indented under a bullet or number of its own.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from safeguarding_plan.formats.docx.styling import ParagraphStyles
from safeguarding_plan.markup import Block, BulletList, Span
from safeguarding_plan.text import clean

LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
"""Word's own colour for a link."""

_INDENT = Pt(18)


def add_blocks(styles: ParagraphStyles, blocks: tuple[Block, ...], normal: str = "Normal") -> None:
    """Each block after everything written so far, paragraphs in style ``normal``."""
    for block in blocks:
        if isinstance(block, BulletList):
            _list(styles, block, 1, normal)
        else:
            add_spans(styles.add(normal), block.spans)


def add_run(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """A run of ``text`` after the rest of ``paragraph``, bold and italic as told (its
    properties as python-docx's ``run.bold = bold or None`` and ``run.italic = italic or None``
    leave them, built in their order rather than each found a place among its successors).
    python-docx reads the text a character at a time to turn tabs and line breaks into
    elements (a third of the time of the paper's text); text with neither is one ``w:t``, as it
    would make it."""
    run = paragraph.add_run()
    if _BREAKS.isdisjoint(text):
        if text:
            run._r.add_t(text)
    else:
        run.text = text
    properties = OxmlElement("w:rPr")
    if bold:
        properties.append(OxmlElement("w:b"))
    if italic:
        properties.append(OxmlElement("w:i"))
    run._r.insert(0, properties)
    return run


_BREAKS = frozenset("\t\n\r")


def add_spans(paragraph: Paragraph, spans: tuple[Span, ...]) -> None:
    """``spans`` as runs of ``paragraph``; a link as a hyperlink to its address."""
    for span in spans:
        if span.link is None:
            add_run(paragraph, clean(span.text), bold=span.bold, italic=span.italic)
            continue
        _link(paragraph, span)


def _list(styles: ParagraphStyles, found: BulletList, level: int, normal: str) -> None:
    kind = "List Number" if found.numbered else "List Bullet"
    style = kind if level == 1 else f"{kind} {level}"
    has = style in styles
    restart = _restarted(styles, style) if has and found.numbered else None
    for number, item in enumerate(found.items, start=1):
        paragraph = styles.add(style if has else normal)
        if restart is not None:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = restart
        if not has:
            mark = f"{number}." if found.numbered else "•"
            paragraph.paragraph_format.left_indent = _INDENT * level
            paragraph.paragraph_format.first_line_indent = -_INDENT
            paragraph.add_run(f"{mark}\t")
        add_spans(paragraph, item.spans)
        if item.items:
            _list(styles, BulletList(item.items), min(level + 1, 3), normal)


def _restarted(styles: ParagraphStyles, style: str) -> int | None:
    """A numbering of its own for a numbered list in ``style``, starting at 1: the style's
    numbering is one for the whole document, so each list would go on from the one before."""
    document = styles.document
    properties = document.styles[style].element.pPr
    if properties is None or properties.numPr is None or properties.numPr.numId is None:
        return None
    numbering = document.part.numbering_part.element
    shared = numbering.num_having_numId(properties.numPr.numId.val)
    own = numbering.add_num(shared.abstractNumId.val)
    own.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(own.numId)


def _link(paragraph: Paragraph, span: Span) -> None:
    assert span.link is not None
    rel_id = paragraph.part.relate_to(clean(span.link), RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for name, value in (("w:b", span.bold), ("w:i", span.italic)):
        if value:
            properties.append(OxmlElement(name))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_BLUE))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = clean(span.text)
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
