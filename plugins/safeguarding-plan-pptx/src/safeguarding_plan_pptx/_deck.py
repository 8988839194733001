"""The presentation the slides are added to: a partnership's own template, or a plain 16:9
default, and the three slide layouts the deck uses, found by their placeholders.

A layout is known by what it holds, not by its name, which PowerPoint translates: the title
slide has a title and a subtitle; the content layout a title and one body; the title-only
layout a title and nothing else to fill in.
"""

from __future__ import annotations

import copy
from typing import IO, Any, NamedTuple

from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation as Deck
from pptx.slide import SlideLayout
from pptx.util import Emu

from safeguarding_plan_pptx import _xml

WIDE = 12_192_000
"""A 16:9 slide's width in EMU (13.33 inches); the default template is 4:3 and is widened."""

_TITLES = ("title", "ctrTitle")
_BODIES = ("body", "obj")
_FURNITURE = ("dt", "ftr", "sldNum")

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NEEDED = {
    "title": "'Title Slide' (a title and a subtitle)",
    "content": "'Title and Content' (a title and one body)",
    "title_only": "'Title Only' (a title and nothing else to fill in)",
}
"""The layouts the deck uses, as a message names them."""


class Box(NamedTuple):
    """A rectangle on a slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


class Layout(NamedTuple):
    """A slide layout the deck uses, and where it puts its title and its other placeholder
    (a subtitle or a body), read once: a slide's own placeholders take theirs from it.

    ``heads`` start each placeholder a slide of it gets, to its shape properties, and
    ``texts`` are their empty text bodies (if any), as python-pptx writes them; ``title`` and
    ``other`` say which of them are the title and the other placeholder."""

    layout: SlideLayout
    title_box: Box
    other_box: Box
    heads: tuple[str, ...]
    texts: tuple[str, ...]
    title: int
    other: int


class Layouts(NamedTuple):
    """The deck's three layouts."""

    title: Layout
    content: Layout
    title_only: Layout

    @property
    def body_box(self) -> Box:
        """Where the content layout puts its body: where every slide's content goes."""
        return self.content.other_box


class LayoutError(Exception):
    """A template without some of the layouts the deck needs; ``names`` says which, each as
    PowerPoint names it and what it holds."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def default() -> Deck:
    """python-pptx's own template, widened to 16:9 (`_widened`). Once a second deck is made
    on it, one is kept, never written to, and each deck from then on is a copy of it: a third
    of the time of loading and widening it, which took a sixth of a small deck's."""
    kept = _DEFAULT.get("kept")
    if kept is None:
        if not _DEFAULT:  # the first deck: nothing kept, for a process that makes one
            _DEFAULT["made"] = True
            return _widened()
        kept = _DEFAULT["kept"] = _widened()
    return copy.deepcopy(kept)


_DEFAULT: dict[str, Any] = {}
_WIDENED = (CT.PML_SLIDE_MASTER, CT.PML_SLIDE_LAYOUT)


def _widened() -> Deck:
    """python-pptx's own template, every placeholder of its master and layouts moved and
    stretched across, as PowerPoint does when a slide's size is changed. Read from its parts,
    so that python-pptx holds nothing inside them that a copy would part from them."""
    deck = Presentation()
    ratio = WIDE / deck.slide_width
    for part in deck.part.package.iter_parts():
        if not isinstance(part, XmlPart) or part.content_type not in _WIDENED:
            continue
        for xfrm in part._element.iter(f"{{{_A}}}xfrm"):
            for child, attribute in (("off", "x"), ("ext", "cx")):
                found = xfrm.find(f"{{{_A}}}{child}")
                if found is not None:
                    found.set(attribute, str(round(int(found.get(attribute)) * ratio)))
    deck.slide_width = Emu(WIDE)
    return deck


def from_template(stream: IO[bytes]) -> Deck:
    """The template in ``stream`` (cleaned of what reaches outside it) with its slides
    removed: its masters, layouts, theme and size are kept."""
    deck = Presentation(stream)
    slides = deck.slides._sldIdLst
    for slide in list(slides):
        slides.remove(slide)  # first, so that nothing refers to the relationship dropped
        deck.part.drop_rel(slide.get(f"{{{_R}}}id"))
    return deck


def layouts(deck: Deck) -> Layouts:
    """The deck's three layouts; LayoutError naming those it lacks."""
    found: dict[str, SlideLayout] = {}
    for layout in deck.slide_layouts:
        # The placeholders a slide of the layout gets, read from its XML (python-pptx's own
        # look takes a millisecond each): the date, footer and number left out.
        kinds = [ph.get("type", "obj") for ph in layout.element.iter(f"{{{_P}}}ph")]
        rest = [kind for kind in kinds if kind not in _FURNITURE]
        if sum(kind in _TITLES for kind in rest) != 1:
            continue
        if "subTitle" in rest:
            found.setdefault("title", layout)
        elif len(rest) == 2 and sum(kind in _BODIES for kind in rest) == 1:
            found.setdefault("content", layout)
        elif len(rest) == 1:
            found.setdefault("title_only", layout)
    missing = [NEEDED[name] for name in NEEDED if name not in found]
    if missing:
        raise LayoutError(missing)
    master = _Placeholders(deck.slide_master.element)
    return Layouts(*(_layout(found[name], master) for name in ("title", "content", "title_only")))


