"""Each slide written as text, never parsed on the way: its XML is what an XML serializer
writes for it, its shapes numbered as python-pptx numbers them, its placeholders the ones
python-pptx adds from its layout, put where python-pptx reads that layout puts them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

import pytest
from _deck import read
from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation as PptxDeck
from pptx.slide import SlideLayout
from safeguarding_plan_pptx import _deck
from test_pptx_layout import long_updates
from test_pptx_template import house

import safeguarding_plan as sp

Export = Callable[..., bytes]
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def slide_parts(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each slide's name and its XML as the deck holds it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("ppt/slides/slide"):
                yield name, archive.read(name)


def reserialized(xml: bytes) -> bytes:
    """``xml`` parsed and written again, as python-pptx writes a part."""
    written: bytes = etree.tostring(etree.fromstring(xml), encoding="UTF-8", standalone=True)
    return written


@pytest.fixture(scope="module")
def decks() -> dict[str, bytes]:
    """Birmingham's deck, and Birmingham's and Anytown's with every update 2,000 characters
    long: text boxes, tables cut over many slides, charts, titles grown down the slide."""
    from safeguarding_plan.testing import learning_plan_path, sample_plan_path

    def export(plan: sp.Plan) -> bytes:
        stream = io.BytesIO()
        sp.export(plan, "pptx", stream)
        return stream.getvalue()

    sample, learning = sp.load(sample_plan_path()), sp.load(learning_plan_path())
    return {
        "birmingham": export(sample),
        "birmingham, long updates": export(long_updates(sample)),
        "anytown, long updates": export(long_updates(learning)),
    }


def test_every_slide_is_written_as_its_xml_is_serialized(decks: dict[str, bytes]) -> None:
    for data in decks.values():
        parts = dict(slide_parts(data))
        assert len(parts) > 20
        assert {name: xml for name, xml in parts.items() if reserialized(xml) != xml} == {}


def test_every_shape_is_numbered_once_in_drawing_order(decks: dict[str, bytes]) -> None:
    # As python-pptx numbers them: the shape tree 1, then each shape one more than the last.
    shapes = 0
    for data in decks.values():
        for name, xml in slide_parts(data):
            ids = [int(i) for i in etree.fromstring(xml).xpath("//@id")]
            assert ids == list(range(1, len(ids) + 1)), name
            shapes += len(ids)
    assert shapes > 500
    # and python-pptx reads every slide, its title first
    deck = read(decks["birmingham, long updates"])
    assert len(deck.slides) > 100
    assert all(slide.title_first for slide in deck.slides)


def _templates() -> dict[str, PptxDeck]:
    """python-pptx's default template, widened as the deck's, and a 4:3 house template with
    a logo on its master, one layout's body given a place of its own and another's
    placeholders turned, halved and renumbered."""
    found = {"default": _deck.default()}
    deck = Presentation(io.BytesIO(house()))
    content = next(layout for layout in deck.slide_layouts if layout.name == "Title and Content")
    properties = content.placeholders[1].element.find(f"{_P}spPr")
    properties.insert(
        0, etree.fromstring(f'<a:xfrm xmlns:a="{_A[1:-1]}"><a:off x="10" y="20"/></a:xfrm>')
    )
    odd = next(layout for layout in deck.slide_layouts if layout.name == "Two Content")
    for ph in odd.element.iter(f"{_P}ph"):
        ph.set("orient", "vert")
        ph.set("sz", "half")
        if ph.get("idx"):
            ph.set("idx", f"0{ph.get('idx')}")
    found["house"] = deck
    return found


def _cloned(deck: PptxDeck, layout: SlideLayout) -> list[bytes]:
    """The placeholders python-pptx adds to a new slide of ``layout``."""
    name = PackURI("/ppt/slides/scratch.xml")
    scratch = SlidePart.new(name, deck.part.package, layout.part)  # type: ignore[no-untyped-call]
    scratch.slide.shapes.clone_layout_placeholders(layout)
    tree = scratch.slide.shapes._spTree
    return [_canonical(shape) for shape in tree.iterchildren(f"{_P}sp")]


def _canonical(shape: etree._Element) -> bytes:
    """``shape`` written with only the namespaces it uses declared, as every shape read from
    a slide would be, wherever it comes from."""
    written: bytes = etree.tostring(shape, method="c14n", exclusive=True)
    return written


@pytest.mark.parametrize("template", ["default", "house"])
def test_a_slides_placeholders_are_python_pptxs(template: str) -> None:
    deck = _templates()[template]
    kinds: set[str] = set()
    for layout in deck.slide_layouts:
        heads, texts = _deck.placeholders(layout)
        ours = "".join(
            f"{head}<p:spPr/>{text}</p:sp>" for head, text in zip(heads, texts, strict=True)
        )
        # Read as in a slide, whose root declares the prefixes.
        tree = etree.fromstring(
            f'<p:spTree xmlns:a="{_A[1:-1]}" xmlns:p="{_P[1:-1]}">{ours}</p:spTree>'
        )
        written = [_canonical(shape) for shape in tree]
        assert written == _cloned(deck, layout), layout.name
        kinds.update(ph.get("type", "obj") for ph in layout.element.iter(f"{_P}ph"))
    assert {"title", "ctrTitle", "subTitle", "obj", "body"} <= kinds


@pytest.mark.parametrize("template", ["default", "house"])
def test_the_layouts_boxes_are_where_python_pptx_reads_them(template: str) -> None:
    deck = _templates()[template]
    layouts = _deck.layouts(deck)
    for layout in layouts:
        shown = list(layout.layout.iter_cloneable_placeholders())
        title = next(ph for ph in shown if ph.placeholder_format.type in (1, 3))
        other = next((ph for ph in shown if ph is not title), title)
        for box, shape in ((layout.title_box, title), (layout.other_box, other)):
            assert box == (shape.left, shape.top, shape.width, shape.height)
    if template == "house":  # its own place, its master's size
        assert layouts.body_box[:2] == (10, 20)
        assert layouts.body_box[2:] != layouts.title_only.title_box[2:]
