"""``HouseTemplate``: a plugin's house template read as the board paper's is, through the
public plugin API: bounded, checked, cleaned of what reaches outside it or runs code, a
template's main part opened as a document's, and anything wrong told in one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO

import pytest

import safeguarding_plan as sp
from safeguarding_plan.plugin import HouseTemplate

POWERPOINT = HouseTemplate("a PowerPoint presentation", (".pptx", ".potx"))
PML = "application/vnd.openxmlformats-officedocument.presentationml"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(main: str, *, link: bool = False, macros: bool = False, doctype: bool = False) -> bytes:
    """A small package whose main part has the content type ``main``: with an external
    hyperlink on it, a macro project, or a document type declared in it."""
    types = [
        f'<Override PartName="/ppt/presentation.xml" ContentType="{main}"/>',
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    ]
    rels = [
        f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="ppt/presentation.xml"/>'
    ]
    own = []
    if link:
        own.append(
            f'<Relationship Id="rId9" Type="{OFFICE}/hyperlink" '
            'Target="https://example.com/" TargetMode="External"/>'
        )
    if macros:
        types.append(
            '<Override PartName="/ppt/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>'
        )
        own.append(
            '<Relationship Id="rId8" '
            'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/>'
        )
    head = '<!DOCTYPE p [<!ENTITY x "y">]>' if doctype else ""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + "".join(types)
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels", f'<Relationships xmlns="{RELS}">{"".join(rels)}</Relationships>'
        )
        archive.writestr(
            "ppt/_rels/presentation.xml.rels",
            f'<Relationships xmlns="{RELS}">{"".join(own)}</Relationships>',
        )
        archive.writestr("ppt/presentation.xml", f"{head}<p/>")
        if macros:
            archive.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")
    return out.getvalue()


def parts(stream: IO[bytes]) -> dict[str, bytes]:
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_template_opens_as_a_document_its_library_reads(tmp_path: Path) -> None:
    path = tmp_path / "house.potx"
    path.write_bytes(package(f"{PML}.template.main+xml"))
    opened = POWERPOINT.open(path, parts)
    assert f"{PML}.presentation.main+xml".encode() in opened["[Content_Types].xml"]
    assert b"template.main" not in opened["[Content_Types].xml"]


def test_what_reaches_outside_or_runs_code_is_dropped_and_told(tmp_path: Path) -> None:
    path = tmp_path / "house.pptm"
    path.write_bytes(
        package(
            "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
            link=True,
            macros=True,
        )
    )
    with pytest.warns(sp.ExportNote) as told:
        opened = POWERPOINT.open(path, parts)
    assert [str(w.message) for w in told] == [
        f"template {path}: dropped an external link (hyperlink) and a macro project"
    ]
    assert "ppt/vbaProject.bin" not in opened
    assert b"example.com" not in opened["ppt/_rels/presentation.xml.rels"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            package(f"{PML}.presentation.main+xml", doctype=True),
            "it declares XML entities, which are refused (a PowerPoint presentation never "
            "needs them)",
        ),
        (
            b"not a zip",
            "not a PowerPoint presentation or template (.pptx, .potx): File is not a zip file",
        ),
        (
            package(f"{PML}.presentation.main+xml"),
            "not a PowerPoint presentation or template (.pptx, .potx): boom",
        ),
    ],
)
def test_anything_wrong_is_one_line_naming_the_file(data: bytes, message: str) -> None:
    def reader(stream: IO[bytes]) -> None:
        raise ValueError("boom")

    given = io.BytesIO(data)
    given.name = "deck.pptx"
    with pytest.raises(sp.ExporterError) as refused:
        POWERPOINT.open(given, reader)
    assert str(refused.value) == f"template deck.pptx: {message}"


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(sp.ExporterError, match=r"missing\.pptx: cannot read it: No such file"):
        POWERPOINT.open(tmp_path / "missing.pptx", parts)