_SHAPES = tuple(
    f"{{{_P}}}{tag}" for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
)
"""The elements of a shape tree that are shapes, which python-pptx looks at for placeholders."""

_BASES = {
    "body": "body",
    "chart": "body",
    "clipArt": "body",
    "ctrTitle": "title",
    "dgm": "body",
    "dt": "dt",
    "ftr": "ftr",
    "media": "body",
    "obj": "body",
    "pic": "body",
    "sldNum": "sldNum",
    "subTitle": "body",
    "tbl": "body",
    "title": "title",
}
"""The kind of the master's placeholder each kind of layout placeholder takes its place and
size from, where it gives none of its own (as python-pptx reads them)."""

_NAMES = {
    "clipArt": "ClipArt Placeholder",
    "body": "Text Placeholder",
    "ctrTitle": "Title",
    "chart": "Chart Placeholder",
    "dt": "Date Placeholder",
    "ftr": "Footer Placeholder",
    "hdr": "Header Placeholder",
    "media": "Media Placeholder",
    "obj": "Content Placeholder",
    "dgm": "SmartArt Placeholder",
    "pic": "Picture Placeholder",
    "sldNum": "Slide Number Placeholder",
    "subTitle": "Subtitle",
    "tbl": "Table Placeholder",
    "title": "Title",
}
"""A slide's placeholder's name, by its kind, numbered after it as python-pptx names it."""
_WITH_TEXT = ("title", "ctrTitle", "subTitle", "body", "obj")
"""The kinds of placeholder python-pptx gives an empty text body when it adds one to a slide."""
_EMPTY_TEXT = "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>"


class _Placeholders:
    """The placeholders of a slide master or layout, read from its XML once: each one's
    ``p:ph`` element and its own place and size (any of them None where it gives none)."""

    def __init__(self, element: etree._Element) -> None:
        self.found: list[tuple[etree._Element, list[int | None]]] = []
        tree = element.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
        for shape in () if tree is None else tree.iterchildren(*_SHAPES):
            first = shape.find("*")  # its non-visual properties
            ph = None if first is None else first.find(f"{{{_P}}}nvPr/{{{_P}}}ph")
            if ph is not None:
                self.found.append((ph, _own_box(shape)))

    def first(self, kind: str) -> list[int | None] | None:
        """The box of the first placeholder of ``kind``, if there is one."""
        return next((box for ph, box in self.found if ph.get("type", "obj") == kind), None)


def _own_box(shape: etree._Element) -> list[int | None]:
    """A shape's own left, top, width and height, each None where it gives none."""
    xfrm = shape.find(f"{{{_P}}}xfrm")  # a graphic frame's
    if xfrm is None:
        xfrm = shape.find(f"{{{_P}}}spPr/{{{_A}}}xfrm")
    off = ext = None
    if xfrm is not None:
        off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
    values = [(off, "x"), (off, "y"), (ext, "cx"), (ext, "cy")]
    return [None if found is None else int(found.get(name)) for found, name in values]


def _layout(layout: SlideLayout, master: _Placeholders) -> Layout:
    """The layout's placeholders as a slide of it gets them (`placeholders`), and where its
    title and its other placeholder are: a placeholder's place and size are its own, or else
    those of the master's placeholder it takes them from."""
    shown = _shown(layout)
    kinds = [ph.get("type", "obj") for ph, _ in shown]
    title = next(n for n, kind in enumerate(kinds) if kind in _TITLES)
    other = next((n for n in range(len(shown)) if n != title), title)
    boxes = []
    for ph, own in (shown[title], shown[other]):
        base = master.first(_BASES[ph.get("type", "obj")]) or [None] * 4
        values = [value if value is not None else base[n] for n, value in enumerate(own)]
        if None in values:
            raise ValueError(f"a {ph.get('type', 'obj')} placeholder with no place or size")
        boxes.append(Box(*(int(value or 0) for value in values)))
    heads, texts = _clones([ph for ph, _ in shown])
    return Layout(layout, boxes[0], boxes[1], heads, texts, title, other)


def _shown(layout: SlideLayout) -> list[tuple[etree._Element, list[int | None]]]:
    """The layout's placeholders a slide of it gets: all but the date, footer and number."""
    found = _Placeholders(layout.element).found
    return [(ph, box) for ph, box in found if ph.get("type", "obj") not in _FURNITURE]


