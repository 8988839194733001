"""The deck's package as python-pptx saves it: the same members, in the same order, with the
same bytes, each part's relationships written as text as python-pptx writes them, in the zip
archive zipfile writes."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.presentation import Presentation as PptxDeck
from safeguarding_plan_pptx import _deck, _package, _sections, _write, _zip
from safeguarding_plan_pptx._slides import Slides
from test_pptx_layout import long_updates
from test_pptx_template import house

import safeguarding_plan as sp
from safeguarding_plan.testing import learning_plan_path, sample_plan_path


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def laid_out(plan: sp.Plan, deck: PptxDeck) -> PptxDeck:
    report = sp.report(plan)
    slides = Slides(deck, _deck.layouts(deck), report.words)
    _sections.lay_out(slides, report)
    _write._properties(deck, report)
    return deck


@pytest.mark.parametrize("template", ["default", "house"])
@pytest.mark.parametrize("plan", ["birmingham", "anytown, long updates"])
def test_the_package_is_python_pptxs(plan: str, template: str) -> None:
    loaded = {
        "birmingham": sp.load(sample_plan_path()),
        "anytown, long updates": long_updates(sp.load(learning_plan_path())),
    }[plan]
    deck = _deck.from_template(io.BytesIO(house())) if template == "house" else _deck.default()
    deck = laid_out(loaded, deck)
    ours, theirs = io.BytesIO(), io.BytesIO()
    _package.save(deck, ours)
    deck.save(theirs)
    written = members(ours.getvalue())
    assert len(written) > 50
    assert any(name.startswith("ppt/slides/_rels/") for name, _ in written)
    assert written == members(theirs.getvalue())


ADDRESSES = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=40
).map(lambda text: f"https://example.org/{text}")


@given(addresses=st.lists(ADDRESSES, max_size=6))
@example(addresses=["https://example.org/?a=1&b=\"2\"<3>'4'", "https://example.org/é😊"])
@example(addresses=["https://example.org/\ta", "https://example.org/\xa0", "https://x.org/\x01"])
def test_relationships_are_written_as_python_pptx_writes_them(addresses: list[str]) -> None:
    deck = _deck.default()
    package = deck.part.package
    layout = deck.slide_layouts[0].part
    part = Part(PackURI("/ppt/slides/slide9.xml"), "application/xml", package)
    part.relate_to(layout, RT.SLIDE_LAYOUT)
    for address in addresses:  # a link's address, which plan text gives
        part.relate_to(address, RT.HYPERLINK, is_external=True)
    elsewhere = Part(PackURI("/ppt/charts/deeper/chart3.xml"), "application/xml", package)
    part.relate_to(elsewhere, RT.CHART)
    part.relate_to(deck.part, RT.SLIDE)
    for base in ("/ppt/slides", "/"):
        source = Part(PackURI(f"{base.rstrip('/')}/part.xml"), "application/xml", package)
        for rel in part._rels.values():
            source.relate_to(rel._target, rel.reltype, is_external=rel.is_external)
        try:
            expected = source.rels.xml
        except ValueError:  # a character XML cannot carry, refused as before
            with pytest.raises(ValueError, match="XML compatible"):
                _package.relationships(source._rels, base, {})
            continue
        assert _package.relationships(source._rels, base, {}) == expected


def test_a_deck_on_the_kept_default_template_is_a_deck_on_a_fresh_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_deck, "_DEFAULT", {})
    plan = sp.load(sample_plan_path())

    def saved() -> list[tuple[str, bytes]]:
        stream = io.BytesIO()
        _package.save(laid_out(plan, _deck.default()), stream)
        return members(stream.getvalue())

    first = saved()  # on the template as loaded
    assert "kept" not in _deck._DEFAULT
    second = saved()  # on a copy of the one kept from now on
    kept = _deck._DEFAULT["kept"]
    before = [(part.partname, part.blob) for part in kept.part.package.iter_parts()]
    assert first == second == saved()
    # Nothing written to the one kept: no slide, no property, not a byte.
    assert [(part.partname, part.blob) for part in kept.part.package.iter_parts()] == before
    assert not any(name.startswith("/ppt/slides/") for name, _ in before)


def _zipped(members: list[tuple[str, bytes]], *, ours: bool) -> bytes:
    stream = io.BytesIO(b"before ")  # a stream already written to: offsets count from its start
    stream.seek(0, io.SEEK_END)
    if ours:
        archive = _zip.Archive(stream)
        for name, data in members:
            archive.write(name, data)
        archive.close()
    else:
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, strict_timestamps=False) as zipped:
            for name, data in members:
                zipped.writestr(name, data)
    return stream.getvalue()


MEMBERS = st.lists(
    st.tuples(
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00/\\"), min_size=1),
        st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    ),
    max_size=8,
    unique_by=lambda member: member[0],
)


@given(members=MEMBERS, limit=st.sampled_from([None, 0, 50, 200]))
# Near the size limit, past it, and more members than the count limit.
@example(members=[("a", bytes(range(49))), ("b", b"b" * 300), ("é", b"")], limit=50)
def test_the_archive_is_zipfiles_byte_for_byte(
    members: list[tuple[str, bytes]], limit: int | None
) -> None:
    # ZIP64 records too, where the limits are brought down to the members' sizes and count.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: 1_700_000_000.0)
        if limit is not None:
            for module, name, value in (
                (_zip, "LIMIT", limit),
                (zipfile, "ZIP64_LIMIT", limit),
                (_zip, "COUNT_LIMIT", 2),
                (zipfile, "ZIP_FILECOUNT_LIMIT", 2),
            ):
                patch.setattr(module, name, value)
        try:
            theirs = _zipped(members, ours=False)
        except RuntimeError:  # a member that grew past a limit it was not deemed near
            assume(False)  # (at 2 GB, deflate never grows one by the 5% zipfile allows)
        ours = _zipped(members, ours=True)
        assert ours == theirs
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert [(info.filename, archive.read(info)) for info in archive.infolist()] == members


def test_content_types_are_written_as_python_pptx_writes_them() -> None:
    package = _deck.default().part.package
    kinds = [
        ("/ppt/media/image1.PNG", "image/png"),  # a default, whatever the extension's case
        ("/ppt/media/image2.png", "image/png"),
        ("/ppt/embeddings/sheet.xlsx", CT.SML_SHEET),
        ("/ppt/slides/slide1.xml", CT.PML_SLIDE),  # an override
        ("/ppt/a&b.xml", 'text/x-"odd"'),
        ("/ppt/printerSettings/printerSettings1.bin", CT.PML_PRINTER_SETTINGS),
        ("/ppt/other.bin", "application/octet-stream"),
    ]
    parts = (*package.iter_parts(), *(Part(PackURI(name), kind, package) for name, kind in kinds))
    expected = serialize_part_xml(_ContentTypesItem.xml_for(parts))
    assert _package.content_types(parts) == expected


@pytest.mark.parametrize("template", ["default", "house"])
def test_the_templates_picture_of_itself_is_left_out(template: str) -> None:
    deck = _deck.from_template(io.BytesIO(house())) if template == "house" else _deck.default()
    rels = deck.part.package._rels.values()
    assert any(rel.reltype == RT.THUMBNAIL for rel in rels)  # python-pptx's templates have one
    stream = io.BytesIO()
    _package.save(laid_out(sp.load(sample_plan_path()), deck), stream)
    names = [name for name, _ in members(stream.getvalue())]
    assert "ppt/presentation.xml" in names
    assert not any("thumbnail" in name for name in names)
    assert b"thumbnail" not in dict(members(stream.getvalue()))["_rels/.rels"]
