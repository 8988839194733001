"""The presentation the slides are added to: a partnership's own template, or a plain 16:9
default, and the three slide layouts the deck uses, found by their placeholders.

A layout is known by what it holds, not by its name, which PowerPoint translates: the title
slide has a title and a subtitle; the content layout a title and one body; the title-only
layout a title and nothing else to fill in.
"""

from __future__ import annotations

import io

import attrs
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as Deck
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideLayout
from pptx.util import Emu

WIDE = 12_192_000
"""A 16:9 slide's width in EMU (13.33 inches); the default template is 4:3 and is widened."""

_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)

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
class Layouts:
    """The deck's three layouts, and where the content layout puts its title and body."""

    title: SlideLayout
    content: SlideLayout
    title_only: SlideLayout
    title_box: Box
    body_box: Box


class LayoutError(Exception):
    """A template without some of the layouts the deck needs; ``names`` says which."""

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


def from_template(data: bytes) -> Deck:
    """The template ``data`` (cleaned of what reaches outside it) with its slides removed:
    its masters, layouts, theme and size are kept."""
    deck = Presentation(io.BytesIO(data))
    slides = deck.slides._sldIdLst
    for slide in list(slides):
        slides.remove(slide)  # first, so that nothing refers to the relationship dropped
        deck.part.drop_rel(slide.get(f"{{{_R}}}id"))
    return deck


def layouts(deck: Deck) -> Layouts:
    """The deck's three layouts; LayoutError naming those it lacks."""
    found: dict[str, SlideLayout] = {}
    for layout in deck.slide_layouts:
        # The placeholders a slide of the layout gets: the date, footer and number left out.
        rest = [ph.placeholder_format.type for ph in layout.iter_cloneable_placeholders()]
        titles = sum(kind in _TITLES for kind in rest)
        if titles != 1:
            continue
        if PP_PLACEHOLDER.SUBTITLE in rest:
            found.setdefault("title", layout)
        elif len(rest) == 2 and sum(kind in _BODIES for kind in rest) == 1:
            found.setdefault("content", layout)
        elif len(rest) == 1:
            found.setdefault("title_only", layout)
    missing = [NEEDED[name] for name in NEEDED if name not in found]
    if missing:
        raise LayoutError(missing)
    content = found["content"]
    shown = list(content.iter_cloneable_placeholders())
    title_box = _box(next(ph for ph in shown if ph.placeholder_format.type in _TITLES))
    body_box = _box(next(ph for ph in shown if ph.placeholder_format.type in _BODIES))
    return Layouts(found["title"], content, found["title_only"], title_box, body_box)


def _box(shape: LayoutPlaceholder) -> Box:
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