def placeholders(layout: SlideLayout) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The placeholders a slide of ``layout`` gets, as python-pptx adds them, numbered from
    2 in the layout's order: the start of each, to its shape properties, and its empty text
    body (if it has one)."""
    return _clones([ph for ph, _ in _shown(layout)])


def _clones(shown: list[etree._Element]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    heads = tuple(_head(ph, shape_id) for shape_id, ph in enumerate(shown, start=2))
    texts = tuple(_EMPTY_TEXT if ph.get("type", "obj") in _WITH_TEXT else "" for ph in shown)
    return heads, texts


def _head(ph: etree._Element, shape_id: int) -> str:
    """The start of a slide's placeholder made from the layout's ``ph``, to its shape
    properties, as python-pptx writes one: numbered ``shape_id``, named by its kind."""
    kind = ph.get("type", "obj")
    orient, size, index = ph.get("orient", "horz"), ph.get("sz", "full"), int(ph.get("idx", "0"))
    name = ("Vertical " if orient == "vert" else "") + f"{_NAMES[kind]} {shape_id - 1}"
    shown = [("type", kind, "obj"), ("idx", str(index), "0"), ("orient", orient, "horz")]
    shown.append(("sz", size, "full"))
    attributes = "".join(f' {key}="{value}"' for key, value, default in shown if value != default)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{attributes}/></p:nvPr>'
        "</p:nvSpPr>"
    )


_HEAD = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f"<p:sld {_xml.NAMESPACES}><p:cSld><p:spTree><p:nvGrpSpPr>"
    '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
)
_FOOT = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"


class Page(Part):
    """A slide being written: its shapes as XML text, in the order they are drawn, joined
    into the slide's part only when the deck is saved, never parsed on the way.

    It starts with its layout's placeholders, empty, as python-pptx would add them (numbered
    2 on); the title and the other placeholder are filled in place (`fill`), and every other
    shape is added after them, numbered on from them (`add`)."""

    def __init__(self, partname: PackURI, package: Any, layout: Layout) -> None:
        super().__init__(partname, CT.PML_SLIDE, package)
        self.layout = layout
        self.shapes = [
            f"{head}<p:spPr/>{text}</p:sp>"
            for head, text in zip(layout.heads, layout.texts, strict=True)
        ]
        self.last_id = 1 + len(self.shapes)

    def fill(self, text: str, *, title: bool, box: Box | None) -> None:
        """Put ``text`` (a text body's contents) in the slide's title placeholder, or its other
        one, at ``box`` if given, else where its layout puts it."""
        index = self.layout.title if title else self.layout.other
        place = "<p:spPr/>"
        if box is not None:
            place = (
                f'<p:spPr><a:xfrm><a:off x="{box.left}" y="{box.top}"/>'
                f'<a:ext cx="{box.width}" cy="{box.height}"/></a:xfrm></p:spPr>'
            )
        self.shapes[index] = f"{self.layout.heads[index]}{place}<p:txBody>{text}</p:txBody></p:sp>"

    def add(self, shape: str) -> None:
        """Draw ``shape`` (a shape's XML, written by `next_id`'s number) over the others."""
        self.shapes.append(shape)

    def next_id(self) -> int:
        """The number of the next shape added: one more than the last."""
        self.last_id += 1
        return self.last_id

    @property  # type: ignore[misc]  # made from the shapes, so never set, unlike a Part's
    def blob(self) -> bytes:
        return f"{_HEAD}{''.join(self.shapes)}{_FOOT}".encode()


class SlideMaker:
    """Adds slides to a deck, in time linear in their number.

    python-pptx's own ``add_slide`` looks through every relationship of the presentation for
    one to the new slide, and through every slide's id for the largest, on each new slide,
    which made a 3,000-slide deck quadratic. A new slide has no relationship yet, and the ids
    are counted here, so neither look is needed. Its placeholders, which python-pptx finds
    anew in the layout for each slide (a tenth of a second for a 33-slide deck), are the
    layout's, read once (`layouts`); the slide is written as text (`Page`).
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.slides = deck.slides._sldIdLst
        ids = [int(slide.get("id")) for slide in self.slides]
        self.next_id = max([255, *ids]) + 1  # slide ids start at 256
        self.count = len(ids)

    def add(self, layout: Layout) -> Page:
        part = self.deck.part
        self.count += 1
        name = PackURI(f"/ppt/slides/slide{self.count}.xml")
        page = Page(name, part.package, layout)
        page.relate_to(layout.layout.part, RT.SLIDE_LAYOUT)
        rel = part.rels._add_relationship(RT.SLIDE, page)
        added = etree.SubElement(self.slides, f"{{{_P}}}sldId")
        added.set("id", str(self.next_id))
        added.set(f"{{{_R}}}id", rel)
        self.next_id += 1
        return page
