"""A house template: its slide master, layouts, theme and size kept and its own slides gone;
one without the layouts the deck uses, or that is no presentation, refused in one line; what
in it reaches outside the deck or runs code dropped, and told."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from _deck import read
from pptx import Presentation
from pptx.util import Inches

import safeguarding_plan as sp

Export = Callable[..., bytes]
BIRMINGHAM = Path(__file__).resolve().parents[3] / "examples" / "birmingham-2021-23" / "plan.yaml"
POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"


def house(*, without: tuple[str, ...] = ()) -> bytes:
    """A 4:3 house template with a logo on its slide master and a slide of its own, without
    the layouts named in ``without``."""
    deck = Presentation()
    own = deck.slides.add_slide(deck.slide_layouts[1])
    own.shapes.title.text_frame.text = "TEMPLATE SLIDE"
    for layout in list(deck.slide_layouts):
        if layout.name in without:
            deck.slide_layouts.remove(layout)
    out = io.BytesIO()
    deck.save(out)
    return changed(out.getvalue(), lambda parts: on_master(parts, text_box("HOUSE LOGO")))


def text_box(text: str, link: str = "") -> str:
    """A text box on the slide master, its text linked to relationship ``link`` if given."""
    click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
    return (
        '<p:sp><p:nvSpPr><p:cNvPr id="90" name="Logo"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="7315200" y="6400800"/><a:ext cx="1371600" '
        'cy="365760"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB">{click}</a:rPr>'
        f"<a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>"
    )


def on_master(parts: dict[str, bytes], shape: str) -> None:
    name = "ppt/slideMasters/slideMaster1.xml"
    parts[name] = parts[name].replace(b"</p:spTree>", shape.encode() + b"</p:spTree>", 1)


def changed(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    return out.getvalue()


def export(template: Path, out: Path) -> tuple[int, list[str]]:
    """The command line's export of Birmingham on ``template``: its exit code and what it
    said on standard error, line by line."""
    command = [sys.executable, "-m", "safeguarding_plan", "export", str(BIRMINGHAM)]
    done = subprocess.run(
        [*command, "-f", "pptx", "-O", f"template={template}", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stderr.splitlines()


def as_potx(parts: dict[str, bytes]) -> None:
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        PPTX.encode(), POTX.encode()
    )


def linked_and_macros(parts: dict[str, bytes]) -> None:
    """A hyperlink to a web address and a picture linked from one on the master, and a
    macro project."""
    rels = parts[MASTER_RELS].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>'
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="https://example.com/logo.png" TargetMode="External"/>'
        "</Relationships>",
    )
    parts[MASTER_RELS] = rels.encode()
    picture = (
        '<p:pic><p:nvPicPr><p:cNvPr id="99" name="Linked"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rId91"/></p:blipFill><p:spPr/></p:pic>'
    )
    on_master(parts, text_box("REPORT A CONCERN", link="rId90") + picture)
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macros"
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/ppt/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        )
        .encode()
    )
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    parts["ppt/_rels/presentation.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/></Relationships>',
    ).encode()


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_the_deck_is_on_the_house_template(
    export_pptx: Export, tmp_path: Path, suffix: str
) -> None:
    template = tmp_path / f"house{suffix}"
    data = house()
    template.write_bytes(changed(data, as_potx) if suffix == ".potx" else data)
    deck = read(export_pptx(options={"template": template}))
    # Its own size (4:3), master and logo; its own slide gone, the deck's all there.
    assert (deck.deck.slide_width, deck.deck.slide_height) == (Inches(10), Inches(7.5))
    master_text = [s.text_frame.text for s in deck.deck.slide_master.shapes if s.has_text_frame]
    assert "HOUSE LOGO" in master_text
    assert "TEMPLATE SLIDE" not in deck.titles
    assert deck.titles[0] == sp.report(sp.load(BIRMINGHAM)).title
    assert deck.off_the_slide() == []
    assert (
        len(
            deck.starting(
                "Priority 2 – Continuously Improve Child Safeguarding Practice "
                "across the system and in all agencies"
            )
        )
        >= 2
    )


def test_a_template_without_the_layouts_is_refused_naming_them(tmp_path: Path) -> None:
    template = tmp_path / "house.pptx"
    template.write_bytes(house(without=("Title Only", "Title Slide")))
    out = tmp_path / "deck.pptx"
    assert export(template, out) == (
        2,
        [
            f"safeguarding-plan: template {template}: it has no slide layout 'Title Slide' (a "
            "title and a subtitle), 'Title Only' (a title and nothing else to fill in), which "
            "the deck uses; add it to the slide master in PowerPoint and save the template again"
        ],
    )
    assert not out.exists()


def test_a_file_that_is_no_presentation_is_refused_in_one_line(tmp_path: Path) -> None:
    template = tmp_path / "house.pptx"
    template.write_text("not a presentation")
    assert export(template, tmp_path / "deck.pptx") == (
        2,
        [
            f"safeguarding-plan: template {template}: not a PowerPoint presentation or template "
            "(.pptx, .potx): File is not a zip file"
        ],
    )


def test_what_reaches_outside_or_runs_code_is_dropped_and_told(
    export_pptx: Export, tmp_path: Path
) -> None:
    template = tmp_path / "house.pptx"
    template.write_bytes(changed(house(), linked_and_macros))
    with pytest.warns(sp.ExportNote) as told:
        data = export_pptx(options={"template": template})
    assert [str(w.message) for w in told] == [
        f"template {template}: dropped 2 external links (image, hyperlink) and a macro project"
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        rels = b"".join(archive.read(n) for n in names if n.endswith(".rels"))
        master = archive.read("ppt/slideMasters/slideMaster1.xml")
    assert not any("vba" in name.lower() for name in names)
    assert b"example.com" not in rels
    assert b"REPORT A CONCERN" in master  # the text of the link stays
    assert b"rId90" not in master
    assert b'r:link="rId91"' not in master
