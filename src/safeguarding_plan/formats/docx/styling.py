"""Paragraphs given their style by id, each style looked up once per document.

python-docx finds the style of each paragraph it styles by walking every style of the
document, twice (by name, then to see if it is the default): for the Birmingham paper, 97
paragraphs took 80 ms of it, a quarter of the command's time.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from safeguarding_plan.values import Value


def paragraph_styles(document: Document) -> list[ParagraphStyle]:
    """The document's paragraph styles, in order, walked once: python-docx makes an object of
    each of a document's styles (over a hundred and sixty in its default template), and reads
    its type and name, each time they are walked."""
    return [
        style
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH and isinstance(style, ParagraphStyle)
    ]


@attrs.frozen(repr=False, eq=False)
class ParagraphStyles(Value):
    """The document's paragraph styles by name, and new paragraphs styled with them."""

    document: Document
    ids: dict[str, str | None]
    """Each paragraph style's id by its name; None for the default style, which a paragraph
    has by naming none (as python-docx writes it)."""

    @classmethod
    def of(
        cls, document: Document, found: Sequence[ParagraphStyle] | None = None
    ) -> ParagraphStyles:
        """The paragraph styles of ``document``, from ``found`` (``paragraph_styles``) when
        given."""
        found = paragraph_styles(document) if found is None else found
        ids: dict[str, str | None] = {
            style.name: style.style_id for style in found if style.name is not None
        }
        # The default is the last paragraph style marked so (as python-docx finds it).
        default = next((style for style in reversed(found) if style.element.default), None)
        if default is not None and default.name is not None:
            ids[default.name] = None
        return cls(document, ids)

    def __contains__(self, name: str) -> bool:
        return name in self.ids

    def add(self, name: str, *, keep_with_next: bool = False) -> Paragraph:
        """A new paragraph at the end of the document, in the style named ``name``, kept with
        the next if told. Its properties are built in their order, as python-docx's
        ``paragraph._p.style = id`` and ``paragraph_format.keep_with_next = True`` leave them,
        rather than each found a place among the thirty elements that may follow it."""
        paragraph = self.document.add_paragraph()
        style_id = self.ids[name]
        if style_id is None and not keep_with_next:
            return paragraph
        properties = OxmlElement("w:pPr")
        if style_id is not None:
            properties.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
        if keep_with_next:
            properties.append(OxmlElement("w:keepNext"))
        paragraph._p.insert(0, properties)
        return paragraph
