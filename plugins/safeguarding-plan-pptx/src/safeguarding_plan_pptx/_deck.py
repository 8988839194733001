"""The presentation the slides are added to: a partnership's own template, or a plain 16:9
default, and the three slide layouts the deck uses, found by their placeholders.

A layout is known by what it holds, not by its name, which PowerPoint translates: the title
slide has a title and a subtitle; the content layout a title and one body; the title-only
layout a title and nothing else to fill in.
"""

from __future__ import annotations

import copy
from typing import IO

import attrs
from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation as Deck
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu

WIDE = 12_192_000
"""A 16:9 slide's width in EMU (13.33 inches); the default template is 4:3 and is widened."""

_TITLES = ("title", "ctrTitle")
_BODIES = ("body", "obj")
_FURNITURE = ("dt", "ftr", "sldNum")
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NEEDED = {
    "title": "'Title Slide' (a title and a subtitle)",
    "content": "'Title and Content' (a title and one body)",
    "title_only": "'Title Only' (a title and nothing else to fill in)",
}
"""The layouts the deck uses, as a message names them."""


@attrs.frozen
class Box:
    """A rectangle on a slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


@attrs.frozen
class Layout:
    """A slide layout the deck uses, and where it puts its title and its other placeholder
    (a subtitle or a body), read once: a slide's own placeholders take theirs from it."""

    layout: SlideLayout
    title_box: Box
    other_box: Box


@attrs.frozen
class Layouts:
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
    """python-pptx's own template, widened to 16:9: every placeholder of its master and
    layouts moved and stretched across, as PowerPoint does when a slide's size is changed."""
    deck = Presentation()
    ratio = WIDE / deck.slide_width
    parts = [deck.slide_master, *deck.slide_layouts]
    for part in parts:
        for xfrm in part.element.iter(f"{{{_A}}}xfrm"):
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
    return Layouts(*(_layout(found[name]) for name in ("title", "content", "title_only")))


def _layout(layout: SlideLayout) -> Layout:
    shown = list(layout.iter_cloneable_placeholders())
    title = next(ph for ph in shown if ph.placeholder_format.type in _TITLE_TYPES)
    other = next((ph for ph in shown if ph is not title), title)
    return Layout(layout, _box(title), _box(other))


def _box(shape: LayoutPlaceholder) -> Box:
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


class SlideMaker:
    """Adds slides to a deck, in time linear in their number.

    python-pptx's own ``add_slide`` looks through every relationship of the presentation for
    one to the new slide, and through every slide's id for the largest, on each new slide,
    which made a 3,000-slide deck quadratic. A new slide has no relationship yet, and the ids
    are counted here, so neither look is needed. Its placeholders, which python-pptx finds
    anew in the layout for each slide (a tenth of a second for a 33-slide deck), are copied
    from the first slide of the same layout.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.slides = deck.slides._sldIdLst
        ids = [int(slide.get("id")) for slide in self.slides]
        self.next_id = max([255, *ids]) + 1  # slide ids start at 256
        self.count = len(ids)
        self.placeholders: dict[str, list[etree._Element]] = {}

    def add(self, layout: SlideLayout) -> Slide:
        part = self.deck.part
        self.count += 1
        name = PackURI(f"/ppt/slides/slide{self.count}.xml")
        slide_part = SlidePart.new(name, part.package, layout.part)  # type: ignore[no-untyped-call]
        rel = part.rels._add_relationship(RT.SLIDE, slide_part)
        slide: Slide = slide_part.slide
        tree = slide.shapes._spTree
        cloned = self.placeholders.get(layout.part.partname)
        if cloned is None:
            slide.shapes.clone_layout_placeholders(layout)
            cloned = [copy.deepcopy(shape) for shape in tree.iterchildren(f"{{{_P}}}sp")]
            self.placeholders[layout.part.partname] = cloned
        else:
            tree.extend(copy.deepcopy(shape) for shape in cloned)
        added = etree.SubElement(self.slides, f"{{{_P}}}sldId")
        added.set("id", str(self.next_id))
        added.set(f"{{{_R}}}id", rel)
        self.next_id += 1
        return slide
