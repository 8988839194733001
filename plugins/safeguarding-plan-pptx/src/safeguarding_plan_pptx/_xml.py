"""The deck's text and tables as DrawingML, written as XML text, which goes into the slide's
part as it is (``_deck.Page``): never parsed, so written as the XML serializer would write it
(an empty element closed in itself, a tab in an attribute as the space a parser reads).

Building a table cell by cell through python-pptx looks each one up again from the top of its
table and sets each property by its own element, which made a 1,000-action deck take seconds
more than its report; the same XML written as text takes a tenth of that. Every piece of plan
text is cleaned (``safeguarding_plan.plugin.clean``) and escaped here, where it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from safeguarding_plan.plugin import Span, clean
from safeguarding_plan_pptx import _flow, _measure
from safeguarding_plan_pptx._flow import Para

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"

POINT = 12_700
"""EMU to the point."""
LANGUAGE = "en-GB"
GREY = "404040"
"""Secondary text (a row's lead and due date): 10:1 on white, still easily read."""
INSET = 7.2
"""Points between a text box's edge and its text, left and right (PowerPoint's default)."""
INSET_TOP = 3.6
"""Points between a text box's edge and its text, above and below."""
CELL_INSET = 5.0
"""Points between a table cell's edge and its text, left and right."""
CELL_INSET_TOP = 3.0
"""Points between a table cell's edge and its text, above and below."""
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
"""PowerPoint's *Medium Style 2 – Accent 1*: its header row in the theme's first accent."""

Link = Callable[[str], str]
"""Gives the relationship id of a web or e-mail address, relating it to the slide."""


def escape(text: str) -> str:
    """Plan text for an element's text: cleaned, then escaped."""
    return _escaped(clean(text))


def attribute(text: str) -> str:
    """Plan text for an attribute's value, on one line (a tab the space a parser reads)."""
    return escape(" ".join(clean(text).split("\n"))).replace('"', "&quot;").replace("\t", " ")


def paragraphs(paras: Sequence[Para], link: Link, *, body: bool = False) -> str:
    """``paras`` as ``a:p`` elements; in a placeholder's ``body``, a paragraph outside a list
    says it has no bullet (the master's body text has them)."""
    return "".join(_paragraph(para, link, body) for para in paras or (Para((), 12.0),))


def _paragraph(para: Para, link: Link, body: bool) -> str:
    key = (para.size, para.level, para.marker, para.number, para.space_before, para.centred, body)
    found = _FORMATS.get(key)
    if found is None:
        found = _format(para, body)
        if len(_FORMATS) < _KEPT:
            _FORMATS[key] = found
    head, tail = found
    return head + "".join([_run(para, run, link) for run in para.runs]) + tail


_KEPT = 10_000
"""The most paragraph and run formats kept, written once each: a deck has a few dozen."""
_FORMATS: dict[tuple[float, int, str, int, float, bool, bool], tuple[str, str]] = {}
_STARTS: dict[tuple[float, bool, bool, bool], str] = {}


def _format(para: Para, body: bool) -> tuple[str, str]:
    """A paragraph's properties, which open it, and its end's, which close it."""
    hanging = para.marker in ("bullet", "number")
    indent = -int(_flow.INDENT * POINT) if hanging else 0
    centred = ' algn="ctr"' if para.centred else ""
    bullet = ""
    if para.marker == "bullet":
        bullet = f'<a:buFont typeface="{_measure.FONT}"/><a:buChar char="•"/>'
    elif para.marker == "number":
        bullet = f'<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>'
    elif body or para.marker == "none":
        bullet = "<a:buNone/>"
    size = int(para.size * 100)
    return (
        f'<a:p><a:pPr marL="{int(para.indent * POINT)}" indent="{indent}"{centred}>'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{int(para.space_before * 100)}"/></a:spcBef>{bullet}</a:pPr>',
        f'<a:endParaRPr lang="{LANGUAGE}" sz="{size}">'
        f'<a:latin typeface="{_measure.FONT}"/></a:endParaRPr></a:p>',
    )


def _run(para: Para, run: Span, link: Link) -> str:
    if run.link is None:
        key = (para.size, run.bold, run.italic, para.grey)
        start = _STARTS.get(key)
        if start is None:
            start = _start(para, run, None)
            if len(_STARTS) < _KEPT:
                _STARTS[key] = start
    else:
        start = _start(para, run, link(run.link))
    text = clean(run.text)
    if "\n" not in text:
        return f"<a:r>{start}<a:t>{_escaped(text)}</a:t></a:r>" if text else ""
    # A line break inside a run is DrawingML's own a:br, as PowerPoint writes one.
    lines = [
        f"<a:r>{start}<a:t>{_escaped(line)}</a:t></a:r>" if line else ""
        for line in text.split("\n")
    ]
    return f"<a:br>{start}</a:br>".join(lines)


def _start(para: Para, run: Span, rel: str | None) -> str:
    """A run's properties: its size, face, colour, typeface and link (``rel``, if any)."""
    properties = [f'<a:rPr lang="{LANGUAGE}" sz="{int(para.size * 100)}"']
    if run.bold:
        properties.append(' b="1"')
    if run.italic:
        properties.append(' i="1"')
    properties.append(">")
    if para.grey:
        properties.append(f'<a:solidFill><a:srgbClr val="{GREY}"/></a:solidFill>')
    font = _measure.FONT
    properties.append(f'<a:latin typeface="{font}"/><a:cs typeface="{font}"/>')
    if rel is not None:
        properties.append(f'<a:hlinkClick r:id="{rel}"/>')
    properties.append("</a:rPr>")
    return "".join(properties)


def _escaped(text: str) -> str:
    """Cleaned text, escaped for an element's text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def body_properties(anchor: str, insets: tuple[float, float]) -> str:
    """A text box's ``a:bodyPr``: wrapped, never shrunk or grown to fit (its text is
    measured to fit it), its insets ``(sides, top and bottom)`` in points."""
    side, top = (int(inset * POINT) for inset in insets)
    return (
        f'<a:bodyPr wrap="square" lIns="{side}" tIns="{top}" rIns="{side}" bIns="{top}" '
        f'anchor="{anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr>'
    )


def textbox(shape_id: int, box: tuple[int, int, int, int], body: str) -> str:
    """A text box at ``box`` (left, top, width, height in EMU) holding ``body``."""
    left, top, width, height = box
    return (
        "<p:sp><p:nvSpPr>"
        f'<p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/><p:cNvSpPr txBox="1"/>'
        "<p:nvPr/></p:nvSpPr><p:spPr>"
        f'<a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f"<p:txBody>{body}</p:txBody></p:sp>"
    )


def table(
    shape_id: int,
    at: tuple[int, int],
    widths: Sequence[int],
    rows: Sequence[tuple[int, Sequence[tuple[str, str | None]]]],
    description: str,
) -> str:
    """A table at ``at`` (left, top in EMU) whose first row is its header row: ``rows`` are
    each a height in EMU and its cells, each the ``a:p`` elements of its text and the tint
    behind it (hex), if any. ``description`` is its alternative text."""
    left, top = at
    height = sum(row_height for row_height, _ in rows)
    return "".join(
        (
            "<p:graphicFrame><p:nvGraphicFramePr>",
            f'<p:cNvPr id="{shape_id}" name="Table {shape_id - 1}" ',
            f'descr="{attribute(description)}"/>',
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>',
            "<p:nvPr/></p:nvGraphicFramePr>",
            f'<p:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{sum(widths)}" cy="{height}"/>',
            "</p:xfrm><a:graphic>",
            f'<a:graphicData uri="{TABLE}"><a:tbl>',
            f'<a:tblPr firstRow="1"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr>',
            "<a:tblGrid>",
            *(f'<a:gridCol w="{width}"/>' for width in widths),
            "</a:tblGrid>",
            *_rows(rows),
            "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>",
        )
    )


def _rows(rows: Sequence[tuple[int, Sequence[tuple[str, str | None]]]]) -> Iterator[str]:
    side, top = int(CELL_INSET * POINT), int(CELL_INSET_TOP * POINT)
    properties = f'marL="{side}" marR="{side}" marT="{top}" marB="{top}" anchor="t"'
    for row_height, cells in rows:
        yield f'<a:tr h="{row_height}">'
        for text, fill in cells:
            tint = (
                f'<a:tcPr {properties}><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
                "</a:tcPr>"
                if fill
                else f"<a:tcPr {properties}/>"
            )
            yield f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{text}</a:txBody>{tint}</a:tc>"
        yield "</a:tr>"
